import type { Database, Tx } from '../../db/database.js';
import { dbDate } from '../../db/mapping.js';
import { badInput } from '../../errors.js';
import type { EntityModel } from '../../graph/models.js';
import { chipSpecsFromEntity } from '../../rules/chip-specs.js';
import type { CountryGroupsFile } from '../../rules/country-groups.js';
import type { SimulatedRule } from '../../rules/rule-input.js';
import { createRouteSimulator, type RouteVerdict } from '../../rules/simulate.js';
import { heldOn, toEntity } from '../cypher.js';
import { text, texts } from '../rows.js';
import { routesWithin } from './compute-access.js';
import type { AccessClassification, AnalysisLimits, ComputeRouteModel } from './models.js';
import { lossesOf, type RouteChangeModel, type RuleSimulationModel } from './simulation-models.js';

/** The chips in $ids that exist, by name. */
export const CHIPS_BY_IDS = `
  MATCH (chip:Entity:Chip)
  WHERE chip.id IN $ids
  RETURN chip
  ORDER BY chip.name, chip.id`;

/** For each chip in $chips, the ISO codes of its designers' home countries on $asOf ('' for a designer with none). */
export const CHIP_DESIGNERS = `
  MATCH (chip:Entity:Chip)
  WHERE chip.id IN $chips
  RETURN chip.id AS chip, COLLECT {
    MATCH (designer:Entity:Company)-[ds:DESIGNS]->(chip)
    WHERE ${heldOn('ds', 'asOf')}
    OPTIONAL MATCH (designer)-[hq:HEADQUARTERED_IN]->(home:Entity:Country)
    WHERE ${heldOn('hq', 'asOf')}
    RETURN coalesce(home.isoCode, '') AS iso
  } AS designers`;

/**
 * How far a route is from use without a licence: a hypothetical rule only adds to the rules in force, so a
 * route's classification after it is the furthest of the two along this order.
 */
// UNKNOWN (the rules in force cannot decide) sits above UNRESTRICTED: a rule that does decide replaces it.
const RANK: Record<AccessClassification, number> = { UNRESTRICTED: 0, UNKNOWN: 1, RESTRICTED_OFFSHORE: 2, RESTRICTED_REMOTE_ACCESS: 3, RESTRICTED_DOMESTIC: 4 };
const EFFECT: Record<'DOMESTIC' | 'REMOTE_ACCESS' | 'OFFSHORE', AccessClassification> = {
  DOMESTIC: 'RESTRICTED_DOMESTIC',
  REMOTE_ACCESS: 'RESTRICTED_REMOTE_ACCESS',
  OFFSHORE: 'RESTRICTED_OFFSHORE',
};

/** The chips a rule names; BAD_USER_INPUT naming the first id no chip has. */
async function namedChips(tx: Tx, ids: readonly string[]): Promise<EntityModel[]> {
  if (!ids.length) return [];
  const chips = (await tx.run(CHIPS_BY_IDS, { ids })).map((r) => toEntity(r.chip));
  const i = ids.findIndex((id) => !chips.some((c) => c.id === id));
  if (i >= 0) {
    // unknownId/unknownKinds let the resolver add a "did you mean" (resolvers/suggestions.ts).
    throw badInput(`rule.chips[${i}]: no chip has the id "${ids[i]}"`, {
      argument: 'rule',
      field: `rule.chips[${i}]`,
      unknownId: ids[i],
      unknownKinds: ['Chip'],
    });
  }
  return chips;
}

async function designersOf(tx: Tx, chips: string[], asOf: string): Promise<Map<string, string[]>> {
  if (!chips.length) return new Map();
  const rows = await tx.run(CHIP_DESIGNERS, { chips, asOf: dbDate(asOf) });
  return new Map(rows.map((r) => [text(r.chip, 'chip'), texts(r.designers, 'designers')]));
}

const iso = (country: EntityModel | null): string | null => (typeof country?.isoCode === 'string' ? country.isoCode : null);

/**
 * A hypothetical rule evaluated over every route to compute on `asOf`, beside the rules in force, without
 * writing anything: the routes whose classification it changes, who loses what where, and the routes it
 * cannot decide for want of a chip's specifications.
 */
export async function simulateRule(
  db: Database,
  simulated: SimulatedRule,
  groups: CountryGroupsFile,
  asOf: string,
  limits: AnalysisLimits,
): Promise<RuleSimulationModel> {
  return db.read(
    async (tx) => {
      const chips = await namedChips(tx, simulated.chips);
      const { routes, truncated } = await routesWithin(tx, { companies: null, chips: null }, asOf, limits);
      const designers = await designersOf(tx, [...new Set(routes.map((r) => r.chip.id))], asOf);
      const simulator = createRouteSimulator(simulated, groups, asOf);
      const changes: RouteChangeModel[] = [];
      const undecided: RuleSimulationModel['undecided'] = [];
      for (const route of routes) {
        const verdict = simulator.verdict({
          chip: chipSpecsFromEntity(route.chip),
          home: iso(route.homeCountry),
          place: iso(route.dataCenterCountry),
          designers: designers.get(route.chip.id) ?? [],
          company: route.company.name,
        });
        if (verdict.effect === 'UNKNOWN') undecided.push({ company: route.company, route, missing: verdict.missing });
        const change = changeOf(route, verdict, simulated.label);
        if (change) changes.push(change);
      }
      return { asOf, rule: { ...simulated, chips }, routesEvaluated: routes.length, changes, losses: lossesOf(changes), undecided, truncated };
    },
    { timeoutMs: limits.timeoutMs },
  );
}

/** The route's change under the hypothetical rule, or null when its classification stays. */
function changeOf(route: ComputeRouteModel, verdict: RouteVerdict, rule: string): RouteChangeModel | null {
  if (verdict.effect === 'NONE' || verdict.effect === 'UNKNOWN') return null;
  const before = route.classification;
  const candidate = EFFECT[verdict.effect];
  if (RANK[candidate] <= RANK[before]) return null;
  return { company: route.company, route, before, after: candidate, reason: { rule, ...verdict.reason } };
}
