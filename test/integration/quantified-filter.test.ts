import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateGraph } from './aggregate-graph.js';
import { useTestServer } from './harness.js';

const server = useTestServer();
let graph: Awaited<ReturnType<typeof aggregateGraph>>;
beforeAll(async () => {
  graph = await aggregateGraph(server);
});
afterAll(() => graph.remove());

/** The short names of this test's chips a list filter keeps. */
async function chips(filter: Record<string, unknown>): Promise<string[]> {
  const data = await server.data<{ chips: { nodes: { id: string }[] } }>(`query ($f: ChipFilter) { chips(filter: $f) { nodes { id } } }`, {
    f: { name: { startsWith: graph.prefix }, ...filter },
  });
  return data.chips.nodes.map((n) => n.id.replace(`${graph.prefix}-`, ''));
}

describe('some, none and all over relationships in list filters', () => {
  it('keeps chips with some data center in a country, through a relationship condition, two levels deep', async () => {
    const inLandA = { node: { countrySome: { node: { isoCode: { eq: 'XA' } } } } };
    expect(await chips({ dataCentersSome: inLandA })).toEqual(['chip-1', 'chip-2']);
    expect(await chips({ dataCentersSome: { ...inLandA, relationship: { chipCount: { gte: 600 } } } })).toEqual(['chip-1']);
  });

  it('keeps chips with no data center, and those whose every data center holds at least 500 (none counts as every)', async () => {
    expect(await chips({ dataCentersNone: {} })).toEqual(['chip-3']);
    expect(await chips({ dataCentersAll: { relationship: { chipCount: { gte: 500 } } } })).toEqual(['chip-1', 'chip-3']);
  });

  it('counts a neighbour without the property as failing All', async () => {
    const data = await server.data<{ companies: { nodes: { id: string }[] } }>(`query ($f: CompanyFilter) { companies(filter: $f) { nodes { id } } }`, {
      f: { name: { startsWith: graph.prefix }, designedChipsAll: { node: { memoryGb: { gte: 50 } } } },
    });
    // designer's chips have 80 and 141 GB; lab-b's chip has no memoryGb; lab-a designs none.
    expect(data.companies.nodes.map((n) => n.id.replace(`${graph.prefix}-`, ''))).toEqual(['designer', 'lab-a']);
  });

  it('keeps only relationships that held on a day with heldOn', async () => {
    const inLandB = { node: { countrySome: { node: { isoCode: { eq: 'XB' } } } } };
    expect(await chips({ dataCentersSome: inLandB })).toEqual(['chip-2']);
    expect(await chips({ dataCentersSome: { ...inLandB, relationship: { heldOn: '2024-06-01' } } })).toEqual([]);
  });

  it('filters an aggregate the same way', async () => {
    const data = await server.data<{ dataCentersAggregate: { count: number } }>(`query ($f: DataCenterFilter) { dataCentersAggregate(filter: $f) { count } }`, {
      f: { name: { startsWith: graph.prefix }, chipsSome: { node: { vendor: { eq: 'V1' } } } },
    });
    expect(data.dataCentersAggregate.count).toBe(3);
  });

  it('refuses a relationship condition the ontology does not know as BAD_USER_INPUT', async () => {
    const res = await server.gql(`query { chips(filter: { dataCentersSome: { relationship: { chipCount: { contains: "1" } } } }) { nodes { id } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('sorting a list by a single-valued related property', () => {
  const QUERY = `query ($f: DataCenterFilter, $o: DataCenterOrder, $after: String) {
    dataCenters(filter: $f, orderBy: $o, first: 2, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }`;
  type Page = { dataCenters: { nodes: { id: string }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } };

  it('sorts data centers by country name, those without a country last, and pages in that order', async () => {
    const f = { name: { startsWith: graph.prefix } };
    const o = { country: 'NAME', direction: 'DESC' };
    const first = await server.data<Page>(QUERY, { f, o });
    const next = await server.data<Page>(QUERY, { f, o, after: first.dataCenters.pageInfo.endCursor });
    const short = (p: Page) => p.dataCenters.nodes.map((n) => n.id.replace(`${graph.prefix}-`, ''));
    expect([short(first), short(next), next.dataCenters.pageInfo.hasNextPage]).toEqual([['dc-3', 'dc-1'], ['dc-2', 'dc-4'], false]);
  });
});
