import os from 'node:os';
import autocannon, { type Result } from 'autocannon';
import { loads, withSeededServer } from './seeded-server.js';

/**
 * `npx tsx bench/frontends.ts`: the seed graph in a throwaway local Neo4j, the server in this process.
 * GET by-id and a traversal, uncached (each request executed) and revalidated (If-None-Match → 304), 8 s rounds
 * each, 8 connections. (The change feed under many subscribers is bench/feed-subscribers.ts.)
 * autocannon runs in the server's process: the numbers compare the two paths, they are not capacity figures.
 */
const BY_ID = '{ entity(id: "nvidia-h100") { id name kind } }';
const TRAVERSAL =
  '{ entity(id: "nvidia") { id name ... on Company { designedChips { node { id name } relationship { type } } models { node { id name } } } } }';
const ROUND_S = 8;

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

await withSeededServer('frontends', {}, async (url) => {
  const lines = [
    `# Frontends bench (${new Date().toISOString().slice(0, 10)})`,
    '',
    `command: npx tsx bench/frontends.ts; ${os.cpus().length} cores, shared machine; load before: ${loads()}`,
    '',
  ];
  lines.push('| query | path | req/s | p50 ms | p99 ms | 200s | 304s |', '|---|---|---|---|---|---|---|');
  for (const [name, query] of [
    ['by id', BY_ID],
    ['traversal', TRAVERSAL],
  ] as const) {
    const first = await fetch(`${url}/graphql?${new URLSearchParams({ query }).toString()}`, { headers: { 'apollo-require-preflight': 'true' } });
    const etag = first.headers.get('etag');
    const body = (await first.json()) as { errors?: unknown };
    if (body.errors || !etag) throw new Error(`${name}: ${JSON.stringify(body.errors ?? 'no ETag')}`);
    for (const [label, tag] of [
      ['uncached (executed)', null],
      ['If-None-Match → 304', etag],
    ] as const) {
      const r = await round(url, query, tag);
      log(`${name} ${label}: ${JSON.stringify(r)}`);
      lines.push(`| ${name} | ${label} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.ok} | ${r.notModified} |`);
    }
  }
  lines.push('', `load after: ${loads()}`);
  return lines;
});
