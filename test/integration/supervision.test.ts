import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { connect, type Connection } from '../../src/db/connect.js';
import { freePort, startLocalNeo4j } from '../../src/db/local-neo4j.js';
import { pidFilePath } from '../../src/db/stale-neo4j.js';
import { createServer, type AtlasServer } from '../../src/server/http.js';
import { isAlive, killServerProcesses, query, startServerProcess } from './server-process.js';

/**
 * Fault tests of the local Neo4j's supervision, each on its own Neo4j and data folder: kill -9 of the JVM under
 * load (the server restarts it), SIGKILL of the server (the JVM exits with it, the next start succeeds), and a
 * stale JVM left in the data folder (the next start stops it). Every wait is bounded and fails with a message.
 */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, condition: () => boolean | Promise<boolean>, withinMs: number): Promise<void> {
  for (const deadline = Date.now() + withinMs; ; await pause(200)) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${withinMs / 1000} s waiting until ${what}`);
  }
}

/** A cold Neo4j JVM on the shared 2-core machine takes up to a minute or two to open a store. */
const START_MS = 240_000;
const dataDirs: string[] = [];
const newDataDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), 'atlas-supervise-'));
  dataDirs.push(dir);
  return dir;
};
const NEO4J_ENV = { NEO4J_HEAP: '512m', NEO4J_PAGECACHE_MB: '64', TX_TIMEOUT_MS: '60000' };

afterAll(async () => {
  await killServerProcesses();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

describe('a local Neo4j killed with SIGKILL under load', () => {
  const lines: string[] = [];
  let connection: Connection;
  let server: AtlasServer;
  let url: string;

  beforeAll(async () => {
    const env = {
      ...NEO4J_ENV,
      LOG_LEVEL: 'info',
      NEO4J_DATA_DIR: newDataDir(),
      NEO4J_BOLT_PORT: '0',
      REQUEST_TIMEOUT_MS: '120000',
      ANALYSIS_RATE_LIMIT_PER_MIN: '100000',
    };
    const config = loadConfig(env);
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    connection = await connect(config, log);
    server = await createServer(config, connection.db, pino({ level: 'silent' }));
    url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
  }, START_MS);

  afterAll(async () => {
    await server?.stop();
    await connection?.close();
  });

  it('is restarted by the server, which serves again by itself and keeps every acknowledged write', { timeout: 600_000 }, async () => {
    const { db, local } = connection;
    const acknowledged: string[] = [];
    const codes = new Set<string>();
    let running = true;
    // A light load: one write and one read at a time, at most 5,000 rounds.
    const client = (async () => {
      for (let n = 0; running && n < 5_000; n++) {
        const id = `supervise-kill-${n}`;
        try {
          await db.write((tx) => tx.run("CREATE (:Entity:Company {id: $id, kind: 'Company', name: $id, roles: []})", { id }));
          acknowledged.push(id);
        } catch (error) {
          codes.add((error as { code?: string }).code ?? 'unknown');
          await pause(100);
        }
        const read = await query(url, `{ entity(id: "${acknowledged.at(-1) ?? id}") { id } }`);
        for (const e of read.errors ?? []) codes.add(e.extensions?.code ?? 'unknown');
      }
    })();
    await waitUntil('20 writes are acknowledged', () => acknowledged.length >= 20, 60_000);
    const killed = local!.pid;
    process.kill(killed, 'SIGKILL');
    await waitUntil('the server reports Neo4j unavailable', async () => (await fetch(`${url}/readyz`)).status === 503, 30_000);
    await waitUntil('the supervisor has restarted Neo4j', () => local!.restarts === 1 && local!.pid !== killed, START_MS);
    await waitUntil('/readyz answers 200 again', async () => (await fetch(`${url}/readyz`)).status === 200, 60_000);
    await waitUntil('a read succeeds again', async () => !(await query(url, '{ companies(first: 1) { totalCount } }')).errors, 60_000);
    const before = acknowledged.length;
    await waitUntil('writes are acknowledged again', () => acknowledged.length > before, 60_000);
    running = false;
    await client;

    expect(codes).toContain('DATABASE_UNAVAILABLE');
    expect(codes).not.toContain('INTERNAL_SERVER_ERROR');
    const ids = JSON.stringify(acknowledged);
    const present = await query<{ companies: { totalCount: number } }>(url, `{ companies(first: 1, filter: { id: { in: ${ids} } }) { totalCount } }`);
    expect(present.data?.companies.totalCount).toBe(acknowledged.length);
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string; signal?: string }).filter((l) => l.level === 40);
    expect(warnings.length).toBeGreaterThanOrEqual(1);
    expect(warnings[0]).toMatchObject({ signal: 'SIGKILL' });
    expect(warnings[0]!.msg).toMatch(/restarting it in 1 s\. If it keeps failing: .*NEO4J_URI/);
  });
});

describe('the server killed with SIGKILL', () => {
  it('takes its Neo4j JVM with it, and the next start on the same data folder and port answers queries', { timeout: 900_000 }, async () => {
    const env = { ...NEO4J_ENV, NEO4J_DATA_DIR: newDataDir(), NEO4J_BOLT_PORT: String(await freePort()) };
    const first = await startServerProcess(env, START_MS);
    const jvm = (JSON.parse(readFileSync(pidFilePath(env.NEO4J_DATA_DIR), 'utf8')) as { pid: number }).pid;
    expect(isAlive(jvm)).toBe(true);
    process.kill(first.pid, 'SIGKILL');
    await first.exited;
    await waitUntil(`the orphaned Neo4j JVM (pid ${jvm}) has exited`, () => !isAlive(jvm), 120_000);

    const second = await startServerProcess(env, START_MS);
    expect((await query(second.url, '{ companies(first: 1) { totalCount } }')).errors).toBeUndefined();
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('leaves no obstacle when its JVM outlived it: the next start stops that stale instance and answers queries', { timeout: 900_000 }, async () => {
    const dataDir = newDataDir();
    const port = await freePort();
    // A launcher of this data folder whose starter is recorded as a process that has exited.
    const stale = await startLocalNeo4j({ dataDir, port, heap: '512m', pageCacheMb: 64, log: () => undefined });
    const gone = spawnSync(process.execPath, ['-e', '']).pid;
    writeFileSync(pidFilePath(dataDir), JSON.stringify({ pid: stale.pid, owner: gone, port }));

    const next = await startServerProcess({ ...NEO4J_ENV, NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: String(port) }, START_MS);
    expect(isAlive(stale.pid)).toBe(false);
    expect(next.output()).toContain(`stopping the instance left running in ${dataDir}`);
    expect((await query(next.url, '{ companies(first: 1) { totalCount } }')).errors).toBeUndefined();
    next.child.kill('SIGINT');
    expect(await next.exited).toBe(0);
    await stale.stop();
  });
});
