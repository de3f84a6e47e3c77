import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

const server = useTestServer();

describe('the HTTP server', () => {
  it('answers /healthz while the process is up', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers /readyz with 200 while Neo4j answers', async () => {
    const res = await fetch(`${server.url}/readyz`);
    expect(res.status).toBe(200);
  });

  it('serves GraphQL from the real database at /graphql', async () => {
    const data = await server.data<{ entity: { id: string; name: string; kind: string } }>('{ entity(id: "nvidia-h100") { id name kind } }');
    expect(data.entity).toMatchObject({ id: 'nvidia-h100', kind: 'CHIP' });
  });

  it('returns a request id in the response and in the x-request-id header', async () => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'test-req-1' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('x-request-id')).toBe('test-req-1');
    expect(((await res.json()) as { extensions: { requestId: string } }).extensions.requestId).toBe('test-req-1');
  });

  it('rejects a malformed query with GRAPHQL_PARSE_FAILED and no internals', async () => {
    const res = await server.gql('{ entity(id: ');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(JSON.stringify(res)).not.toMatch(/MATCH|neo4j|stack/i);
  });
});
