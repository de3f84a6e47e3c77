import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { loadConfig } from '../src/config.js';
import { Database } from '../src/db/database.js';
import { startLocalNeo4j } from '../src/db/local-neo4j.js';
import { migrate } from '../src/db/migrations.js';
import { loadSeed } from '../src/ingest/seed.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/project-root.js';
import { createServer } from '../src/server/http.js';

/**
 * `npx tsx bench/frontends.ts [--duration 8] [--no-feed] [--out file|-]`: the seed graph in a throwaway local
 * Neo4j, the servers in this process. 1) GET by-id and a traversal, uncached (each request executed), from the
 * response cache (a second server with RESPONSE_CACHE=on, no If-None-Match) and revalidated (If-None-Match → 304),
 * `--duration` s rounds each, 8 connections; 2) unless `--no-feed`, 1,000 change-feed subscribers on one replica,
 * delivery latency of a write (from sending the mutation to each subscriber receiving its event; includes up to
 * one LIVE_POLL_MS). Writes bench/results/<date>-frontends.md, or `--out` (`-`: standard output only).
 * autocannon runs in the servers' process: the numbers compare the paths, they are not capacity figures.
 */
const KEY = 'bench-frontends-key-0123456789';
const BY_ID = '{ entity(id: "nvidia-h100") { id name kind } }';
const TRAVERSAL =
  '{ entity(id: "nvidia") { id name ... on Company { designedChips { node { id name } relationship { type } } models { node { id name } } } } }';
const SUBSCRIBERS = 1_000;
const { values: args } = parseArgs({
  options: { duration: { type: 'string', default: '8' }, 'no-feed': { type: 'boolean', default: false }, out: { type: 'string' } },
});
const ROUND_S = Number(args.duration);
if (!Number.isInteger(ROUND_S) || ROUND_S < 1) throw new Error(`--duration must be a whole number of seconds, not ${args.duration}`);

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** autocannon's result also counts answers by status class. */
type Counted = Result & { '2xx': number; '3xx': number };

async function round(url: string, query: string, etag: string | null): Promise<{ rps: number; p50: number; p99: number; ok: number; notModified: number }> {
  const headers: Record<string, string> = { 'apollo-require-preflight': 'true', ...(etag ? { 'if-none-match': etag } : {}) };
  const target = `${url}/graphql?${new URLSearchParams({ query }).toString()}`;
  const result = await new Promise<Counted>((resolve, reject) =>
    autocannon({ url: target, connections: 8, duration: ROUND_S, headers }, (error, r) => (error ? reject(error) : resolve(r as Counted))),
  );
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, ok: result['2xx'], notModified: result['3xx'] };
}

/** atlas_response_cache_total of one result, from the server's /metrics. */
async function cacheLookups(url: string, result: 'hit' | 'miss'): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`atlas_response_cache_total{result="${result}"}`));
  return Number(line?.split(' ').pop() ?? 0);
}

async function openSubscriber(url: string, received: (at: number) => void): Promise<AbortController> {
  const controller = new AbortController();
  const res = await fetch(`${url}/graphql/stream`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: 'subscription { changes { sequence } }' }),
    signal: controller.signal,
  });
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  void (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      if (chunk.value.includes('event: next')) received(performance.now());
    }
  })();
  return controller;
}

