import { COMPANY_ROLES, DATA_CENTER_STATUSES } from '../src/graph/ontology.js';
import { idOf, int, oneOf, prng, WORDS, type GraphPlan } from './generate.js';
import { relationshipsOf } from './generate-relationships.js';

/**
 * The benchmarked operations: the GraphQL each target is sent, and how request variables are drawn from the
 * synthetic graph. The limit target is sent `{ op, i }` and replays the Cypher our server ran for the same
 * request (see servers/limit.ts), so it needs no text here.
 */
export interface Operation {
  readonly name: string;
  readonly title: string;
  /** The operation sent to our server. */
  readonly ours: string;
  /** The equivalent operation for @neo4j/graphql, or null when it cannot express it. */
  readonly peer: string | null;
  /** Why the peer cannot express it (shown in the results). */
  readonly peerNote?: string;
  /** A Query field our schema must have for this operation to run (analysis operations land separately). */
  readonly requires?: string;
  /** Variables of request `i`; deterministic. */
  vars(draw: Draws, rnd: () => number): Record<string, unknown>;
}

/**
 * Where request variables come from: the synthetic graph of a size (computed from its plan), or the ids of a real
 * graph (the default graph `npm start` loads, read from the database; see draws-default.ts). Each draw takes the
 * request's PRNG, so requests are deterministic for a graph.
 */
export interface Draws {
  /** A company, uniformly. */
  company(rnd: () => number): string;
  /** A chip designer, in proportion to how many chips it designs (hubs such as Nvidia come up often). */
  designer(rnd: () => number): string;
  /** A data-center operator, in proportion to how many data centers it operates. */
  operator(rnd: () => number): string;
  /** A chip, in proportion to how many data centers are equipped with it. */
  chipInUse(rnd: () => number): string;
  /** One of the ten most connected companies. */
  hubCompany(rnd: () => number): string;
  /** A word from the entities' names. */
  word(rnd: () => number): string;
}

/** The draws of the synthetic graph of `plan`: pure functions of the plan, nothing read from the database. */
export function syntheticDraws(plan: GraphPlan): Draws {
  return {
    company: (rnd) => idOf('Company', Math.floor(rnd() * plan.counts.Company)),
    designer: (rnd) => relationshipsOf(plan, 'Chip', Math.floor(rnd() * plan.counts.Chip)).find((r) => r.type === 'DESIGNS')?.from ?? 'nvidia',
    operator: (rnd) => relationshipsOf(plan, 'DataCenter', Math.floor(rnd() * plan.counts.DataCenter)).find((r) => r.type === 'OPERATES')?.from ?? 'nvidia',
    chipInUse: (rnd) =>
      relationshipsOf(plan, 'DataCenter', Math.floor(rnd() * plan.counts.DataCenter)).find((r) => r.type === 'EQUIPPED_WITH')?.to ?? 'nvidia-h100',
    hubCompany: (rnd) => idOf('Company', Math.floor(rnd() * 10)),
    word: (rnd) => oneOf(rnd, WORDS),
  };
}

