import { heldOn } from '../cypher.js';
import { relRow } from './common.js';

const allValid = `all(r IN relationships(p) WHERE ${heldOn('r', 'asOf')})`;
const chipWanted = '($chips IS NULL OR chip.id IN $chips)';

/** The ways a company `co` reaches a chip: one UNION branch per route kind, each with its path. */
const ROUTE_BRANCHES = `
    MATCH p = (co)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
    WHERE ${allValid} AND ${chipWanted}
    RETURN 'OWN_DATA_CENTER' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
    UNION
    MATCH p = (co)-[:RENTS_CAPACITY_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
    WHERE ${allValid} AND ${chipWanted}
    RETURN 'RENTED_CAPACITY' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
    UNION
    MATCH p = (co)-[:PARTNERS_WITH]-(:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
    WHERE ${allValid} AND ${chipWanted}
    RETURN 'PARTNER_INFRASTRUCTURE' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
    UNION
    MATCH p = (co)<-[:SUBSIDIARY_OF]-(:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)
    WHERE ${allValid} AND ${chipWanted}
    RETURN 'SUBSIDIARY_DATA_CENTER' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, [] AS extra
    UNION
    MATCH p = (co)-[:DEVELOPS]->(m:Entity:Model)-[:TRAINED_ON]->(chip:Entity:Chip)
    WHERE ${allValid} AND ${chipWanted}
    OPTIONAL MATCH (m)-[site:TRAINED_AT]->(dc:Entity:DataCenter)
    WHERE ${heldOn('site', 'asOf')}
    RETURN 'TRAINING_HARDWARE' AS kind, nodes(p) AS ns, relationships(p) AS rs, dc, chip, CASE WHEN site IS NULL THEN [] ELSE [site] END AS extra`;

/**
 * Every route by which the companies matched by `start` reach the chips in $chips (any when
 * null) on $asOf, in one statement: the path, the data center and its country, the home country. At most $limit rows.
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
  RETURN co, kind, ns, [r IN rs | ${relRow('r')}] AS rels, [r IN extra | ${relRow('r')}] AS extraRels, dc, chip, home, dcCountry`;

/** Routes of the companies in $companies: an index seek on their ids. */
export const ROUTES_OF_COMPANIES = routesFrom('MATCH (co:Entity:Company) WHERE co.id IN $companies');

/** Routes of every company (a rule's exposure), narrowed by $chips inside the branches. */
export const ROUTES_OF_ALL = routesFrom('MATCH (co:Entity:Company)');
