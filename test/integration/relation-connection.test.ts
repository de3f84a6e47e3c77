import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateGraph } from './aggregate-graph.js';
import { useTestServer } from './harness.js';

const server = useTestServer();
let graph: Awaited<ReturnType<typeof aggregateGraph>>;
beforeAll(async () => {
  graph = await aggregateGraph(server);
});
afterAll(() => graph.remove());

interface Page {
  totalCount?: number;
  edges: { cursor: string; node: { id: string }; relationship?: { chipCount: number | null } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

const CHIPS = `query ($id: ID!, $first: Int, $after: String, $filter: ChipRelationFilter, $orderBy: ChipOrder, $asOf: Date) {
  entity(id: $id) { ... on DataCenter { chipsConnection(first: $first, after: $after, filter: $filter, orderBy: $orderBy, asOf: $asOf) {
    totalCount edges { cursor node { id } relationship { chipCount } } pageInfo { hasNextPage hasPreviousPage endCursor } } } } }`;

async function chipsOf(dc: string, args: Record<string, unknown> = {}): Promise<Page> {
  const data = await server.data<{ entity: { chipsConnection: Page } }>(CHIPS, { id: graph.id(dc), ...args });
  return data.entity.chipsConnection;
}
const short = (page: Page): string[] => page.edges.map((e) => e.node.id.replace(`${graph.prefix}-`, ''));

describe('relationship fields as connections', () => {
  it('pages the neighbours with keyset cursors to the last page, with the total on every page', async () => {
    const first = await chipsOf('dc-1', { first: 1 });
    expect([short(first), first.totalCount, first.pageInfo.hasNextPage, first.pageInfo.hasPreviousPage]).toEqual([['chip-1'], 2, true, false]);
    const last = await chipsOf('dc-1', { first: 1, after: first.pageInfo.endCursor });
    expect([short(last), last.totalCount, last.pageInfo.hasNextPage, last.pageInfo.hasPreviousPage]).toEqual([['chip-2'], 2, false, true]);
    expect(last.edges[0]!.relationship!.chipCount).toBe(500);
  });

  it('filters on the relationship, on the neighbour and by asOf, and counts what the filter keeps', async () => {
    const big = await chipsOf('dc-1', { filter: { relationship: { chipCount: { gte: 600 } } } });
    expect([short(big), big.totalCount]).toEqual([['chip-1'], 1]);
    const roomy = await chipsOf('dc-1', { filter: { node: { memoryGb: { gt: 100 } }, relationship: { confidence: ['HIGH'] } } });
    expect([short(roomy), roomy.totalCount]).toEqual([['chip-2'], 1]);
    const ended = await chipsOf('dc-3', { filter: { relationship: { validTo: { lte: '2024-01-01' } } } });
    expect(short(ended)).toEqual(['chip-2']);
    const gone = await chipsOf('dc-3', { asOf: '2024-06-01' });
    expect([short(gone), gone.totalCount, gone.pageInfo]).toEqual([[], 0, { hasNextPage: false, hasPreviousPage: false, endCursor: null }]);
  });

  it("filters the neighbours on their own relationships, apart from the field's relationship", async () => {
    const designed = await chipsOf('dc-1', { filter: { node: { designers: { exists: true } } } });
    expect([short(designed), designed.totalCount]).toEqual([['chip-1', 'chip-2'], 2]);
    const undesigned = await chipsOf('dc-1', { filter: { node: { designers: { exists: false } } } });
    expect([short(undesigned), undesigned.totalCount]).toEqual([[], 0]);
  });

  it('sorts by a neighbour property, and the cursor resumes in that order', async () => {
    const first = await chipsOf('dc-1', { first: 1, orderBy: { field: 'MEMORY_GB', direction: 'DESC' } });
    expect(short(first)).toEqual(['chip-2']);
    const next = await chipsOf('dc-1', { first: 1, after: first.pageInfo.endCursor, orderBy: { field: 'MEMORY_GB', direction: 'DESC' } });
    expect(short(next)).toEqual(['chip-1']);
  });

  it('refuses a forged cursor, or one made for another ordering, as BAD_USER_INPUT naming after', async () => {
    const first = await chipsOf('dc-1', { first: 1 });
    for (const after of ['not-a-cursor', Buffer.from('["x",1,"y"]').toString('base64url'), first.pageInfo.endCursor]) {
      const orderBy = after === first.pageInfo.endCursor ? { field: 'MEMORY_GB', direction: 'ASC' } : null;
      const res = await server.gql(CHIPS, { id: graph.id('dc-1'), after, orderBy });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    }
  });

  it('keeps the whole-list field beside it, with the same neighbours', async () => {
    const data = await server.data<{ entity: { chips: { node: { id: string } }[]; chipsConnection: { nodes: { id: string }[] } } }>(
      `query ($id: ID!) { entity(id: $id) { ... on DataCenter { chips { node { id } } chipsConnection { nodes { id } } } } }`,
      { id: graph.id('dc-1') },
    );
    expect(data.entity.chipsConnection.nodes).toEqual(data.entity.chips.map((c) => c.node));
  });

  it('reads the page of every parent of a list in the statement of the list page itself', async () => {
    const res = await server.gql<{ companies: { nodes: { id: string; modelsConnection: { totalCount: number; nodes: { id: string }[] } }[] } }>(
      `query ($f: CompanyFilter) { companies(filter: $f) { nodes { id modelsConnection(first: 1) { totalCount nodes { id } } } } }`,
      { f: { name: { startsWith: graph.prefix } } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.stats?.dbQueries).toBe(1);
    const pages = res.data!.companies.nodes.map((c) => [
      c.id.replace(`${graph.prefix}-`, ''),
      c.modelsConnection.totalCount,
      c.modelsConnection.nodes.map((n) => n.id.replace(`${graph.prefix}-`, '')),
    ]);
    expect(pages).toEqual([
      ['designer', 2, ['model-1']],
      ['lab-a', 2, ['model-1']],
      ['lab-b', 1, ['model-1']],
    ]);
  });

  it('reads pages of an entity by id in the same statement as the entity, each alias with its own arguments', async () => {
    const res = await server.gql<{ entity: { all: Page; big: Page; chips: { node: { id: string } }[] } }>(
      `query ($id: ID!) { entity(id: $id) { ... on DataCenter {
        all: chipsConnection(first: 1) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } }
        big: chipsConnection(filter: { relationship: { chipCount: { gte: 600 } } }) { edges { cursor node { id } relationship { chipCount } } pageInfo { hasNextPage hasPreviousPage endCursor } }
        chips { node { id } } } } }`,
      { id: graph.id('dc-1') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.extensions?.stats?.dbQueries).toBe(1);
    const { all, big } = res.data!.entity;
    expect([short(all), all.totalCount, all.pageInfo.hasNextPage, short(big), big.totalCount]).toEqual([['chip-1'], 2, true, ['chip-1'], undefined]);
    // The cursor read ahead resumes exactly like one read by the field's own statement.
    expect(short(await chipsOf('dc-1', { first: 1, after: all.pageInfo.endCursor }))).toEqual(['chip-2']);
  });
});
