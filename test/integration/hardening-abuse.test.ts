import { describe, expect, it } from 'vitest';
import { useTestServer, type GraphQLResponse, type TestServer } from './harness.js';

const HEAVY = 'paths(from: "deepseek", to: "nvidia", maxLength: 6, first: 50) { length }';
const aliased = (n: number, field: string): string => `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;

const post = async (server: TestServer, query: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return { status: res.status, retryAfter: res.headers.get('retry-after'), ...((await res.json()) as GraphQLResponse) };
};

describe('analysis priced by what it costs', () => {
  const server = useTestServer({ ANALYSIS_RATE_LIMIT_PER_MIN: '100000' });

  it('refuses 30 aliased long paths queries before running them, with QUERY_TOO_COMPLEX naming the figure', async () => {
    const res = await post(server, aliased(30, HEAVY));
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'complexity', limit: 20_000 });
    const value = error?.extensions?.value as number;
    expect(value).toBeGreaterThan(20_000);
    expect(error?.message).toContain(String(value));
  });

  it('still answers one such query, and several at the default path length', async () => {
    const one = await post(server, `{ ${HEAVY} }`);
    expect(one.errors).toBeUndefined();
    const many = await post(server, aliased(10, 'paths(from: "deepseek", to: "nvidia") { length }'));
    expect(many.errors).toBeUndefined();
  });
});

describe('rate limits that count cost and only credentials that verify', () => {
  const server = useTestServer({
    API_KEYS: 'alice:abuse-key-alice-0123456789,abuse-key-bob-0123456789',
    ANALYSIS_RATE_LIMIT_PER_MIN: '20',
    WRITE_RATE_LIMIT_PER_MIN: '5',
  });

  it('charges an analysis its units: a second paths(maxLength: 6) in the minute is over a limit of 20', async () => {
    const key = { 'x-api-key': 'abuse-key-alice-0123456789' };
    expect((await post(server, `{ ${HEAVY} }`, key)).errors).toBeUndefined();
    const second = await post(server, `{ ${HEAVY} }`, key);
    expect(second.status).toBe(429);
    expect(second.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 20 });
    expect(second.errors?.[0]?.message).toMatch(/this request costs 16/);
    expect(Number(second.retryAfter)).toBeGreaterThan(0);
  });

  it('counts made-up API keys and bearer tokens against the address, not in fresh buckets', async () => {
    const search = '{ search(text: "nvidia", first: 1) { score } }';
    let limited = 0;
    for (let i = 0; i < 25; i++) {
      const headers: Record<string, string> = i % 2 ? { 'x-api-key': `made-up-${i}` } : { authorization: `Bearer made.up.${i}` };
      if ((await post(server, search, headers)).status === 429) limited += 1;
    }
    expect(limited).toBe(5);
    // A key that verifies has its own bucket.
    expect((await post(server, search, { 'x-api-key': 'abuse-key-bob-0123456789' })).status).toBe(200);
  });

  it('counts each aliased mutation as one write', async () => {
    const headers = { 'x-api-key': 'abuse-key-bob-0123456789' };
    const writes = (n: number) => `mutation ${aliased(n, 'deleteEntity(id: "abuse-no-such-entity") { deletedId }')}`;
    const six = await post(server, writes(6), headers);
    expect(six.status).toBe(429);
    expect(six.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 5 });
    expect((await post(server, writes(5), headers)).status).toBe(200);
    expect((await post(server, writes(1), headers)).status).toBe(429);
  });
});

describe('analysis within a bounded share of the driver pool', () => {
  const server = useTestServer({
    API_KEYS: 'heavy:abuse-heavy-0123456789,light:abuse-light-0123456789',
    NEO4J_POOL_SIZE: '4',
    ANALYSIS_CONCURRENCY: '2',
    ANALYSIS_RATE_LIMIT_PER_MIN: '100000',
    CLIENT_ANALYSIS_IN_FLIGHT: '100000',
  });

  it(
    "answers another client's plain reads while analyses fill their share, and refuses the excess with a retryable DATABASE_BUSY",
    { timeout: 180_000 },
    async () => {
      const heavy = { 'x-api-key': 'abuse-heavy-0123456789' };
      const light = { 'x-api-key': 'abuse-light-0123456789' };
      const analysis = Promise.all(Array.from({ length: 8 }, () => post(server, aliased(3, HEAVY), heavy)));
      let done = false;
      void analysis.finally(() => (done = true));
      const reads: Awaited<ReturnType<typeof post>>[] = [];
      for (let round = 0; round < 200 && (!done || round < 5); round++) {
        reads.push(
          ...(await Promise.all([
            post(server, '{ entity(id: "nvidia-h100") { id } }', light),
            post(server, '{ companies(first: 5) { nodes { id } } }', light),
          ])),
        );
      }
      for (const read of reads) expect(read.errors, JSON.stringify(read.errors)).toBeUndefined();
      expect(reads.length).toBeGreaterThanOrEqual(10);
      for (const res of await analysis) {
        for (const error of res.errors ?? []) {
          expect(['DATABASE_BUSY', 'TIMEOUT'], error.message).toContain(error.extensions?.code);
          if (error.extensions?.code === 'DATABASE_BUSY') expect(error.extensions).toMatchObject({ limit: 2, retryAfterSeconds: 1 });
        }
      }
    },
  );
});
