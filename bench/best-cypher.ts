import neo4j from 'neo4j-driver';
import { RELATIONSHIP_TYPE_NAMES } from '../src/graph/ontology.js';
import type { EntityModel } from '../src/graph/models.js';
import { fulltextQuery, rankHits } from '../src/store/search-query.js';

/**
 * The `best` target: for each operation, the best single Cypher statement we could write by hand for the same
 * answer as the GraphQL request, run through the bare driver by bench/servers/best.ts. Where ours/limit says how
 * much the GraphQL layer costs over our own store's Cypher, ours/best says how far the store is from what Neo4j
 * allows. Each entry also says how to read the same answer out of our GraphQL response and out of the best rows
 * (`oursKey`, `bestKey`): the bench compares them for a few requests and reports a mismatch instead of a speed.
 *
 * What the best statements do that the store did not (2026-12-02): one statement per request (no separate
 * look-ups), only the selected properties (no whole nodes), relationship types as a pattern alternation
 * (expanded by the store as a predicate), the depth-2 neighbourhood skipping the second hop when the first
 * already fills the page, the routes' countries and rules looked up after the cut at the limit, not before.
 */
export interface BestStatement {
  readonly query: string;
  readonly params: Record<string, unknown>;
}

export interface BestOperation {
  statement(vars: Record<string, unknown>): BestStatement;
  /** The answer from the rows (search re-ranks Lucene's candidates exactly as the store does). */
  finish?(rows: Record<string, unknown>[], vars: Record<string, unknown>): unknown;
  /** A comparable form of our GraphQL `data`. */
  oursKey(data: Record<string, unknown>): string;
  /** The same form of this statement's answer (finish's, else the rows). */
  bestKey(answer: unknown): string;
}

const TYPES = RELATIONSHIP_TYPE_NAMES.join('|');
/** MAX_ANALYSIS_RESULTS and the neighbourhood's default limit, as the default configuration has them. */
const MAX_RESULTS = 500;
const NEIGHBOURHOOD_LIMIT = 100;
/** NEIGHBORHOOD_HUB_DEGREE's default: the second hop does not go on through an entity with more relationships. */
const NEIGHBORHOOD_HUB_DEGREE = 1_000;
const MAX_PATH_LENGTH = 6;
const SEARCH_CANDIDATES = 300;

