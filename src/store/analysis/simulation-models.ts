import type { EntityModel } from '../../graph/models.js';
import type { SimulatedRule } from '../../rules/rule-input.js';
import type { AccessClassification, ComputeRouteModel } from './models.js';

/** What simulateRule answers (schema/rules.graphql): plain models, as the other analysis queries return. */

/** Why a route changes: the hypothetical rule, the criterion the chip met with its numbers, the places' scope. */
export interface SimulationReasonModel {
  readonly rule: string;
  readonly criterion: string | null;
  readonly evidence: string[];
  readonly basis: string[];
  /** True when only the rule's remote-access clause reaches the route. */
  readonly remoteAccess: boolean;
}

export interface RouteChangeModel {
  readonly company: EntityModel;
  /** The route as classified under the rules in force (classification = before). */
  readonly route: ComputeRouteModel;
  readonly before: AccessClassification;
  readonly after: AccessClassification;
  readonly reason: SimulationReasonModel;
}

export interface UndecidedRouteModel {
  readonly company: EntityModel;
  readonly route: ComputeRouteModel;
  /** The chip's inputs the rule tests that nobody recorded. */
  readonly missing: string[];
}

/** A company that could use a route without a licence under the rules in force, and would need one. */
export interface CompanyLossModel {
  readonly company: EntityModel;
  readonly homeCountry: EntityModel | null;
  readonly chips: EntityModel[];
  /** The countries of the data centers it loses (none for a route whose place is unknown). */
  readonly countries: EntityModel[];
  readonly routes: RouteChangeModel[];
}

export interface RuleSimulationModel {
  readonly asOf: string;
  readonly rule: Omit<SimulatedRule, 'rule' | 'chips'> & { readonly chips: EntityModel[] };
  readonly routesEvaluated: number;
  readonly changes: RouteChangeModel[];
  readonly losses: CompanyLossModel[];
  readonly undecided: UndecidedRouteModel[];
  readonly truncated: boolean;
}

/** Usable without a licence: no rule in force restricts it, or only from abroad (the cloud loophole). */
const USABLE: ReadonlySet<AccessClassification> = new Set(['UNRESTRICTED', 'RESTRICTED_OFFSHORE']);

const distinct = (entities: (EntityModel | null)[]): EntityModel[] => [
  ...new Map(entities.filter((e): e is EntityModel => e !== null).map((e) => [e.id, e])).values(),
];

/** The changes that take compute away (usable before, licensable after), by company, in route order. */
export function lossesOf(changes: readonly RouteChangeModel[]): CompanyLossModel[] {
  const byCompany = new Map<string, RouteChangeModel[]>();
  for (const c of changes.filter((c) => USABLE.has(c.before) && !USABLE.has(c.after))) {
    byCompany.set(c.company.id, [...(byCompany.get(c.company.id) ?? []), c]);
  }
  return [...byCompany.values()].map((routes) => ({
    company: routes[0]!.company,
    homeCountry: routes[0]!.route.homeCountry,
    chips: distinct(routes.map((r) => r.route.chip)),
    countries: distinct(routes.map((r) => r.route.dataCenterCountry)),
    routes,
  }));
}
