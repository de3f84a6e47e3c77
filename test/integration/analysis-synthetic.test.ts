import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../../src/graph/ontology.js';
import { graphPerTest } from './analysis-graph.js';
import { useTestServer } from './harness.js';

// Generous transaction timeout: the first run of each analysis query plans it, slow on a busy CI machine.
const env = { ANALYSIS_TX_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000' };
const server = useTestServer(env);
const capped = useTestServer({ ...env, MAX_ANALYSIS_RESULTS: '2' });
const hubCapped = useTestServer({ ...env, NEIGHBORHOOD_HUB_DEGREE: '3' });

const graph = graphPerTest(() => server);

const ids = (list: { id: string }[]): string[] => list.map((n) => n.id);
const SHORTEST = `query ($from: ID!, $to: ID!, $types: [RelationshipType!], $asOf: Date) {
  shortestPath(from: $from, to: $to, relationshipTypes: $types, asOf: $asOf) { length nodes { id } } }`;
const NEIGHBORHOOD = `query ($id: ID!, $depth: Int, $limit: Int, $types: [RelationshipType!], $kinds: [EntityKind!], $asOf: Date) {
  neighborhood(id: $id, depth: $depth, limit: $limit, relationshipTypes: $types, kinds: $kinds, asOf: $asOf) {
    truncated nodes { node { id } distance } edges { type from to direction } } }`;

interface Hood {
  truncated: boolean;
  nodes: { node: { id: string }; distance: number }[];
  edges: { type: string; from: string; to: string; direction: string }[];
}
const hood = async (vars: Record<string, unknown>): Promise<Hood> => (await server.data<{ neighborhood: Hood }>(NEIGHBORHOOD, vars)).neighborhood;
const shortest = async (vars: Record<string, unknown>): Promise<{ length: number; nodes: { id: string }[] } | null> =>
  (await server.data<{ shortestPath: { length: number; nodes: { id: string }[] } | null }>(SHORTEST, vars)).shortestPath;

describe('exploring small synthetic graphs', () => {
  it('finds no path and no neighbours for disconnected entities', async () => {
    const id = await graph(
      [
        ['a', 'Company'],
        ['b', 'Company'],
      ],
      [],
    );
    expect(await shortest({ from: id('a'), to: id('b') })).toBeNull();
    const data = await server.data<{ paths: unknown[] }>(`query ($a: ID!, $b: ID!) { paths(from: $a, to: $b) { length } }`, { a: id('a'), b: id('b') });
    expect(data.paths).toEqual([]);
    expect(await hood({ id: id('a'), depth: 4 })).toEqual({ truncated: false, nodes: [], edges: [] });
  });

  it('lists each entity of a cycle once, at its shortest distance, with each relationship once', async () => {
    const id = await graph(
      [
        ['a', 'Company'],
        ['b', 'Company'],
        ['c', 'Company'],
        ['d', 'Company'],
      ],
      [
        { type: 'PARTNERS_WITH', from: 'a', to: 'b' },
        { type: 'PARTNERS_WITH', from: 'b', to: 'c' },
        { type: 'PARTNERS_WITH', from: 'c', to: 'a' },
        { type: 'SUBSIDIARY_OF', from: 'd', to: 'c' },
      ],
    );
    const result = await hood({ id: id('a'), depth: 4 });
    expect(result.nodes).toEqual([
      { node: { id: id('b') }, distance: 1 },
      { node: { id: id('c') }, distance: 1 },
      { node: { id: id('d') }, distance: 2 },
    ]);
    expect(result.edges).toHaveLength(4);
    expect(result.edges).toContainEqual({ type: 'SUBSIDIARY_OF', from: id('d'), to: id('c'), direction: 'IN' });
  });

  it('lists only paths without repeated entities around a cycle, shortest first', async () => {
    const id = await graph(
      [
        ['a', 'Company'],
        ['b', 'Company'],
        ['c', 'Company'],
      ],
      [
        { type: 'PARTNERS_WITH', from: 'a', to: 'b' },
        { type: 'PARTNERS_WITH', from: 'b', to: 'c' },
        { type: 'PARTNERS_WITH', from: 'c', to: 'a' },
      ],
    );
    const data = await server.data<{ paths: { nodes: { id: string }[] }[] }>(
      `query ($a: ID!, $c: ID!) { paths(from: $a, to: $c, maxLength: 6) { nodes { id } } }`,
      { a: id('a'), c: id('c') },
    );
    expect(data.paths.map((p) => ids(p.nodes))).toEqual([
      [id('a'), id('c')],
      [id('a'), id('b'), id('c')],
    ]);
  });

  it('cuts the neighbourhood at limit and says so', async () => {
    const leaves = ['l1', 'l2', 'l3', 'l4', 'l5'];
    const id = await graph(
      [['hub', 'Company'], ...leaves.map((l): [string, EntityKind] => [l, 'Company'])],
      leaves.map((l) => ({ type: 'PARTNERS_WITH', from: 'hub', to: l })),
    );
    const cut = await hood({ id: id('hub'), limit: 3 });
    expect(cut.truncated).toBe(true);
    expect(cut.nodes).toHaveLength(3);
    expect(cut.edges).toHaveLength(3);
    const whole = await hood({ id: id('hub'), limit: 5 });
    expect(whole).toMatchObject({ truncated: false, nodes: expect.arrayContaining([{ node: { id: id('l5') }, distance: 1 }]) });
  });

  it('returns a hub but does not walk through it, and says the answer was truncated', async () => {
    // hub has 4 relationships (more than NEIGHBORHOOD_HUB_DEGREE 3); via has 2 and is walked through.
    const id = await graph(
      ['a', 'hub', 'h1', 'h2', 'h3', 'via', 'far'].map((n): [string, EntityKind] => [n, 'Company']),
      [
        { type: 'PARTNERS_WITH', from: 'a', to: 'hub' },
        ...['h1', 'h2', 'h3'].map((h) => ({ type: 'PARTNERS_WITH', from: 'hub', to: h })),
        { type: 'PARTNERS_WITH', from: 'a', to: 'via' },
        { type: 'PARTNERS_WITH', from: 'via', to: 'far' },
      ],
    );
    const query = (vars: Record<string, unknown>) => hubCapped.data<{ neighborhood: Hood }>(NEIGHBORHOOD, vars).then((d) => d.neighborhood);
    const around = await query({ id: id('a'), depth: 2 });
    expect(around.truncated).toBe(true);
    expect(around.nodes).toEqual(
      expect.arrayContaining([
        { node: { id: id('hub') }, distance: 1 },
        { node: { id: id('via') }, distance: 1 },
        { node: { id: id('far') }, distance: 2 },
      ]),
    );
    expect(ids(around.nodes.map((n) => n.node))).not.toContain(id('h1'));
    expect(around.edges).toHaveLength(3);
    // The center is always walked, however many relationships it has; at depth 1 nothing is walked through.
    const fromHub = await query({ id: id('hub'), depth: 1 });
    expect(fromHub.truncated).toBe(false);
    expect(fromHub.nodes).toHaveLength(4);
    expect(fromHub.edges).toHaveLength(4);
    // The default cap (1,000) walks through the same hub.
    const uncapped = await hood({ id: id('a'), depth: 2 });
    expect(uncapped.truncated).toBe(false);
    expect(ids(uncapped.nodes.map((n) => n.node))).toEqual(expect.arrayContaining([id('h1'), id('h2'), id('h3')]));
  });

  it('says when compute routes were cut at MAX_ANALYSIS_RESULTS', async () => {
    const id = await graph(
      [
        ['co', 'Company'],
        ['dc', 'DataCenter'],
        ['x1', 'Chip'],
        ['x2', 'Chip'],
        ['x3', 'Chip'],
      ],
      [{ type: 'OPERATES', from: 'co', to: 'dc' }, ...['x1', 'x2', 'x3'].map((x) => ({ type: 'EQUIPPED_WITH', from: 'dc', to: x }))],
    );
    const data = await capped.data<{ computeAccess: { truncated: boolean; routes: unknown[] } }>(
      `query ($co: ID!) { computeAccess(company: $co) { truncated routes { kind } } }`,
      { co: id('co') },
    );
    expect(data.computeAccess.truncated).toBe(true);
    expect(data.computeAccess.routes).toHaveLength(2);
  });

  it('follows only the relationship types and kinds asked for', async () => {
    const id = await graph(
      [
        ['a', 'Company'],
        ['b', 'Company'],
        ['c', 'Company'],
        ['m', 'Model'],
      ],
      [
        { type: 'PARTNERS_WITH', from: 'a', to: 'b' },
        { type: 'PARTNERS_WITH', from: 'b', to: 'c' },
        { type: 'SUBSIDIARY_OF', from: 'a', to: 'c' },
        { type: 'DEVELOPS', from: 'a', to: 'm' },
      ],
    );
    expect((await shortest({ from: id('a'), to: id('c') }))?.length).toBe(1);
    expect(ids((await shortest({ from: id('a'), to: id('c'), types: ['PARTNERS_WITH'] }))!.nodes)).toEqual([id('a'), id('b'), id('c')]);
    expect(await shortest({ from: id('a'), to: id('c'), types: ['DEVELOPS'] })).toBeNull();
    const partners = await hood({ id: id('a'), depth: 2, types: ['PARTNERS_WITH'] });
    expect(partners.nodes.map((n) => n.node.id)).toEqual([id('b'), id('c')]);
    const models = await hood({ id: id('a'), kinds: ['MODEL'] });
    expect(models.nodes).toEqual([{ node: { id: id('m') }, distance: 1 }]);
  });

  it('sees a relationship only inside its validity window (validTo exclusive)', async () => {
    const id = await graph(
      [
        ['a', 'Company'],
        ['b', 'Company'],
      ],
      [{ type: 'PARTNERS_WITH', from: 'a', to: 'b', validFrom: '2024-01-01', validTo: '2024-07-01' }],
    );
    expect((await shortest({ from: id('a'), to: id('b'), asOf: '2024-01-01' }))?.length).toBe(1);
    expect(await shortest({ from: id('a'), to: id('b'), asOf: '2023-12-31' })).toBeNull();
    expect(await shortest({ from: id('a'), to: id('b'), asOf: '2024-07-01' })).toBeNull();
    expect((await shortest({ from: id('a'), to: id('b') }))?.length).toBe(1);
    expect((await hood({ id: id('a'), asOf: '2024-08-01' })).nodes).toEqual([]);
    const data = await server.data<{ timeline: { events: { date: string; kind: string }[] } }>(
      `query ($a: ID!) { timeline(id: $a) { events { date kind } } }`,
      { a: id('a') },
    );
    expect(data.timeline.events).toEqual([
      { date: '2024-01-01', kind: 'RELATIONSHIP_STARTED' },
      { date: '2024-07-01', kind: 'RELATIONSHIP_ENDED' },
    ]);
    const window = await server.data<{ timeline: { events: { date: string }[] } }>(
      `query ($a: ID!) { timeline(id: $a, from: "2024-07-01", to: "2024-07-01") { events { date } } }`,
      { a: id('a') },
    );
    expect(window.timeline.events).toEqual([{ date: '2024-07-01' }]);
  });
});

describe('an analysis that would explode', () => {
  const strict = useTestServer({ ANALYSIS_TX_TIMEOUT_MS: '100' });

  it('stops at its transaction timeout with TIMEOUT, and the database answers afterwards', async () => {
    const names = Array.from({ length: 12 }, (_, i) => `k${i}`);
    const pairs = names.flatMap((a, i) => names.slice(i + 1).map((b) => ({ type: 'PARTNERS_WITH', from: a, to: b })));
    const id = await graph(
      names.map((n): [string, EntityKind] => [n, 'Company']),
      pairs,
    );
    const res = await strict.gql(`query ($a: ID!, $b: ID!) { paths(from: $a, to: $b, maxLength: 6, first: 50) { length } }`, { a: id('k0'), b: id('k1') });
    expect(res.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
    expect(JSON.stringify(res)).not.toMatch(/MATCH|neo4j|stack/i);
    expect((await shortest({ from: id('k0'), to: id('k1') }))?.length).toBe(1);
  });
});
