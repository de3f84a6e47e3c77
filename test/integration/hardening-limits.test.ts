import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

const server = useTestServer({ MAX_DEPTH: '7', MAX_COMPLEXITY: '2000', MAX_ALIASES: '4', MAX_TOKENS: '400', MAX_PAGE_SIZE: '50' });

async function rejection(query: string, variables?: Record<string, unknown>) {
  const res = await server.gql(query, variables);
  expect(res.data).toBeUndefined();
  expect(res.status).toBe(400);
  const error = res.errors?.[0];
  expect(error?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
  expect(error?.extensions?.requestId).toEqual(expect.any(String));
  return error!;
}

describe('query cost limits over HTTP', () => {
  it('answers a query within every limit', async () => {
    const data = await server.data<{ companies: { nodes: { id: string; models: { node: { id: string } }[] }[] } }>(
      '{ companies(first: 5) { nodes { id models { node { id } } } } }',
    );
    expect(data.companies.nodes.length).toBeGreaterThan(0);
  });

  it('rejects a query nested deeper than MAX_DEPTH, naming the limit and the depth', async () => {
    const error = await rejection(
      '{ entity(id: "nvidia-h100") { ... on Chip { designers { node { designedChips { node { designers { node { id } } } } } } } } }',
    );
    expect(error.extensions).toMatchObject({ measure: 'depth', limit: 7, value: 8 });
    expect(error.message).toMatch(/8 levels deep; the limit is 7/);
  });

  it('rejects a query over the complexity budget, with lists costing by their first', async () => {
    const error = await rejection('query Big($n: Int) { companies(first: $n) { nodes { models { node { trainingChips { node { id name } } } } } } }', {
      n: 50,
    });
    expect(error.extensions).toMatchObject({ measure: 'complexity', limit: 2000 });
    expect(error.extensions?.value).toBe(1 + 50 * (1 + (1 + 5 * (1 + (1 + 5 * (1 + 2))))));
  });

  it('rejects more aliases than MAX_ALIASES', async () => {
    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: entity(id: "nvidia-h100") { id }`).join(' ');
    const error = await rejection(`{ ${aliases} }`);
    expect(error.extensions).toMatchObject({ measure: 'aliases', limit: 4, value: 5 });
  });

  it('rejects a document with more tokens than MAX_TOKENS before parsing it', async () => {
    const fields = Array.from({ length: 400 }, () => 'id').join(' ');
    const error = await rejection(`{ entity(id: "nvidia-h100") { ${fields} } }`);
    expect(error.extensions).toMatchObject({ measure: 'tokens', limit: 400, value: 410 });
  });

  it('rejects a first above MAX_PAGE_SIZE, naming the cap', async () => {
    const error = await rejection('{ chips(first: 51) { nodes { id } } }');
    expect(error.extensions).toMatchObject({ limit: 50, value: 51 });
    expect(error.message).toMatch(/"first" may be at most 50/);
  });

  it('rejects a fragment bomb quickly instead of expanding it', async () => {
    const levels = Array.from({ length: 12 }, (_, i) => `fragment F${i} on Chip { designers { node { designedChips { node { ...F${i + 1} } } } } }`);
    const query = `{ entity(id: "nvidia-h100") { ...F0 } } ${levels.join(' ')} fragment F12 on Chip { id }`;
    const res = await server.gql(query);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'depth' });
    expect(res.data).toBeUndefined();
  });
});
