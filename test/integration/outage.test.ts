import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { migrate } from '../../src/db/migrations.js';
import { databaseOptions, testServerEnv } from './connection.js';
import { useTestServer } from './harness.js';
import { waitUntil, within } from './wait.js';

/**
 * The fault test: this file runs its own Neo4j (not the shared one), stops or kills it while a client writes
 * and reads through the server, and starts it again on the same port and data folder.
 */
let dataDir: string;
let port: number;
let neo4j: LocalNeo4j;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => void unhandled.push(reason);

const start = (): Promise<LocalNeo4j> => startLocalNeo4j({ dataDir, port, heap: '512m', pageCacheMb: 64, log: () => undefined });

beforeAll(async () => {
  process.on('unhandledRejection', onUnhandled);
  dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-outage-neo4j-'));
  port = await freePort();
  neo4j = await start();
  await migrateAt(neo4j.uri);
});

afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await neo4j?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

// REQUEST_TIMEOUT_MS is long on purpose: a DATABASE_UNAVAILABLE answer then cannot be a deadline running out.
const server = useTestServer(() => ({ NEO4J_URI: neo4j.uri, REQUEST_TIMEOUT_MS: '120000', ANALYSIS_RATE_LIMIT_PER_MIN: '100000' }), { probeIntervalMs: 200 });

/**
 * Applies the migrations to this file's own Neo4j, with the credentials every test server uses and, as in the
 * global setup, a long transaction timeout: a fresh Neo4j on a busy machine can take more than 10 s to build indexes.
 */
async function migrateAt(uri: string): Promise<void> {
  const db = new Database(databaseOptions(loadConfig(testServerEnv(uri, { TX_TIMEOUT_MS: '120000' }))));
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
}

const gql = <T = unknown>(query: string, variables: Record<string, unknown> = {}) => server.gql<T>(query, variables);

/** How long a stopped client may take to finish its last write and read: well under a second once the server answers again. */
const CLIENT_STOP_MS = 60_000;

const status = async (probe: string): Promise<number> => (await fetch(`${server.url}${probe}`)).status;

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
        await server.db.write((tx) => tx.run("CREATE (:Entity:Company {id: $id, kind: 'Company', name: $id, roles: []})", { id }));
        acknowledged.push(id);
      } catch (error) {
        codes.add((error as { code?: string }).code ?? 'unknown');
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const read = await gql('query Probe($id: ID!) { entity(id: $id) { id } }', { id: acknowledged.at(-1) ?? id });
      for (const e of read.errors ?? []) codes.add(String(e.extensions?.code));
    }
  })();
  const client = {
    acknowledged,
    codes,
    stop: async () => {
      running = false;
      await within('the client finished its last write and read', loop, CLIENT_STOP_MS);
    },
    /** Resolves once `count` writes were acknowledged; fails when that takes longer than a minute. */
    acknowledge: (count: number) =>
      waitUntil(
        () => `${count} writes were acknowledged (${acknowledged.length} were)`,
        () => acknowledged.length >= count,
        60_000,
        20,
      ),
  };
  clients.add(client);
  return client;
}

/** Clients still running: a test that fails midway leaves its client to afterEach, which stops it. */
const clients = new Set<{ stop(): Promise<void> }>();
afterEach(async () => {
  for (const client of clients) await client.stop().catch(() => undefined);
  clients.clear();
});

/** Waits (polling, at most two minutes) until a GraphQL read succeeds again. */
const untilServing = (): Promise<void> =>
  waitUntil('the server answers a read again after Neo4j restarted', async () => !(await gql('{ companies(first: 1) { totalCount } }')).errors, 120_000, 200);

/** Stops this file's Neo4j, failing clearly when its process does not exit. */
const stopNeo4j = (): Promise<void> => within('the stopped Neo4j process exited', neo4j.stop(), 60_000);

async function presentIds(ids: string[]): Promise<number> {
  const res = await gql<{ companies: { totalCount: number } }>(
    'query Present($ids: [ID!]) { companies(first: 1, filter: { id: { in: $ids } }) { totalCount } }',
    { ids },
  );
  expect(res.errors).toBeUndefined();
  return res.data!.companies.totalCount;
}

async function expectDownBehaviour(): Promise<void> {
  const read = await gql('{ companies(first: 1) { totalCount } }');
  expect(read.errors?.[0]?.extensions?.code).toBe('DATABASE_UNAVAILABLE');
  expect(JSON.stringify(read)).not.toMatch(/neo4j|bolt|ECONNREFUSED|stack/i);
  await expect(server.db.write((tx) => tx.run('CREATE (:OutageProbe)'))).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
  expect(await status('/readyz')).toBe(503);
  expect(await status('/healthz')).toBe(200);
}

describe('a Neo4j outage', () => {
  it(
    'fails requests with DATABASE_UNAVAILABLE while Neo4j is stopped, resumes by itself and keeps every acknowledged write',
    { timeout: 300_000 },
    async () => {
      const client = runClient('outage-stop');
      await client.acknowledge(20);
      await stopNeo4j();
      await expectDownBehaviour();
      neo4j = await start();
      await untilServing();
      await new Promise((resolve) => setTimeout(resolve, 300));
      await client.stop();
      expect(client.codes).toContain('DATABASE_UNAVAILABLE');
      expect(client.codes).not.toContain('INTERNAL_SERVER_ERROR');
      expect(await status('/readyz')).toBe(200);
      expect(await presentIds(client.acknowledged)).toBe(client.acknowledged.length);
    },
  );

  it('keeps every acknowledged write when Neo4j is killed (SIGKILL) mid-load and recovers from its transaction log', { timeout: 300_000 }, async () => {
    const client = runClient('outage-kill');
    await client.acknowledge(50);
    process.kill(neo4j.pid, 'SIGKILL');
    await stopNeo4j(); // returns once the killed process has exited
    await expectDownBehaviour();
    neo4j = await start();
    await untilServing();
    await client.stop();
    expect(client.codes).not.toContain('INTERNAL_SERVER_ERROR');
    expect(await presentIds(client.acknowledged)).toBe(client.acknowledged.length);
    expect(unhandled).toEqual([]);
  });
});
