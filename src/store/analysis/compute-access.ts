import type { Database, Row, Tx } from '../../db/database.js';
import { dbDate, dbInt } from '../../db/mapping.js';
import type { EntityModel } from '../../graph/models.js';
import { heldOn, toEntity } from '../cypher.js';
import { map, oneOf, text } from '../rows.js';
import { classifyRoute, covers } from './classify.js';
import { confidenceOf, pick, sourceIdsOf, sourcesByIds, toPath, toRelRows, weakest, type RelRow } from './common.js';
import { COMPUTE_ROUTE_KINDS, type AnalysisLimits, type ComputeAccessModel, type ComputeRouteModel } from './models.js';
import { restrictionsByChip, withSources, type RawRestriction } from './restrictions.js';
import { ROUTES_OF_ALL, ROUTES_OF_COMPANIES } from './routes-query.js';
import { undeterminedRules, withUnknown } from './undetermined.js';

export const COMPANY = `
  MATCH (co:Entity:Company {id: $company})
  OPTIONAL MATCH (co)-[hq:HEADQUARTERED_IN]->(home:Entity:Country)
  WHERE ${heldOn('hq', 'asOf')}
  RETURN co, home
  ORDER BY home.id
  LIMIT 1`;

export interface RouteFilter {
  /** Company ids, or null for every company. */
  readonly companies: readonly string[] | null;
  /** Chip ids, or null for every chip. */
  readonly chips: readonly string[] | null;
}

const relsOf = (row: Row): RelRow[] => [...toRelRows(row.rels), ...toRelRows(row.extraRels)];

type Undetermined = Awaited<ReturnType<typeof undeterminedRules>>;

function toRoute(row: Row, rules: RawRestriction[], sources: Map<string, EntityModel>, undetermined: Undetermined): ComputeRouteModel {
  const homeCountry = row.home ? toEntity(row.home) : null;
  const dataCenterCountry = row.dcCountry ? toEntity(row.dcCountry) : null;
  const relevant = rules.filter((r) => covers(r, homeCountry?.id ?? null) || covers(r, dataCenterCountry?.id ?? null));
  const classified = classifyRoute({ homeCountry: homeCountry?.id ?? null, dataCenterCountry: dataCenterCountry?.id ?? null, restrictions: relevant });
  const chip = toEntity(row.chip);
  const open = classified.restrictedForHome ? [] : undetermined(chip, homeCountry);
  return {
    company: toEntity(row.co),
    kind: oneOf(COMPUTE_ROUTE_KINDS, row.kind, 'kind'),
    chip,
    dataCenter: row.dc ? toEntity(row.dc) : null,
    dataCenterCountry,
    homeCountry,
    restrictions: relevant.map((r) => withSources(r, sources)),
    ...classified,
    classification: withUnknown(classified.classification, open, undetermined.curated.has(chip.id)),
    undetermined: open,
    path: toPath(row.ns, toRelRows(row.rels)),
    sources: pick(sources, relsOf(row).flatMap(sourceIdsOf)),
    confidence: weakest(relsOf(row).map(confidenceOf)),
  };
}

/**
 * The compute routes of some companies to some chips on `asOf`, classified (see classifyRoute; UNKNOWN where
 * no rule restricts the chip for home but one cannot decide), in four statements: the routes, the rules
 * restricting their chips, the sources, the chips' designers. `truncated` when more than
 * limits.maxResults routes exist.
 */
export async function routesWithin(
  tx: Tx,
  filter: RouteFilter,
  asOf: string,
  limits: AnalysisLimits,
): Promise<{ routes: ComputeRouteModel[]; truncated: boolean }> {
  // Two statements, not one with `$companies IS NULL OR …`: that form is planned as a scan of every company.
  const query = filter.companies ? ROUTES_OF_COMPANIES : ROUTES_OF_ALL;
  const rows = await tx.run(query, { ...filter, asOf: dbDate(asOf), limit: dbInt(limits.maxResults + 1) });
  const kept = rows.slice(0, limits.maxResults);
  const chipIds = kept.map((r) => text(map(r.chip, 'chip').id, 'chip.id'));
  const rules = await restrictionsByChip(tx, chipIds, asOf);
  const ruleSourceIds = [...rules.values()].flat().flatMap((r) => r.sourceIds);
  const sources = await sourcesByIds(tx, [...kept.flatMap((r) => relsOf(r).flatMap(sourceIdsOf)), ...ruleSourceIds]);
  const undetermined = await undeterminedRules(tx, chipIds, asOf);
  const routes = kept.map((r, i) => toRoute(r, rules.get(chipIds[i]!) ?? [], sources, undetermined));
  return { routes, truncated: rows.length > limits.maxResults };
}

/** Every route by which a company reaches compute on `asOf`; null when no company has the id. */
export async function computeAccess(db: Database, company: string, asOf: string, limits: AnalysisLimits): Promise<ComputeAccessModel | null> {
  return db.read(
    async (tx) => {
      const [head] = await tx.run(COMPANY, { company, asOf: dbDate(asOf) });
      if (!head) return null;
      const { routes, truncated } = await routesWithin(tx, { companies: [company], chips: null }, asOf, limits);
      return { company: toEntity(head.co), asOf, homeCountry: head.home ? toEntity(head.home) : null, routes, truncated };
    },
    { timeoutMs: limits.timeoutMs },
  );
}
