import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

/**
 * A write that waits on a lock this test holds is a request that cannot finish by itself: it shows what the
 * server does at the deadline and when the client goes away, through the HTTP endpoint.
 */
const KEY = 'hardening-deadline-key-0123456789';
const id = `hardening-lock-${Date.now()}`;
const server = useTestServer({ API_KEYS: KEY, REQUEST_TIMEOUT_MS: '1500', WRITE_RATE_LIMIT_PER_MIN: '1000' });

beforeAll(async () => {
  await server.db.write((tx) =>
    tx.run("CREATE (:Entity:Company {id: $id, kind: 'Company', name: $id, roles: [], sourceIds: ['src-ft-2025-11-chinese-ai-offshore-training']})", { id }),
  );
});
afterAll(async () => {
  await server.db.write((tx) => tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id }));
});

/** Holds a write lock on the test entity until release() is called. */
async function holdLock() {
  const session = server.db.driver.session();
  const tx = session.beginTransaction();
  await tx.run('MATCH (n:Entity {id: $id}) SET n.lockedBy = $holder', { id, holder: 'hardening-test' });
  return {
    release: async () => {
      await tx.rollback();
      await session.close();
    },
  };
}

const UPDATE = 'mutation U($id: ID!) { updateCompany(id: $id, input: { description: "waiting" }) { entity { id } errors { code } } }';

/** Transactions of the request with this id still running in Neo4j (the server tags them with it). */
async function running(requestId: string): Promise<number> {
  const session = server.db.driver.session();
  try {
    const result = await session.run('SHOW TRANSACTIONS YIELD metaData WHERE metaData.requestId = $requestId RETURN count(*) AS n', { requestId });
    return result.records[0]!.get('n').toNumber();
  } finally {
    await session.close();
  }
}

describe('request deadlines over HTTP', () => {
  it('answers a request still waiting at REQUEST_TIMEOUT_MS with TIMEOUT, and its transaction is gone', async () => {
    const lock = await holdLock();
    try {
      const res = await server.gql(UPDATE, { id }, { 'x-api-key': KEY, 'x-request-id': 'deadline-http-1' });
      expect(res.errors?.[0]?.extensions?.code).toBe('TIMEOUT');
      expect(JSON.stringify(res)).not.toMatch(/Neo\.|neo4j|MATCH/);
      for (let i = 0; i < 50 && (await running('deadline-http-1')) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await running('deadline-http-1')).toBe(0);
    } finally {
      await lock.release();
    }
  });

  it('terminates the transaction of a client that disconnects while it waits', async () => {
    const lock = await holdLock();
    try {
      const controller = new AbortController();
      const pending = fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-api-key': KEY, 'x-request-id': 'deadline-http-2' },
        body: JSON.stringify({ query: UPDATE, variables: { id } }),
        signal: controller.signal,
      }).catch((error: Error) => error.name);
      for (let i = 0; i < 100 && (await running('deadline-http-2')) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await running('deadline-http-2')).toBe(1);
      controller.abort();
      expect(await pending).toBe('AbortError');
      for (let i = 0; i < 50 && (await running('deadline-http-2')) > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await running('deadline-http-2')).toBe(0);
    } finally {
      await lock.release();
    }
  });
});
