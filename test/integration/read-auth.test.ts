import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

const KEY = 'read-auth-test-key-0123456789abcdef';
const server = useTestServer({ READS_REQUIRE_AUTH: 'true', API_KEYS: KEY });

describe('READS_REQUIRE_AUTH', () => {
  it('refuses a read without credentials with 401 UNAUTHENTICATED', async () => {
    const res = await server.gql('{ entity(id: "nvidia-h100") { id } }');
    expect(res.status).toBe(401);
    expect(res.data ?? null).toBeNull();
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toMatch(/credentials/);
  });

  it('answers the same read with an API key', async () => {
    const data = await server.data<{ entity: { id: string } }>('{ entity(id: "nvidia-h100") { id } }', {}, { 'x-api-key': KEY });
    expect(data.entity.id).toBe('nvidia-h100');
  });
});