const REL = 'relationship { validFrom validTo confidence }';
const PEER_REL = 'properties { validFrom validTo confidence }';

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'byId',
    title: 'entity by id',
    ours: 'query($id: ID!) { entity(id: $id) { id name description ... on Company { foundedYear roles } } }',
    peer: 'query($id: ID!) { companies(where: { id: { eq: $id } }) { id name description foundedYear roles } }',
    vars: (draw, rnd) => ({ id: draw.company(rnd) }),
  },
  {
    name: 'list',
    title: 'filtered, sorted page (20) with total',
    ours: `query($year: Int!, $role: CompanyRole!) { companies(first: 20, filter: { foundedYear: { gte: $year }, roles: { includes: $role } }, orderBy: { field: NAME, direction: ASC }) { totalCount edges { cursor node { id name foundedYear roles } } } }`,
    peer: `query($year: Int!, $role: String!) { companiesConnection(first: 20, where: { foundedYear: { gte: $year }, roles: { includes: $role } }, sort: [{ name: ASC }]) { totalCount edges { cursor node { id name foundedYear roles } } } }`,
    vars: (_draw, rnd) => ({ year: int(rnd, 1950, 2020), role: oneOf(rnd, COMPANY_ROLES) }),
  },
  {
    name: 'nested2',
    title: '2-level traversal (company → chips → data centers)',
    ours: `query($id: ID!) { entity(id: $id) { id name ... on Company { designedChips { ${REL} node { id name dataCenters { ${REL} node { id name } } } } } } }`,
    peer: `query($id: ID!) { companies(where: { id: { eq: $id } }) { id name designedChipsConnection { edges { ${PEER_REL} node { id name dataCentersConnection { edges { ${PEER_REL} node { id name } } } } } } } }`,
    vars: (draw, rnd) => ({ id: draw.designer(rnd) }),
  },
  {
    name: 'nested3',
    title: '3-level traversal (company → chips → data centers → operators)',
    ours: `query($id: ID!) { entity(id: $id) { id name ... on Company { designedChips { ${REL} node { id name dataCenters { ${REL} node { id name operators { ${REL} node { id name } } } } } } } } }`,
    peer: `query($id: ID!) { companies(where: { id: { eq: $id } }) { id name designedChipsConnection { edges { ${PEER_REL} node { id name dataCentersConnection { edges { ${PEER_REL} node { id name operatorsConnection { edges { ${PEER_REL} node { id name } } } } } } } } } } }`,
    vars: (draw, rnd) => ({ id: draw.designer(rnd) }),
  },
  {
    name: 'search',
    title: 'full-text search (fuzzy, all kinds, 10 hits)',
    ours: 'query($text: String!) { search(text: $text, first: 10) { score node { id name kind } } }',
    peer: null,
    peerNote: 'no cross-kind fuzzy search: @fulltext gives one exact-phrase query per type',
    vars: (draw, rnd) => {
      const word = draw.word(rnd);
      const typo = word.length > 4 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : word;
      return { text: rnd() < 0.5 ? `${word} ${draw.word(rnd)}` : typo };
    },
  },
  {
    name: 'neighborhood1',
    title: 'neighbourhood at depth 1',
    ours: 'query($id: ID!) { neighborhood(id: $id, depth: 1) { truncated nodes { distance node { id name } } edges { type from to } } }',
    peer: null,
    peerNote: 'no variable-depth neighbourhood in the generated API',
    requires: 'neighborhood',
    vars: (draw, rnd) => ({ id: draw.company(rnd) }),
  },
  {
    // Called `neighborhood` in the results before 2026-12-02 (the same request); chart.ts reads that name as this one.
    name: 'neighborhood2',
    title: 'neighbourhood at depth 2',
    ours: 'query($id: ID!) { neighborhood(id: $id, depth: 2) { truncated nodes { distance node { id name } } edges { type from to } } }',
    peer: null,
    peerNote: 'no variable-depth neighbourhood in the generated API',
    requires: 'neighborhood',
    vars: (draw, rnd) => ({ id: draw.company(rnd) }),
  },
  {
    name: 'shortestPath',
    title: 'shortest path between two companies',
    ours: 'query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id name } edges { type from to } } }',
    peer: null,
    peerNote: 'no shortest-path query in the generated API',
    requires: 'shortestPath',
    vars: (draw, rnd) => ({ from: draw.company(rnd), to: draw.hubCompany(rnd) }),
  },
  {
    name: 'computeAccess',
    title: "computeAccess (a company's routes to compute, with export controls)",
    ours: 'query($id: ID!) { computeAccess(company: $id) { truncated homeCountry { id } routes { kind classification restrictedForHome chip { id } dataCenter { id } } } }',
    peer: null,
    peerNote: 'domain analysis; not expressible in the generated API',
    requires: 'computeAccess',
    vars: (draw, rnd) => ({ id: draw.operator(rnd) }),
  },
  {
    name: 'whoUses',
    title: "whoUses (a chip's users, direct and indirect, with the rules restricting it)",
    ours: 'query($chip: ID!) { whoUses(chip: $chip) { truncated users { how direct entity { id name } dataCenter { id } } restrictions { regulation { id } } } }',
    peer: null,
    peerNote: 'domain analysis; not expressible in the generated API',
    requires: 'whoUses',
    vars: (draw, rnd) => ({ chip: draw.chipInUse(rnd) }),
  },
  {
    name: 'aggCount',
    title: 'count of a filtered kind (companies founded since a year)',
    ours: 'query($year: Int!) { companiesAggregate(filter: { foundedYear: { gte: $year } }) { count } }',
    peer: 'query($year: Int!) { companiesConnection(where: { foundedYear: { gte: $year } }) { aggregate { count { nodes } } } }',
    requires: 'companiesAggregate',
    vars: (_draw, rnd) => ({ year: int(rnd, 1950, 2020) }),
  },
  {
    name: 'aggSum',
    title: 'count, sum, mean and max of data-center power by status',
    ours: 'query($status: DataCenterStatus!) { dataCentersAggregate(filter: { status: { eq: $status } }) { count powerMw { sum avg max } } }',
    peer: 'query($status: String!) { dataCentersConnection(where: { status: { eq: $status } }) { aggregate { count { nodes } node { powerMw { sum average max } } } } }',
    requires: 'dataCentersAggregate',
    vars: (_draw, rnd) => ({ status: oneOf(rnd, DATA_CENTER_STATUSES) }),
  },
  {
    name: 'groupByCountry',
    title: 'data centers grouped by country (100 groups): count and summed power',
    ours: 'query($status: DataCenterStatus!) { dataCentersGroups(groupBy: [{ country: {} }], filter: { status: { eq: $status } }, first: 100) { keys { entity { id name } } count powerMw { sum } } }',
    peer: 'query($status: String!) { countries(limit: 100) { id name dataCentersConnection(where: { node: { status: { eq: $status } } }) { aggregate { count { nodes } node { powerMw { sum } } } } } }',
    peerNote: "no group-by: the peer counts per country through each country's connection aggregate (100 countries)",
    requires: 'dataCentersGroups',
    vars: (_draw, rnd) => ({ status: oneOf(rnd, DATA_CENTER_STATUSES) }),
  },
  {
    name: 'groupByStatus',
    title: 'every data center grouped by status: count per group (a grouped count over one kind)',
    ours: 'query { dataCentersGroups(groupBy: [{ property: STATUS }]) { keys { value } count } }',
    peer: `query { ${DATA_CENTER_STATUSES.map((s) => `${s.toLowerCase()}: dataCentersConnection(where: { status: { eq: "${s}" } }) { aggregate { count { nodes } } }`).join(' ')} }`,
    peerNote: 'no group-by: the peer counts each status through an aliased connection aggregate',
    requires: 'dataCentersGroups',
    vars: () => ({}),
  },
];

/** The operations in the order that seeded their PRNGs before neighborhood1 and whoUses came: their requests stay the same. */
const SEED_ORDER = [
  'byId',
  'list',
  'nested2',
  'nested3',
  'search',
  'neighborhood2',
  'shortestPath',
  'computeAccess',
  'aggCount',
  'aggSum',
  'groupByCountry',
  'groupByStatus',
];
const seedIndex = (name: string): number => (SEED_ORDER.includes(name) ? SEED_ORDER.indexOf(name) : 100 + OPERATIONS.findIndex((op) => op.name === name));

/** The variables of `count` requests per operation, the same for every target and every run of a size (or graph). */
export function requestVariables(plan: GraphPlan, count: number, draw: Draws = syntheticDraws(plan)): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(
    OPERATIONS.map((op) => {
      const rnd = prng(plan.seed * 1000 + seedIndex(op.name));
      return [op.name, Array.from({ length: count }, () => op.vars(draw, rnd))];
    }),
  );
}