/** Today (UTC) as a Cypher date parameter: computeAccess and whoUses answer for today. */
function today(): InstanceType<typeof neo4j.types.Date> {
  const d = new Date();
  return new neo4j.types.Date(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

const held = (r: string): string => `((${r}.validFrom IS NULL OR ${r}.validFrom <= $asOf) AND (${r}.validTo IS NULL OR ${r}.validTo > $asOf))`;
const allHeld = `all(r IN relationships(p) WHERE ${held('r')})`;
const inForce = (reg: string): string =>
  `((${reg}.effectiveDate IS NULL OR ${reg}.effectiveDate <= $asOf) AND (${reg}.rescindedDate IS NULL OR $asOf < ${reg}.rescindedDate))`;

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v ?? {}) as Json;
const arr = (v: unknown): Json[] => (Array.isArray(v) ? (v as Json[]) : []);
const sorted = (xs: string[]): string => [...xs].sort().join(',');
const first = (answer: unknown): Json => arr(answer)[0] ?? {};

/** The relationship properties the traversals select; each level names its relationship apart (an outer one is in scope). */
const relProps = (r: string): string => `relationship: ${r} {.validFrom, .validTo, .confidence}`;

/** company → designedChips → dataCenters (→ operators): nested COLLECT subqueries, one statement. */
function traversal(depth: 2 | 3): BestOperation {
  const operators = `, operators: COLLECT {
          MATCH (d)<-[r3:OPERATES]-(o:Entity:Company) RETURN {${relProps('r3')}, node: o {.id, .name}} }`;
  const query = `
    MATCH (co:Entity {id: $id})
    RETURN co.id AS id, co.name AS name, COLLECT {
      MATCH (co)-[r1:DESIGNS]->(c:Entity:Chip)
      RETURN {${relProps('r1')}, node: {id: c.id, name: c.name, dataCenters: COLLECT {
        MATCH (c)<-[r2:EQUIPPED_WITH]-(d:Entity:DataCenter)
        RETURN {${relProps('r2')}, node: {id: d.id, name: d.name${depth === 3 ? operators : ''}}}
      }}}
    } AS designedChips`;
  const key = (chips: Json[]): string =>
    sorted(
      chips.flatMap((c) => {
        const chip = obj(c.node);
        return [
          String(chip.id),
          ...arr(chip.dataCenters).flatMap((d) => {
            const dc = obj(d.node);
            return [`${String(chip.id)}>${String(dc.id)}`, ...arr(dc.operators).map((o) => `${String(chip.id)}>${String(dc.id)}>${String(obj(o.node).id)}`)];
          }),
        ];
      }),
    );
  return {
    statement: (vars) => ({ query, params: { id: vars.id } }),
    oursKey: (data) => key(arr(obj(data.entity).designedChips)),
    bestKey: (answer) => key(arr(first(answer).designedChips)),
  };
}

/** The members' relationships, in the store's order and cut (type, start id, end id; MAX_ANALYSIS_RESULTS + 1). */
const NEIGHBOURHOOD_EDGES = `
  CALL (center, kept) {
    WITH [center] + [k IN kept | k.node] AS members
    UNWIND members AS a
    MATCH (a)-[r:${TYPES}]->(b)
    WHERE b IN members
    WITH r ORDER BY type(r), startNode(r).id, endNode(r).id
    LIMIT $edgeLimit
    RETURN collect({type: type(r), from: startNode(r).id, to: endNode(r).id}) AS edges
  }
  RETURN center.id AS center, [k IN kept | {distance: k.distance, node: {id: k.node.id, name: k.node.name}}] AS nodes,
    nodesCut OR size(edges) > $maxResults AS truncated, edges[..$maxResults] AS edges`;

/**
 * Depth 1: the distinct neighbours, nearest-first order being name then id. Depth 2: the second hop only when the
 * first leaves room on the page (a hub's first hop fills it), not through a first-hop hub (as the store), and
 * only its first $limit + 1 by name.
 */
const NEIGHBOURHOOD: Record<1 | 2, string> = {
  1: `
    MATCH (center:Entity {id: $id})
    CALL (center) {
      MATCH (center)-[:${TYPES}]-(n:Entity)
      WHERE n <> center
      WITH DISTINCT n ORDER BY n.name, n.id
      LIMIT $limit + 1
      RETURN collect({node: n, distance: 1}) AS reached
    }
    WITH center, reached[..$limit] AS kept, size(reached) > $limit AS nodesCut
    ${NEIGHBOURHOOD_EDGES}`,
  2: `
    MATCH (center:Entity {id: $id})
    CALL (center) {
      MATCH (center)-[:${TYPES}]-(n:Entity)
      WHERE n <> center
      WITH DISTINCT n ORDER BY n.name, n.id
      RETURN collect(n) AS l1
    }
    CALL (center, l1) {
      WITH center, l1 WHERE size(l1) <= $limit
      UNWIND l1 AS m
      WITH center, l1, m WHERE COUNT { (m)--() } <= $hubDegree
      MATCH (m)-[:${TYPES}]-(n:Entity)
      WHERE n <> center AND NOT n IN l1
      WITH DISTINCT n ORDER BY n.name, n.id
      LIMIT $limit + 1
      RETURN collect(n) AS l2
    }
    WITH center, l1, [n IN l1 | {node: n, distance: 1}] + [n IN l2 | {node: n, distance: 2}] AS reached
    WITH center, reached[..$limit] AS kept,
      size(reached) > $limit OR (size(l1) <= $limit AND any(m IN l1 WHERE COUNT { (m)--() } > $hubDegree)) AS nodesCut
    ${NEIGHBOURHOOD_EDGES}`,
};

function neighbourhood(depth: 1 | 2): BestOperation {
  const key = (n: Json): string =>
    `${String(n.truncated)}|${arr(n.nodes)
      .map((k) => `${String(obj(k.node).id)}@${String(k.distance)}`)
      .join(',')}|${sorted(arr(n.edges).map((e) => `${String(e.type)}:${String(e.from)}:${String(e.to)}`))}`;
  return {
    statement: (vars) => ({
      query: NEIGHBOURHOOD[depth],
      params: {
        id: vars.id,
        limit: neo4j.int(NEIGHBOURHOOD_LIMIT),
        hubDegree: neo4j.int(NEIGHBORHOOD_HUB_DEGREE),
        edgeLimit: neo4j.int(MAX_RESULTS + 1),
        maxResults: neo4j.int(MAX_RESULTS),
      },
    }),
    oursKey: (data) => key(obj(data.neighborhood)),
    bestKey: (answer) => key(first(answer)),
  };
}

/** The ways of using a chip (docs/analysis.md, whoUses), each binding user, how, dc and the path's ids. */
const USES: Record<string, string> = {
  TRAINED_ON: '(user:Entity:Model)-[:TRAINED_ON]->(chip)',
  OPERATES_DATA_CENTER: '(user:Entity:Company)-[:OPERATES]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)',
  RENTS_CAPACITY: '(user:Entity:Company)-[:RENTS_CAPACITY_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)',
  DEVELOPS_MODEL_TRAINED_ON: '(user:Entity:Company)-[:DEVELOPS]->(:Entity:Model)-[:TRAINED_ON]->(chip)',
  TRAINED_AT_DATA_CENTER: '(user:Entity:Model)-[:TRAINED_AT]->(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip)',
};

const WHO_USES = `
  MATCH (chip:Entity:Chip {id: $chip})
  OPTIONAL CALL (chip) {${Object.entries(USES)
    .map(
      ([how, path]) => `
    MATCH p = ${path}
    WHERE ${allHeld}
    RETURN user, '${how}' AS how, ${path.includes('(dc:') ? 'dc' : 'null AS dc'}, [n IN nodes(p) | n.id] AS ids`,
    )
    .join('\n    UNION ALL')}
  }
  WITH chip, user, how, dc, ids ORDER BY user.name, user.id, how, ids
  LIMIT $limit
  WITH chip, collect(CASE WHEN user IS NOT NULL THEN {how: how, entity: user {.id, .name}, dataCenter: dc.id} END) AS users
  RETURN chip.id AS chip, users[..$maxResults] AS users, size(users) > $maxResults AS truncated, COLLECT {
    MATCH (reg:Entity:Regulation)-[rr:RESTRICTS]->(chip)
    WHERE ${inForce('reg')} AND ${held('rr')}
    RETURN reg.id ORDER BY reg.effectiveDate, reg.id
  } AS restrictions`;

/** The route kinds of computeAccess (docs/analysis.md), each binding kind, chip, dc and the path's ids. */
const VIA_DC = '(dc:Entity:DataCenter)-[:EQUIPPED_WITH]->(chip:Entity:Chip)';
const ROUTES: [string, string, string?][] = [
  ['OWN_DATA_CENTER', `(co)-[:OPERATES]->${VIA_DC}`],
  ['RENTED_CAPACITY', `(co)-[:RENTS_CAPACITY_AT]->${VIA_DC}`],
  ['PARTNER_INFRASTRUCTURE', `(co)-[:PARTNERS_WITH]-(:Entity:Company)-[:OPERATES]->${VIA_DC}`],
  ['SUBSIDIARY_DATA_CENTER', `(co)<-[:SUBSIDIARY_OF]-(:Entity:Company)-[:OPERATES]->${VIA_DC}`],
  [
    'TRAINING_HARDWARE',
    '(co)-[:DEVELOPS]->(m:Entity:Model)-[:TRAINED_ON]->(chip:Entity:Chip)',
    `
    OPTIONAL MATCH (m)-[site:TRAINED_AT]->(dc:Entity:DataCenter)
    WHERE ${held('site')}`,
  ],
];

/**
 * computeAccess in one statement: the home country, the routes (UNION ALL: the branches cannot repeat a row), the
 * cut at the limit in the store's order, then only for the kept routes the data center's country and the rules
 * restricting the chip, classified as classifyRoute does (src/store/analysis/classify.ts).
 */
const COMPUTE_ACCESS = `
  MATCH (co:Entity:Company {id: $company})
  CALL (co) {
    OPTIONAL MATCH (co)-[hq:HEADQUARTERED_IN]->(h:Entity:Country)
    WHERE ${held('hq')}
    WITH h ORDER BY h.id
    RETURN head(collect(h.id)) AS home
  }
  OPTIONAL CALL (co) {${ROUTES.map(
    ([kind, path, then]) => `
    MATCH p = ${path}
    WHERE ${allHeld}${then ?? ''}
    RETURN '${kind}' AS kind, chip, dc, [n IN nodes(p) | n.id] AS ids`,
  ).join('\n    UNION ALL')}
  }
  WITH home, kind, chip, dc, ids ORDER BY chip.name, dc.name, kind, ids
  LIMIT $limit
  CALL (dc) {
    OPTIONAL MATCH (dc)-[loc:LOCATED_IN]->(c:Entity:Country)
    WHERE ${held('loc')}
    WITH c ORDER BY c.id
    RETURN head(collect(c.id)) AS dcCountry
  }
  CALL (chip, home, dcCountry) {
    OPTIONAL MATCH (reg:Entity:Regulation)-[rr:RESTRICTS]->(chip)
    WHERE ${inForce('reg')} AND ${held('rr')}
    WITH reg, COLLECT { MATCH (reg)-[ra:APPLIES_TO]->(d:Entity:Country) WHERE ${held('ra')} RETURN d.id } AS dests
    WITH home, dcCountry, collect(CASE WHEN reg IS NOT NULL THEN dests END) AS rules
    WITH home, dcCountry, [ds IN rules WHERE home IN ds] AS forHome
    RETURN size(forHome) > 0 AS restrictedForHome,
      CASE WHEN size(forHome) = 0 THEN 'UNRESTRICTED'
        WHEN dcCountry IS NOT NULL AND dcCountry <> home AND any(ds IN forHome WHERE NOT dcCountry IN ds) THEN 'RESTRICTED_OFFSHORE'
        ELSE 'RESTRICTED_DOMESTIC' END AS classification
  }
  WITH home, collect(CASE WHEN kind IS NOT NULL THEN {kind: kind, classification: classification, restrictedForHome: restrictedForHome,
    chip: chip.id, dataCenter: dc.id} END) AS routes
  RETURN home, routes[..$maxResults] AS routes, size(routes) > $maxResults AS truncated`;

const routeKey = (home: unknown, truncated: unknown, routes: Json[], id: (v: unknown) => unknown): string =>
  `${String(home)}|${String(truncated)}|${sorted(
    routes.map((r) => `${String(r.kind)}:${String(r.classification)}:${String(r.restrictedForHome)}:${String(id(r.chip))}:${String(id(r.dataCenter) ?? null)}`),
  )}`;

const idOf = (v: unknown): unknown => (v == null ? null : obj(v).id);

/** The best statement per operation; an operation absent here has no best target. */
export const BEST: Readonly<Record<string, BestOperation>> = {
  byId: {
    statement: (vars) => ({
      query: 'MATCH (n:Entity {id: $id}) RETURN n {.id, .name, .description, .foundedYear, .roles} AS entity',
      params: { id: vars.id },
    }),
    oursKey: (data) => String(obj(data.entity).id ?? null),
    bestKey: (answer) => String(obj(first(answer).entity).id ?? null),
  },
  list: {
    // The count and the page side by side in one statement; the page in the order of the nameKey index.
    statement: (vars) => ({
      query: `
        CALL () {
          MATCH (n:Company) WHERE n.foundedYear >= $year AND $role IN n.roles
          RETURN count(n) AS totalCount
        }
        CALL () {
          MATCH (n:Company) WHERE n.nameKey IS NOT NULL AND n.foundedYear >= $year AND $role IN n.roles
          WITH n ORDER BY n.nameKey, n.id
          LIMIT 21
          RETURN collect(n {.id, .name, .foundedYear, .roles}) AS page
        }
        RETURN totalCount, page[..20] AS page, size(page) > 20 AS hasNextPage`,
      params: { year: neo4j.int(Number(vars.year)), role: vars.role },
    }),
    oursKey: (data) => {
      const c = obj(data.companies);
      return `${String(c.totalCount)}|${arr(c.edges)
        .map((e) => String(obj(e.node).id))
        .join(',')}`;
    },
    bestKey: (answer) => {
      const row = first(answer);
      return `${String(row.totalCount)}|${arr(row.page)
        .map((n) => String(n.id))
        .join(',')}`;
    },
  },
  nested2: traversal(2),
  nested3: traversal(3),
  search: {
    statement: (vars) => ({
      query: `
        CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
        RETURN node {.id, .name, .kind, .aliases} AS node, score
        ORDER BY score DESC, node.id ASC`,
      params: { query: fulltextQuery(String(vars.text)), candidates: neo4j.int(SEARCH_CANDIDATES) },
    }),
    // The same re-ranking as the store (rankHits), on the same candidates: only the Cypher differs.
    finish: (rows, vars) =>
      rankHits(
        String(vars.text),
        rows.map((r) => {
          const node = obj(r.node);
          return { node: { ...node, aliases: (node.aliases as string[] | null) ?? [] } as unknown as EntityModel, score: Number(r.score) };
        }),
        10,
      ).map((h) => ({ score: h.score, node: { id: h.node.id, name: h.node.name, kind: h.node.kind } })),
    oursKey: (data) =>
      arr(data.search)
        .map((h) => String(obj(h.node).id))
        .join(','),
    bestKey: (answer) =>
      arr(answer)
        .map((h) => String(obj(h.node).id))
        .join(','),
  },
  neighborhood1: neighbourhood(1),
  neighborhood2: neighbourhood(2),
  shortestPath: {
    // The legacy shortestPath: a bidirectional breadth-first search with the types in the expansion.
    statement: (vars) => ({
      query: `
        MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
        MATCH p = shortestPath((a)-[:${TYPES}*0..${MAX_PATH_LENGTH}]-(b))
        RETURN length(p) AS length, [n IN nodes(p) | n {.id, .name}] AS nodes,
          [r IN relationships(p) | {type: type(r), from: startNode(r).id, to: endNode(r).id}] AS edges`,
      params: { from: vars.from, to: vars.to },
    }),
    // Several shortest paths may exist: the answer is the length (or none).
    oursKey: (data) => String(obj(data.shortestPath).length ?? null),
    bestKey: (answer) => String(first(answer).length ?? null),
  },
  computeAccess: {
    statement: (vars) => ({
      query: COMPUTE_ACCESS,
      params: { company: vars.id, asOf: today(), limit: neo4j.int(MAX_RESULTS + 1), maxResults: neo4j.int(MAX_RESULTS) },
    }),
    oursKey: (data) => {
      const a = obj(data.computeAccess);
      return routeKey(idOf(a.homeCountry) ?? null, a.truncated, arr(a.routes), idOf);
    },
    bestKey: (answer) => {
      const row = first(answer);
      return routeKey(row.home ?? null, row.truncated, arr(row.routes), (v) => v);
    },
  },
  whoUses: {
    statement: (vars) => ({
      query: WHO_USES,
      params: { chip: vars.chip, asOf: today(), limit: neo4j.int(MAX_RESULTS + 1), maxResults: neo4j.int(MAX_RESULTS) },
    }),
    oursKey: (data) => {
      const w = obj(data.whoUses);
      const users = arr(w.users).map((u) => `${String(u.how)}:${String(obj(u.entity).id)}:${String(idOf(u.dataCenter) ?? null)}`);
      return `${String(w.truncated)}|${sorted(users)}|${sorted(arr(w.restrictions).map((r) => String(obj(r.regulation).id)))}`;
    },
    bestKey: (answer) => {
      const row = first(answer);
      const users = arr(row.users).map((u) => `${String(u.how)}:${String(obj(u.entity).id)}:${String(u.dataCenter ?? null)}`);
      return `${String(row.truncated)}|${sorted(users)}|${sorted((row.restrictions as string[] | undefined) ?? [])}`;
    },
  },
  aggCount: {
    statement: (vars) => ({
      query: 'MATCH (n:Company) WHERE n.foundedYear >= $year RETURN count(n) AS count',
      params: { year: neo4j.int(Number(vars.year)) },
    }),
    oursKey: (data) => String(obj(data.companiesAggregate).count),
    bestKey: (answer) => String(first(answer).count),
  },
  aggSum: {
    statement: (vars) => ({
      query: 'MATCH (n:DataCenter) WHERE n.status = $status RETURN count(n) AS count, sum(n.powerMw) AS sum, avg(n.powerMw) AS avg, max(n.powerMw) AS max',
      params: { status: vars.status },
    }),
    oursKey: (data) => {
      const a = obj(data.dataCentersAggregate);
      return `${String(a.count)}|${Number(obj(a.powerMw).sum ?? 0).toFixed(1)}`;
    },
    bestKey: (answer) => `${String(first(answer).count)}|${Number(first(answer).sum ?? 0).toFixed(1)}`,
  },
  groupByStatus: {
    // The count store for the kind, an index scan for the valued groups; the unvalued group is the difference.
    statement: () => ({
      query: `
        CALL () { MATCH (n:DataCenter) RETURN count(n) AS total }
        CALL () {
          MATCH (n:DataCenter) WHERE n.status IS NOT NULL
          WITH n.status AS value, count(*) AS count
          RETURN collect({value: value, count: count}) AS groups
        }
        WITH groups, total - reduce(s = 0, g IN groups | s + g.count) AS unvalued
        UNWIND groups + CASE WHEN unvalued > 0 THEN [{value: null, count: unvalued}] ELSE [] END AS g
        RETURN g.value AS value, g.count AS count`,
      params: {},
    }),
    oursKey: (data) =>
      sorted(
        arr(data.dataCentersGroups).map((g) => {
          const keys = g.keys;
          const k = Array.isArray(keys) ? obj(keys[0]) : obj(keys);
          return `${String(k.value ?? null)}:${String(g.count)}`;
        }),
      ),
    bestKey: (answer) => sorted(arr(answer).map((g) => `${String(g.value ?? null)}:${String(g.count)}`)),
  },
};
