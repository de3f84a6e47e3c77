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
  vars(plan: GraphPlan, rnd: () => number): Record<string, unknown>;
}

const uniformCompany = (plan: GraphPlan, rnd: () => number): string => idOf('Company', Math.floor(rnd() * plan.counts.Company));

/** A chip designer, drawn in proportion to how many chips it designs (hubs such as Nvidia come up often). */
function designer(plan: GraphPlan, rnd: () => number): string {
  const chip = Math.floor(rnd() * plan.counts.Chip);
  return relationshipsOf(plan, 'Chip', chip).find((r) => r.type === 'DESIGNS')?.from ?? 'nvidia';
}

/** A data-center operator, drawn in proportion to how many data centers it operates. */
function operator(plan: GraphPlan, rnd: () => number): string {
  const dc = Math.floor(rnd() * plan.counts.DataCenter);
  return relationshipsOf(plan, 'DataCenter', dc).find((r) => r.type === 'OPERATES')?.from ?? 'nvidia';
}

const REL = 'relationship { validFrom validTo confidence }';
const PEER_REL = 'properties { validFrom validTo confidence }';

export const OPERATIONS: readonly Operation[] = [
  {
    name: 'byId',
    title: 'entity by id',
    ours: 'query($id: ID!) { entity(id: $id) { id name description ... on Company { foundedYear roles } } }',
    peer: 'query($id: ID!) { companies(where: { id: { eq: $id } }) { id name description foundedYear roles } }',
    vars: (plan, rnd) => ({ id: uniformCompany(plan, rnd) }),
  },
  {
    name: 'list',
    title: 'filtered, sorted page (20) with total',
    ours: `query($year: Int!, $role: CompanyRole!) { companies(first: 20, filter: { foundedYear: { gte: $year }, roles: { includes: $role } }, orderBy: { field: NAME, direction: ASC }) { totalCount edges { cursor node { id name foundedYear roles } } } }`,
    peer: `query($year: Int!, $role: String!) { companiesConnection(first: 20, where: { foundedYear: { gte: $year }, roles: { includes: $role } }, sort: [{ name: ASC }]) { totalCount edges { cursor node { id name foundedYear roles } } } }`,
    vars: (_plan, rnd) => ({ year: int(rnd, 1950, 2020), role: oneOf(rnd, COMPANY_ROLES) }),
  },
  {
    name: 'nested2',
    title: '2-level traversal (company → chips → data centers)',
    ours: `query($id: ID!) { entity(id: $id) { id name ... on Company { designedChips { ${REL} node { id name dataCenters { ${REL} node { id name } } } } } } }`,
    peer: `query($id: ID!) { companies(where: { id: { eq: $id } }) { id name designedChipsConnection { edges { ${PEER_REL} node { id name dataCentersConnection { edges { ${PEER_REL} node { id name } } } } } } } }`,
    vars: (plan, rnd) => ({ id: designer(plan, rnd) }),
  },
  {
    name: 'nested3',
    title: '3-level traversal (company → chips → data centers → operators)',
    ours: `query($id: ID!) { entity(id: $id) { id name ... on Company { designedChips { ${REL} node { id name dataCenters { ${REL} node { id name operators { ${REL} node { id name } } } } } } } } }`,
    peer: `query($id: ID!) { companies(where: { id: { eq: $id } }) { id name designedChipsConnection { edges { ${PEER_REL} node { id name dataCentersConnection { edges { ${PEER_REL} node { id name operatorsConnection { edges { ${PEER_REL} node { id name } } } } } } } } } } }`,
    vars: (plan, rnd) => ({ id: designer(plan, rnd) }),
  },
  {
    name: 'search',
    title: 'full-text search (fuzzy, all kinds, 10 hits)',
    ours: 'query($text: String!) { search(text: $text, first: 10) { score node { id name kind } } }',
    peer: null,
    peerNote: 'no cross-kind fuzzy search: @fulltext gives one exact-phrase query per type',
    vars: (_plan, rnd) => {
      const word = oneOf(rnd, WORDS);
      const typo = word.length > 4 ? word.slice(0, 2) + word[3] + word[2] + word.slice(4) : word;
      return { text: rnd() < 0.5 ? `${word} ${oneOf(rnd, WORDS)}` : typo };
    },
  },
  {
    name: 'neighborhood',
    title: 'neighbourhood at depth 2',
    ours: 'query($id: ID!) { neighborhood(id: $id, depth: 2) { truncated nodes { distance node { id name } } edges { type from to } } }',
    peer: null,
    peerNote: 'no variable-depth neighbourhood in the generated API',
    requires: 'neighborhood',
    vars: (plan, rnd) => ({ id: uniformCompany(plan, rnd) }),
  },
  {
    name: 'shortestPath',
    title: 'shortest path between two companies',
    ours: 'query($from: ID!, $to: ID!) { shortestPath(from: $from, to: $to) { length nodes { id name } edges { type from to } } }',
    peer: null,
    peerNote: 'no shortest-path query in the generated API',
    requires: 'shortestPath',
    vars: (plan, rnd) => ({ from: uniformCompany(plan, rnd), to: idOf('Company', Math.floor(rnd() * 10)) }),
  },
  {
    name: 'computeAccess',
    title: "computeAccess (a company's routes to compute, with export controls)",
    ours: 'query($id: ID!) { computeAccess(company: $id) { truncated homeCountry { id } routes { kind classification restrictedForHome chip { id } dataCenter { id } } } }',
    peer: null,
    peerNote: 'domain analysis; not expressible in the generated API',
    requires: 'computeAccess',
    vars: (plan, rnd) => ({ id: operator(plan, rnd) }),
  },
  {
    name: 'aggCount',
    title: 'count of a filtered kind (companies founded since a year)',
    ours: 'query($year: Int!) { companiesAggregate(filter: { foundedYear: { gte: $year } }) { count } }',
    peer: 'query($year: Int!) { companiesConnection(where: { foundedYear: { gte: $year } }) { aggregate { count { nodes } } } }',
    requires: 'companiesAggregate',
    vars: (_plan, rnd) => ({ year: int(rnd, 1950, 2020) }),
  },
  {
    name: 'aggSum',
    title: 'count, sum, mean and max of data-center power by status',
    ours: 'query($status: DataCenterStatus!) { dataCentersAggregate(filter: { status: { eq: $status } }) { count powerMw { sum avg max } } }',
    peer: 'query($status: String!) { dataCentersConnection(where: { status: { eq: $status } }) { aggregate { count { nodes } node { powerMw { sum average max } } } } }',
    requires: 'dataCentersAggregate',
    vars: (_plan, rnd) => ({ status: oneOf(rnd, DATA_CENTER_STATUSES) }),
  },
  {
    name: 'groupByCountry',
    title: 'data centers grouped by country (100 groups): count and summed power',
    ours: 'query($status: DataCenterStatus!) { dataCentersGroups(groupBy: [{ country: {} }], filter: { status: { eq: $status } }, first: 100) { keys { entity { id name } } count powerMw { sum } } }',
    peer: 'query($status: String!) { countries(limit: 100) { id name dataCentersConnection(where: { node: { status: { eq: $status } } }) { aggregate { count { nodes } node { powerMw { sum } } } } } }',
    peerNote: "no group-by: the peer counts per country through each country's connection aggregate (100 countries)",
    requires: 'dataCentersGroups',
    vars: (_plan, rnd) => ({ status: oneOf(rnd, DATA_CENTER_STATUSES) }),
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

/** The variables of `count` requests per operation, the same for every target and every run of a size. */
export function requestVariables(plan: GraphPlan, count: number): Record<string, Record<string, unknown>[]> {
  return Object.fromEntries(
    OPERATIONS.map((op, k) => {
      const rnd = prng(plan.seed * 1000 + k);
      return [op.name, Array.from({ length: count }, () => op.vars(plan, rnd))];
    }),
  );
}
