import { describe, expect, it } from 'vitest';
import { useTestServer, type TestServer } from './harness.js';

// Rate-limit buckets belong to credentials that verify: the clients of these tests hold real keys.
const open = useTestServer({
  CORS_ORIGINS: 'https://atlas.example.org',
  BODY_LIMIT: '2kb',
  ANALYSIS_RATE_LIMIT_PER_MIN: '3',
  WRITE_RATE_LIMIT_PER_MIN: '2',
  API_KEYS: 'client-a,client-b,writer-a',
});
const locked = useTestServer({ INTROSPECTION: 'false', PLAYGROUND: 'false' });

const post = (server: TestServer, body: string, headers: Record<string, string> = {}) =>
  fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

describe('exposure controls', () => {
  it('allows cross-origin calls only from origins in CORS_ORIGINS', async () => {
    const allowed = await post(open, '{"query":"{ __typename }"}', { origin: 'https://atlas.example.org' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://atlas.example.org');
    const other = await post(open, '{"query":"{ __typename }"}', { origin: 'https://evil.example.com' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await fetch(`${open.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin: 'https://atlas.example.org', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('refuses a body over BODY_LIMIT with 413 and a JSON error naming the limit', async () => {
    const res = await post(open, JSON.stringify({ query: `{ __typename } # ${'x'.repeat(4_000)}` }));
    expect(res.status).toBe(413);
    const body = (await res.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: '2kb', requestId: expect.any(String) });
    expect(body.errors[0]?.message).toMatch(/BODY_LIMIT/);
  });

  it('answers malformed JSON with 400 and no framework page or stack', async () => {
    const res = await post(open, '{"query": "{ __typename }"');
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(JSON.parse(text).errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(text).not.toMatch(/<html|at .*\(|node_modules|SyntaxError/i);
  });

  it('keeps CSRF prevention on: a simple GET without a preflight header is refused', async () => {
    const res = await fetch(`${open.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
    expect(res.status).toBe(400);
    const allowed = await fetch(`${open.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
  });

  it('refuses introspection when INTROSPECTION=false and still answers queries', async () => {
    const res = await locked.gql('{ __schema { types { name } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/introspection/i);
    expect(res.data).toBeUndefined();
    expect((await locked.data<{ entity: { id: string } }>('{ entity(id: "nvidia-h100") { id } }')).entity.id).toBe('nvidia-h100');
  });

  it('serves no playground page when PLAYGROUND=false', async () => {
    const res = await fetch(`${locked.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type') ?? '').not.toMatch(/text\/html/);
    const root = await fetch(`${locked.url}/`, { headers: { accept: 'text/html' } });
    expect(root.status).toBe(404);
  });

  it('rate limits analysis queries per client with RATE_LIMITED, 429 and Retry-After, and leaves other clients alone', async () => {
    const search = JSON.stringify({ query: '{ search(text: "nvidia", first: 1) { score } }' });
    for (let i = 0; i < 3; i++) expect((await post(open, search, { 'x-api-key': 'client-a' })).status).toBe(200);
    const limited = await post(open, search, { 'x-api-key': 'client-a' });
    expect(limited.status).toBe(429);
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    const body = (await limited.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3, retryAfterSeconds: retryAfter });
    expect(body.errors[0]?.message).toMatch(/Retry in \d+ s/);
    expect((await post(open, search, { 'x-api-key': 'client-b' })).status).toBe(200);
    expect((await post(open, '{"query":"{ entity(id: \\"nvidia-h100\\") { id } }"}', { 'x-api-key': 'client-a' })).status).toBe(200);
  });

  it('rate limits writes per client, counting refused ones too, before anything is written', async () => {
    const write = JSON.stringify({ query: 'mutation { deleteEntity(id: "hardening-no-such-entity") { deletedId } }' });
    for (let i = 0; i < 2; i++) expect((await post(open, write, { 'x-api-key': 'writer-a' })).status).not.toBe(429);
    const limited = await post(open, write, { 'x-api-key': 'writer-a' });
    expect(limited.status).toBe(429);
    const body = (await limited.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 2 });
  });

  it('gives every error a request id that matches the x-request-id header', async () => {
    const res = await post(open, '{"query":"{ nope }"}', { 'x-request-id': 'sec-test-7' });
    expect(res.headers.get('x-request-id')).toBe('sec-test-7');
    const body = (await res.json()) as { errors: { extensions: Record<string, unknown> }[] };
    expect(body.errors[0]?.extensions.requestId).toBe('sec-test-7');
  });
});