async function feedLatency(url: string, writes: number): Promise<{ p50: number; p99: number; max: number; delivered: number }> {
  let sentAt = 0;
  const latencies: number[] = [];
  const subscribers = [];
  for (let i = 0; i < SUBSCRIBERS; i += 100) {
    subscribers.push(...(await Promise.all(Array.from({ length: 100 }, () => openSubscriber(url, (at) => latencies.push(at - sentAt))))));
  }
  await new Promise((r) => setTimeout(r, 1_000));
  for (let w = 0; w < writes; w++) {
    const id = `bench-feed-${process.pid}-${w}`;
    sentAt = performance.now();
    await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': KEY },
      body: JSON.stringify({
        query: `mutation { createCompany(input: { id: "${id}", name: "Bench ${w}", sources: ["src-epoch-notable-models"] }) { entity { id } } }`,
      }),
    });
    await new Promise((r) => setTimeout(r, 1_500));
  }
  for (const s of subscribers) s.abort();
  const sorted = latencies.sort((a, b) => a - b);
  return { p50: Math.round(pct(sorted, 50)), p99: Math.round(pct(sorted, 99)), max: Math.round(sorted.at(-1) ?? 0), delivered: sorted.length };
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'atlas-bench-frontends-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap: '1g', pageCacheMb: 256 });
  const env = {
    NEO4J_URI: neo4j.uri,
    LOG_LEVEL: 'silent',
    API_KEYS: KEY,
    AUDIT_VISIBILITY: 'public',
    WRITE_RATE_LIMIT_PER_MIN: '100000',
    MAX_CONNECTIONS: '4000',
    LIVE_MAX_SUBSCRIBERS: '4000',
  };
  const config = loadConfig(env);
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 120_000, poolSize: config.NEO4J_POOL_SIZE });
  try {
    await migrate(db);
    await loadSeed(db);
    const server = await createServer(config, db, createLogger('silent'));
    const url = `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
    // The same database behind a second server with the response cache: its rounds never send If-None-Match.
    const cachedServer = await createServer(loadConfig({ ...env, RESPONSE_CACHE: 'on' }), db, createLogger('silent'));
    const cachedUrl = `http://127.0.0.1:${await cachedServer.listen(0, '127.0.0.1')}`;
    const lines = [
      `# Frontends bench (${new Date().toISOString().slice(0, 10)})`,
      '',
      `command: npx tsx bench/frontends.ts ${process.argv.slice(2).join(' ')}; ${ROUND_S} s rounds; ${os.cpus().length} cores, shared machine; load before: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
      '',
    ];
    lines.push('| query | path | req/s | p50 ms | p99 ms | 200s | 304s | cache hits / misses |', '|---|---|---|---|---|---|---|---|');
    for (const [name, query] of [
      ['by id', BY_ID],
      ['traversal', TRAVERSAL],
    ] as const) {
      const first = await fetch(`${url}/graphql?${new URLSearchParams({ query }).toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
      const etag = first.headers.get('etag');
      const body = (await first.json()) as { errors?: unknown };
      if (body.errors || !etag) throw new Error(`${name}: ${JSON.stringify(body.errors ?? 'no ETag')}`);
      for (const [label, target, tag] of [
        ['uncached (executed)', url, null],
        ['response cache (RESPONSE_CACHE=on)', cachedUrl, null],
        ['If-None-Match → 304', url, etag],
      ] as const) {
        const before = target === cachedUrl ? [await cacheLookups(target, 'hit'), await cacheLookups(target, 'miss')] : null;
        const r = await round(target, query, tag);
        const lookups = before ? `${(await cacheLookups(target, 'hit')) - before[0]!} / ${(await cacheLookups(target, 'miss')) - before[1]!}` : '';
        log(`${name} ${label}: ${JSON.stringify(r)} ${lookups}`);
        lines.push(`| ${name} | ${label} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.notModified} | ${lookups} |`);
      }
    }
    if (!args['no-feed']) {
      const feed = await feedLatency(url, 5);
      log(`feed: ${JSON.stringify(feed)}`);
      lines.push(
        '',
        `change feed: ${SUBSCRIBERS} subscribers on one replica, 5 writes, LIVE_POLL_MS=${config.LIVE_POLL_MS}: delivered ${feed.delivered} events, latency from sending the mutation p50 ${feed.p50} ms, p99 ${feed.p99} ms, max ${feed.max} ms`,
      );
    }
    lines.push(
      '',
      `load after: ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
    if (args.out === '-') process.stdout.write(`${lines.join('\n')}\n`);
    else {
      const out = args.out ?? path.join(projectRoot(), 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-frontends.md`);
      writeFileSync(out, `${lines.join('\n')}\n`);
      log(`wrote ${out}`);
    }
    await cachedServer.stop();
    await server.stop();
  } finally {
    await db.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
