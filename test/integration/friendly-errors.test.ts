import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';
import { WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);

const DELETE = 'mutation { deleteEntity(id: "friendly-errors-none") { errors { code } } }';

describe('errors a playground user can act on', () => {
  it('reports a wrong API key as rejected, not as missing, and says what to do next', async () => {
    const res = await server.gql(DELETE, {}, { 'x-api-key': 'not-a-key' });
    const error = res.errors?.[0];
    expect(error?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(error?.message).toMatch(/rejected/);
    expect(error?.message).toMatch(/typo|new key/);
    expect(error?.message).not.toMatch(/needs credentials/);
  });

  it('reports a request without any credential as missing credentials', async () => {
    const res = await server.gql(DELETE);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/needs credentials: send an API key/);
  });

  it('names limit and the configured cap when a neighbourhood limit is over it', async () => {
    const cap = Math.min(server.config.MAX_PAGE_SIZE, server.config.MAX_ANALYSIS_RESULTS);
    const res = await server.gql('query($n: Int) { neighborhood(id: "nvidia", limit: $n) { truncated } }', { n: cap + 1 });
    const error = res.errors?.[0];
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', argument: 'limit', limit: cap, value: cap + 1 });
    expect(error?.message).toContain(`"limit" may be at most ${cap}`);
    expect(error?.message).not.toMatch(/"first"/);
  });

  it('accepts a neighbourhood limit at the cap', async () => {
    const cap = Math.min(server.config.MAX_PAGE_SIZE, server.config.MAX_ANALYSIS_RESULTS);
    const data = await server.data<{ neighborhood: { truncated: boolean } | null }>('query($n: Int) { neighborhood(id: "nvidia", limit: $n) { truncated } }', {
      n: cap,
    });
    expect(data.neighborhood).not.toBeUndefined();
  });
});
