import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { migrate } from '../../src/db/migrations.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type AtlasServer } from '../../src/server/http.js';

/**
 * The fault test: this file runs its own Neo4j (not the shared one), stops or kills it while a client writes
 * and reads through the server, and starts it again on the same port and data folder.
 */
let dataDir: string;
let port: number;
let neo4j: LocalNeo4j;
let db: Database;
let server: AtlasServer;
let url: string;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

const start = (): Promise<LocalNeo4j> => startLocalNeo4j({ dataDir, port, heap: '512m', pageCacheMb: 64, log: () => undefined });

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-outage-neo4j-'));
  port = await freePort();
  neo4j = await start();
  // REQUEST_TIMEOUT_MS is long on purpose: a DATABASE_UNAVAILABLE answer then cannot be a deadline running out.
  const config = loadConfig({ LOG_LEVEL: 'silent', NEO4J_URI: neo4j.uri, REQUEST_TIMEOUT_MS: '120000', ANALYSIS_RATE_LIMIT_PER_MIN: '100000' });
  db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 10_000, probeIntervalMs: 200 });
  await migrate(db);
  server = await createServer(config, db, createLogger('silent'));
  url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server?.stop();
  await db?.close();
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function gql<T = unknown>(query: string, variables: Record<string, unknown> = {}) {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: T; errors?: { message: string; extensions: { code: string } }[] };
}

const status = async (probe: string): Promise<number> => (await fetch(`${url}${probe}`)).status;

/**
 * A client that writes entities one by one (keeping the ids whose commit was acknowledged) and reads them back
 * through GraphQL, until stopped.
 */
function runClient(prefix: string) {
  const acknowledged: string[] = [];
  const codes = new Set<string>();
  let running = true;
  let n = 0;
  const loop = (async () => {
    while (running) {
      const id = `${prefix}-${n++}`;
      try {
        await db.write((tx) => tx.run("CREATE (:Entity:Company {id: $id, kind: 'Company', name: $id, roles: []})", { id }));
        acknowledged.push(id);
      } catch (error) {
        codes.add((error as { code?: string }).code ?? 'unknown');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const read = await gql('query Probe($id: ID!) { entity(id: $id) { id } }', { id: acknowledged.at(-1) ?? id });
      for (const e of read.errors ?? []) codes.add(e.extensions.code);
    }
  })();
  return {
    acknowledged,
    codes,
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

/** Waits (polling, at most two minutes) until a GraphQL read succeeds again. */
async function untilServing(): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const res = await gql('{ companies(first: 1) { totalCount } }');
    if (!res.errors) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not resume within two minutes');
}

async function presentIds(ids: string[]): Promise<number> {
  const res = await gql<{ companies: { totalCount: number } }>('query Present($ids: [ID!]) { companies(first: 1, filter: { id: { in: $ids } }) { totalCount } }', { ids });
  expect(res.errors).toBeUndefined();
  return res.data!.companies.totalCount;
}

async function expectDownBehaviour(): Promise<void> {
  const read = await gql('{ companies(first: 1) { totalCount } }');
  expect(read.errors?.[0]?.extensions.code).toBe('DATABASE_UNAVAILABLE');
  expect(JSON.stringify(read)).not.toMatch(/neo4j|bolt|ECONNREFUSED|stack/i);
  await expect(db.write((tx) => tx.run('CREATE (:OutageProbe)'))).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  expect(await status('/readyz')).toBe(503);
  expect(await status('/healthz')).toBe(200);
}

describe('a Neo4j outage', () => {
  it('fails requests with DATABASE_UNAVAILABLE while Neo4j is stopped, resumes by itself and keeps every acknowledged write', { timeout: 300_000 }, async () => {
    const client = runClient('outage-stop');
    while (client.acknowledged.length < 20) await new Promise((resolve) => setTimeout(resolve, 20));
    await neo4j.stop();
    await expectDownBehaviour();
    neo4j = await start();
    await untilServing();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await client.stop();
    expect(client.codes).toContain('DATABASE_UNAVAILABLE');
    expect(client.codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(await status('/readyz')).toBe(200);
    expect(await presentIds(client.acknowledged)).toBe(client.acknowledged.length);
  });

  it('keeps every acknowledged write when Neo4j is killed (SIGKILL) mid-load and recovers from its transaction log', { timeout: 300_000 }, async () => {
    const client = runClient('outage-kill');
    while (client.acknowledged.length < 50) await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(neo4j.pid, 'SIGKILL');
    await neo4j.stop(); // returns once the killed process has exited
    await expectDownBehaviour();
    neo4j = await start();
    await untilServing();
    await client.stop();
    expect(client.codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(await presentIds(client.acknowledged)).toBe(client.acknowledged.length);
    expect(unhandled).toEqual([]);
  });
});
