import { entityColumn, heldOn } from '../cypher.js';
import { relRow } from './common.js';
import type { ComputeRouteKind } from './models.js';

const allValid = `all(r IN relationships(p) WHERE ${heldOn('r', 'asOf')})`;
const chipWanted = '($chips IS NULL OR chip.id IN $chips)';

const VIA_DATA_CENTER = '(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)';

/**
 * The path from a company `co` to a chip for each route kind, and what else the route rests on (`extra`): a
 * model's training hardware also finds the data center it was trained at, if any.
 */
const ROUTE_PATHS: Readonly<Record<ComputeRouteKind, { path: string; then?: string; extra?: string }>> = {
  OWN_DATA_CENTER: { path: `(co)-[:OPERATES]->${VIA_DATA_CENTER}` },
  RENTED_CAPACITY: { path: `(co)-[:RENTS_CAPACITY_AT]->${VIA_DATA_CENTER}` },
  PARTNER_INFRASTRUCTURE: { path: `(co)-[:PARTNERS_WITH]-(:Entity:Company)-[:OPERATES]->${VIA_DATA_CENTER}` },
  SUBSIDIARY_DATA_CENTER: { path: `(co)<-[:SUBSIDIARY_OF]-(:Entity:Company)-[:OPERATES]->${VIA_DATA_CENTER}` },
  TRAINING_HARDWARE: {
    path: '(co)-[:DEVELOPS]->(m:Entity:Model)-[:TRAINED_ON]->(chip:Entity:Chip)',
    then: `
    OPTIONAL MATCH (m)-[site:TRAINED_AT]->(dc:Entity:DataCenter)
    WHERE ${heldOn('site', 'asOf')}`,
    extra: 'CASE WHEN site IS NULL THEN [] ELSE [site] END',
  },
};

const routeBranch = ([kind, r]: [string, { path: string; then?: string; extra?: string }]): string => `
    MATCH p = ${r.path}
    WHERE ${allValid} AND ${chipWanted}${r.then ?? ''}
    RETURN '${kind}' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, ${r.extra ?? '[]'} AS extra`;

/** The ways a company `co` reaches a chip: one UNION branch per route kind, each with its path. */
const ROUTE_BRANCHES = Object.entries(ROUTE_PATHS).map(routeBranch).join('\n    UNION');

/**
 * Every route by which the companies matched by `start` reach the chips in $chips (any when
 * null) on $asOf, in one statement: the path, the data center and its country, the home country. At most $limit rows.
 * Nodes come back as property maps without their write timestamps: the driver decodes each DateTime with Integer
 * arithmetic, which stood out in computeAccess's CPU profile (bench --profile, bench/cpu-summary.ts).
 */
const routesFrom = (start: string): string => `
  ${start}
  CALL (co) {
    ${ROUTE_BRANCHES}
  }
  CALL (co) {
    OPTIONAL MATCH (co)-[hq:HEADQUARTERED_IN]->(home:Entity:Country)
    WHERE ${heldOn('hq', 'asOf')}
    WITH home ORDER BY home.id
    RETURN head(collect(home)) AS home
  }
  CALL (dc) {
    OPTIONAL MATCH (dc)-[loc:LOCATED_IN]->(country:Entity:Country)
    WHERE ${heldOn('loc', 'asOf')}
    WITH country ORDER BY country.id
    RETURN head(collect(country)) AS dcCountry
  }
  WITH co, kind, ns, rs, extra, dc, chip, home, dcCountry
  ORDER BY co.name, chip.name, dc.name, kind, [n IN ns | n.id]
  LIMIT $limit
  RETURN ${entityColumn('co')} AS co, kind, [n IN ns | ${entityColumn('n')}] AS ns, [r IN rs | ${relRow('r')}] AS rels,
    [r IN extra | ${relRow('r')}] AS extraRels, ${entityColumn('dc')} AS dc, ${entityColumn('chip')} AS chip,
    ${entityColumn('home')} AS home, ${entityColumn('dcCountry')} AS dcCountry`;

/** Routes of the companies in $companies: an index seek on their ids. */
export const ROUTES_OF_COMPANIES = routesFrom('MATCH (co:Entity:Company) WHERE co.id IN $companies');

/** Routes of every company (a rule's exposure), narrowed by $chips inside the branches. */
export const ROUTES_OF_ALL = routesFrom('MATCH (co:Entity:Company)');
