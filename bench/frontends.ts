import os from 'node:os';
import { parseArgs } from 'node:util';
import autocannon, { type Result } from 'autocannon';
import { loads, withSeededServer } from './seeded-server.js';

/**
 * `npx tsx bench/frontends.ts [--duration 8] [--out file|-]`: the seed graph in a throwaway local Neo4j, the
 * servers in this process. GET by-id and a traversal, uncached (each request executed), from the response cache
 * (a second server with RESPONSE_CACHE=on, no If-None-Match) and revalidated (If-None-Match → 304), `--duration` s
 * rounds each, 8 connections. Writes bench/results/<date>-frontends.md, or `--out` (`-`: standard output only).
 * (The change feed under many subscribers is bench/feed-subscribers.ts.) autocannon runs in the servers'
 * process: the numbers compare the paths, they are not capacity figures.
 */
const BY_ID = '{ entity(id: "nvidia-h100") { id name kind } }';
const TRAVERSAL =
  '{ entity(id: "nvidia") { id name ... on Company { designedChips { node { id name } relationship { type } } models { node { id name } } } } }';
const { values: args } = parseArgs({ options: { duration: { type: 'string', default: '8' }, out: { type: 'string' } } });
const ROUND_S = Number(args.duration);
if (!Number.isInteger(ROUND_S) || ROUND_S < 1) throw new Error(`--duration must be a whole number of seconds, not ${args.duration}`);

const log = (line: string): void => void process.stderr.write(`${line}\n`);

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

await withSeededServer(
  'frontends',
  {},
  async ({ url, serve }) => {
    // The same database behind a second server with the response cache: its rounds never send If-None-Match.
    const cachedUrl = await serve({ RESPONSE_CACHE: 'on' });
    const lines = [
      `# Frontends bench (${new Date().toISOString().slice(0, 10)})`,
      '',
      `command: npx tsx bench/frontends.ts ${process.argv.slice(2).join(' ')}; ${ROUND_S} s rounds; ${os.cpus().length} cores, shared machine; load before: ${loads()}`,
      '',
      '| query | path | req/s | p50 ms | p99 ms | 200s | 304s | cache hits / misses |',
      '|---|---|---|---|---|---|---|---|',
    ];
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
    lines.push('', `load after: ${loads()}`);
    return lines;
  },
  args.out,
);
