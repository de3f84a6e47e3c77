import { afterAll, describe, expect, it } from 'vitest';
import type { GraphQLResponse, TestServer } from './harness.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

interface Answer<T> {
  readonly status: number;
  readonly headers: Headers;
  readonly body: GraphQLResponse<T>;
}

/** POSTs `query` to /graphql and returns the status, the headers and the parsed body. */
async function post<T = unknown>(s: TestServer, query: string, headers: Record<string, string> = {}): Promise<Answer<T>> {
  const res = await fetch(`${s.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<T> };
}

/** GETs `query` from /graphql, with the CSRF preflight header a GET must carry. */
async function get<T = unknown>(s: TestServer, query: string): Promise<Answer<T>> {
  const res = await fetch(`${s.url}/graphql?${new URLSearchParams({ query }).toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GraphQLResponse<T> };
}

/** Runs `work` and returns its result with the number of Neo4j queries the server ran meanwhile. */
async function counting<T>(s: TestServer, work: () => Promise<T>): Promise<{ result: T; queries: number }> {
  let queries = 0;
  const stop = s.db.addQueryListener(() => (queries += 1));
  try {
    return { result: await work(), queries };
  } finally {
    stop();
  }
}

/** The value of atlas_response_cache_total for this result in the server's /metrics. */
async function lookups(s: TestServer, result: 'hit' | 'miss'): Promise<number> {
  const text = await (await fetch(`${s.url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`atlas_response_cache_total{result="${result}"}`));
  return Number(line?.split(' ').pop() ?? 0);
}

/** Asks `query` until an answer comes from the cache (other test files' writes move the sequence meanwhile). */
async function untilHit<T>(s: TestServer, query: string): Promise<Answer<T>> {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const answer = await post<T>(s, query);
    if (answer.headers.get('x-cache') === 'hit') return answer;
  }
  throw new Error(`no answer to ${query} came from the response cache in 10 attempts`);
}

// The sequence is re-read at most once a minute here: other test files' writes cannot move it between two requests.
const steady = useTestServer({ ...WRITE_ENV, RESPONSE_CACHE: 'on', CACHE_MAX_AGE_S: '30', HTTP_CACHE_SEQUENCE_MS: '60000' });

describe('the response cache on an unchanging graph', () => {
  it('serves the second identical anonymous query from the cache without database work, with the same data', async () => {
    const query = 'query CacheHit { entity(id: "nvidia-h100") { id name } }';
    const hitsBefore = await lookups(steady, 'hit');
    const first = await post(steady, query);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers.get('x-cache')).toBe('miss');
    const { result: second, queries } = await counting(steady, () => post(steady, query));
    expect(second.body.errors).toBeUndefined();
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.headers.get('age')).toMatch(/^\d+$/);
    expect(second.headers.get('cache-control')).toBe('max-age=30, public');
    expect(second.body.data).toEqual(first.body.data);
    expect(queries).toBe(0);
    expect(await lookups(steady, 'hit')).toBe(hitsBefore + 1);
  });

  it('serves a repeated GET from the cache with the same ETag, keyed on the sequence that ETag names', async () => {
    const query = '{ entity(id: "nvidia-a100") { id name } }';
    const first = await get(steady, query);
    const { result: second, queries } = await counting(steady, () => get(steady, query));
    expect(second.headers.get('x-cache')).toBe('hit');
    expect(second.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(second.body.data).toEqual(first.body.data);
    expect(queries).toBe(0);
  });

  it('never serves a request with credentials from the cache, nor stores its answer', async () => {
    const query = '{ entity(id: "nvidia-h100") { id vendor: name } }';
    await post(steady, query);
    expect((await post(steady, query)).headers.get('x-cache')).toBe('hit');
    const { result: editor, queries } = await counting(steady, () => post(steady, query, asEditor));
    expect(editor.body.errors).toBeUndefined();
    expect(editor.headers.get('x-cache')).toBeNull();
    expect(editor.headers.get('cache-control')).toBe('max-age=30, private');
    expect(queries).toBeGreaterThan(0);

    const other = '{ entity(id: "nvidia-a100") { id label: name } }';
    await post(steady, other, asEditor);
    await post(steady, other, { 'x-api-key': 'not-a-key-at-all-0123456789' });
    expect((await post(steady, other)).headers.get('x-cache')).toBe('miss');
  });

  it('does not store answers with errors, the audit trail or mutations', async () => {
    // Executed, with data and an error (maxLength 0 is refused by the field, not before execution).
    const failing = '{ entity(id: "nvidia-h100") { id } shortestPath(from: "nvidia-h100", to: "nvidia-a100", maxLength: 0) { length } }';
    await post(steady, failing);
    const again = await post(steady, failing);
    expect(again.body.data).toEqual({ entity: { id: 'nvidia-h100' }, shortestPath: null });
    expect(again.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.headers.get('x-cache')).toBe('miss');

    const audit = '{ changes(first: 1) { edges { cursor } } }';
    await post(steady, audit);
    const trail = await post(steady, audit);
    expect(trail.body.errors).toBeUndefined();
    expect(trail.headers.get('cache-control')).toBe('no-store');
    expect(trail.headers.get('x-cache')).toBe('miss');

    const mutation = await post(steady, 'mutation { deleteEntity(id: "t-cache-none") { deletedId } }', asEditor);
    expect(mutation.headers.get('x-cache')).toBeNull();
  });
});

// The sequence is read on every request: a write is seen by the next one.
const live = useTestServer({ ...WRITE_ENV, RESPONSE_CACHE: 'on', CACHE_MAX_AGE_S: '30', HTTP_CACHE_SEQUENCE_MS: '0' });
const prefix = uniquePrefix('rcache');
afterAll(() => removeEntities(live, [`${prefix}-co`]));

describe('the response cache after a write', () => {
  it('answers the next identical query after a mutation from the database, with the new data', async () => {
    const id = `${prefix}-co`;
    await live.data(
      `mutation { createCompany(input: { id: "${id}", name: "Before Co", sources: ["src-epoch-notable-models"] }) { entity { id } } }`,
      {},
      asEditor,
    );
    const query = `{ entity(id: "${id}") { id name } }`;
    const cached = await untilHit<{ entity: { name: string } }>(live, query);
    expect(cached.body.data?.entity.name).toBe('Before Co');

    await live.data(`mutation { updateCompany(id: "${id}", input: { name: "After Co" }) { entity { id } } }`, {}, asEditor);
    const after = await post<{ entity: { name: string } }>(live, query);
    expect(after.body.errors).toBeUndefined();
    expect(after.headers.get('x-cache')).toBe('miss');
    expect(after.body.data?.entity.name).toBe('After Co');
  });
});

const off = useTestServer({ CACHE_MAX_AGE_S: '30' });

describe('with the response cache off (the default)', () => {
  it('sends no x-cache header and runs every query', async () => {
    const query = '{ entity(id: "nvidia-h100") { id name } }';
    await post(off, query);
    const { result, queries } = await counting(off, () => post(off, query));
    expect(result.body.errors).toBeUndefined();
    expect(result.headers.get('x-cache')).toBeNull();
    expect(queries).toBeGreaterThan(0);
  });
});
