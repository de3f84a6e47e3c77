import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

let server: TestServer;
beforeAll(async () => {
  // The nested queries below are deliberately wide; the cost limit is not what this file tests.
  server = await startTestServer({ MAX_COMPLEXITY: '10000000' });
});
afterAll(() => server.close());

/** Runs a query and returns its data and the number of database round trips the server reported. */
async function measured(query: string, variables: Record<string, unknown>): Promise<{ data: Record<string, any>; dbQueries: number }> {
  const res = await server.gql(query, variables);
  expect(res.errors).toBeUndefined();
  const dbQueries = res.extensions?.stats?.dbQueries;
  expect(typeof dbQueries).toBe('number');
  return { data: res.data!, dbQueries };
}

const COMPANIES = `query ($first: Int) {
  companies(first: $first) {
    nodes { id sources { id } headquarters { node { id } }
      models { node { id trainingChips { node { id restrictedBy(asOf: "2025-06-01") { node { id } relationship { sources { id } } } } } } }
    }
  }
}`;

const COUNTRIES = `query ($first: Int) {
  countries(first: $first) {
    nodes { id dataCenters { node { id chips { node { id trainedModels { node { id developer { node { id } } } } } } } } }
  }
}`;

describe('database round trips of nested queries', () => {
  it('costs the same number of queries for companies → models → trainingChips → restrictedBy over 2 or up to 50 parents', async () => {
    const small = await measured(COMPANIES, { first: 2 });
    const large = await measured(COMPANIES, { first: 50 });
    expect(small.data.companies.nodes).toHaveLength(2);
    expect(large.data.companies.nodes.length).toBeGreaterThan(30);
    const nested = large.data.companies.nodes.flatMap((c: any) => c.models.flatMap((m: any) => m.node.trainingChips.flatMap((t: any) => t.node.restrictedBy)));
    expect(nested.length).toBeGreaterThan(0);
    expect(large.dbQueries).toBe(small.dbQueries);
    // page + count, then one batch per level: sources, headquarters, models, trainingChips, restrictedBy, their sources.
    expect(large.dbQueries).toBeLessThanOrEqual(8);
  });

  it('costs the same number of queries for countries → dataCenters → chips → trainedModels → developer over 2 or all countries', async () => {
    const small = await measured(COUNTRIES, { first: 2 });
    const large = await measured(COUNTRIES, { first: 50 });
    const models = large.data.countries.nodes.flatMap((c: any) => c.dataCenters.flatMap((d: any) => d.node.chips.flatMap((x: any) => x.node.trainedModels)));
    expect(models.length).toBeGreaterThan(0);
    expect(large.dbQueries).toBe(small.dbQueries);
    expect(large.dbQueries).toBeLessThanOrEqual(6);
  });

  it('runs one query per relationship field and level, however many parents ask for it', async () => {
    const { dbQueries } = await measured(`{ chips(first: 50) { nodes { id restrictedBy { node { id } } trainedModels { node { id } } } } }`, {});
    // page, RESTRICTS in, TRAINED_ON in (no count: totalCount is not asked for)
    expect(dbQueries).toBe(3);
  });
});

describe('counting a list', () => {
  it('counts every match only when totalCount is asked for, directly or through a fragment', async () => {
    const bare = await measured('{ chips(first: 3) { nodes { id } } }', {});
    const counted = await measured('{ chips(first: 3) { totalCount nodes { id } } }', {});
    const viaFragment = await measured('query { chips(first: 3) { ...Total nodes { id } } } fragment Total on ChipConnection { totalCount }', {});
    expect(counted.dbQueries).toBe(bare.dbQueries + 1);
    expect(viaFragment.dbQueries).toBe(counted.dbQueries);
    expect(counted.data.chips.totalCount).toBeGreaterThan(3);
    expect(viaFragment.data.chips.totalCount).toBe(counted.data.chips.totalCount);
  });
});
