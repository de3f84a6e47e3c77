import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { serverBundleOptions } from '../scripts/bundle-server.js';
import { loadSeed } from '../src/ingest/seed.js';
import { projectRoot } from '../src/project-root.js';
import { recomputeDerivedRestrictions } from '../src/store/derived-restrictions.js';
import { planFor } from './generate.js';
import { openBenchDatabase, type BenchDatabase } from './load-graph.js';
import { combine, measureOnce, verify, type TargetResult } from './measure.js';
import { OPERATIONS, requestVariables } from './operations.js';
import { bundleServers, cacheDir, startLoadWorker, startServer, type RunningServer } from './processes.js';

/**
 * `npx tsx bench/compute-access-derived.ts --size 1e5`: computeAccess on a graph whose chips carry the rules'
 * derived restrictions, by our server as it is and by our server at `--baseline` (the commit before derived
 * restrictions took part in the analysis), both on the same database, interleaved from one load process.
 * The graph is the synthetic one of bench/generate.ts plus the seed (whose Regulations the rules name), with
 * every chip's derived restrictions written once, in its own data folder (.data/bench-derived-<size>).
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '1e5' },
    baseline: { type: 'string', default: '812e2b8' },
    duration: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '8' },
    requests: { type: 'string', default: '32' },
  },
});
const size = Number(values.size);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
const op = OPERATIONS.find((o) => o.name === 'computeAccess')!;

/** Our server at an earlier commit, unpacked by `git archive` and bundled like ours (its own schema/ and data/). */
async function bundleBaseline(ref: string): Promise<string> {
  const dir = path.join(cacheDir(), `baseline-${ref}`);
  if (!existsSync(path.join(dir, 'package.json'))) {
    mkdirSync(dir, { recursive: true });
    execSync(`git archive ${ref} | tar -x -C ${JSON.stringify(dir)}`, { cwd: projectRoot() });
    symlinkSync(path.join(projectRoot(), 'node_modules'), path.join(dir, 'node_modules'));
  }
  const outfile = path.join(dir, '.cache', 'baseline.mjs');
  await build({ ...serverBundleOptions, sourcemap: false, entryPoints: [path.join(dir, 'bench', 'servers', 'ours.ts')], outfile });
  return outfile;
}

/** Loads the seed and writes every chip's derived restrictions once; returns how many the graph holds. */
async function prepareDerived(bench: BenchDatabase): Promise<{ derived: number; preparedNow: boolean; seconds: number }> {
  const count = async (): Promise<number> =>
    Number((await bench.db.read((tx) => tx.run("MATCH ()-[r:RESTRICTS {basis: 'DERIVED'}]->() RETURN count(r) AS n")))[0]?.n ?? 0);
  const [done] = await bench.db.read((tx) => tx.run("MATCH (m:BenchMeta {id: 'derived'}) RETURN m.seconds AS seconds"));
  if (done) return { derived: await count(), preparedNow: false, seconds: Number(done.seconds) };
  const started = performance.now();
  log('bench: loading the seed and deriving every chip’s restrictions');
  await loadSeed(bench.db);
  await bench.db.write((tx) => recomputeDerivedRestrictions(tx, null), { timeoutMs: 3_600_000 });
  const seconds = (performance.now() - started) / 1000;
  await bench.db.write((tx) => tx.run("MERGE (m:BenchMeta {id: 'derived'}) SET m.seconds = $seconds", { seconds }));
  return { derived: await count(), preparedNow: true, seconds };
}

/** Routes per classification over every request: what the derived restrictions change in the answers. */
async function classifications(server: RunningServer, bodies: string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const body of bodies) {
    const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { data: { computeAccess: { routes: { classification: string }[] } | null } };
    for (const r of json.data.computeAccess?.routes ?? []) counts[r.classification] = (counts[r.classification] ?? 0) + 1;
  }
  return counts;
}

async function main(): Promise<void> {
  const loadAvgAtStart = os.loadavg();
  const bench = await openBenchDatabase(size, { dataDir: path.join(projectRoot(), '.data', `bench-derived-${size}`), log });
  const servers: RunningServer[] = [];
  await bundleServers();
  const worker = startLoadWorker();
  try {
    const prepared = await prepareDerived(bench);
    log(`bench: ${prepared.derived} derived restrictions in the graph`);
    // Generous time limits for both: on a shared machine a slow request should be measured, not refused.
    const env = { NEO4J_URI: bench.neo4j.uri, NEO4J_PASSWORD: '', ANALYSIS_TX_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000' };
    servers.push(await startServer('ours', env));
    servers.push(await startServer('baseline', env, [], await bundleBaseline(values.baseline!)));
    const bodies = (requestVariables(planFor(size), Number(values.requests)).computeAccess ?? []).map((variables) =>
      JSON.stringify({ query: op.ours, variables }),
    );
    const answers: Record<string, Record<string, number>> = {};
    for (const s of servers) {
      // One retry: the first run of a statement pays for its query plan, which can exceed a timeout on a busy machine.
      await verify(s, op, bodies).catch(() => verify(s, op, bodies));
      answers[s.name] = await classifications(s, bodies);
      await worker.run({ url: `${s.url}/graphql`, bodies, connections: Number(values.connections), duration: Number(values.warmup) });
    }
    const samples: Record<string, TargetResult[]> = { ours: [], baseline: [] };
    for (let round = 0; round < Number(values.rounds); round++) {
      for (const s of round % 2 ? [...servers].reverse() : servers) {
        const result = await measureOnce(worker, s.pid, {
          url: `${s.url}/graphql`,
          bodies,
          connections: Number(values.connections),
          duration: Number(values.duration),
        });
        samples[s.name]!.push(result);
        log(`bench: round ${round + 1} ${s.name}: ${result.requestsPerSecond.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      }
    }
    const results = { ours: combine(samples.ours!), baseline: combine(samples.baseline!) };
    write({ prepared, answers, results, loadAvgAtStart, loadAvgAtEnd: os.loadavg(), graph: bench.load });
  } finally {
    worker.stop();
    for (const s of servers) await s.stop();
    await bench.stop();
  }
}

interface Outcome {
  prepared: { derived: number; preparedNow: boolean; seconds: number };
  answers: Record<string, Record<string, number>>;
  results: { ours: TargetResult; baseline: TargetResult };
  loadAvgAtStart: number[];
  loadAvgAtEnd: number[];
  graph: { entities: number; relationships: number };
}

function write(o: Outcome): void {
  const date = new Date().toISOString().slice(0, 10);
  const base = path.join(projectRoot(), 'bench', 'results', `${date}-compute-access-derived-${size}`);
  const command = `npx tsx bench/compute-access-derived.ts ${process.argv.slice(2).join(' ')}`.trim();
  writeFileSync(`${base}.json`, JSON.stringify({ date: new Date().toISOString(), command, ...o }, null, 2) + '\n');
  const row = (name: string, r: TargetResult): string =>
    `| ${name} | ${r.requestsPerSecond.toFixed(1)} | ${r.p50} | ${r.p99} | ${(r.perRound ?? []).join(' / ')} | ${r.failed} |`;
  const classes = [...new Set(Object.values(o.answers).flatMap((a) => Object.keys(a)))].sort();
  const md = [
    `# computeAccess with derived restrictions, ${o.graph.entities.toLocaleString('en')} entities, ${date}`,
    '',
    `Command: \`${command}\`. Load average at start ${o.loadAvgAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${o.loadAvgAtEnd.map((l) => l.toFixed(1)).join(' ')}.`,
    `Graph: the synthetic plan plus the seed; ${o.prepared.derived.toLocaleString('en')} derived RESTRICTS written in ${o.prepared.seconds.toFixed(1)} s.`,
    `Both servers on the same database, ${values.connections} connections, rounds of ${values.duration} s, interleaved; medians.`,
    '',
    '| server | req/s | p50 ms | p99 ms | req/s per round | failed |',
    '|---|---|---|---|---|---|',
    row('ours (derived restrictions, UNKNOWN routes)', o.results.ours),
    row(`baseline ${values.baseline} (asserted only)`, o.results.baseline),
    '',
    `ours / baseline throughput: ${(o.results.ours.requestsPerSecond / o.results.baseline.requestsPerSecond).toFixed(2)}×.`,
    '',
    `Routes per classification over the ${values.requests} requests:`,
    '',
    `| classification | ${Object.keys(o.answers).join(' | ')} |`,
    `|---|${Object.keys(o.answers)
      .map(() => '---')
      .join('|')}|`,
    ...classes.map(
      (c) =>
        `| ${c} | ${Object.values(o.answers)
          .map((a) => a[c] ?? 0)
          .join(' | ')} |`,
    ),
    '',
  ].join('\n');
  writeFileSync(`${base}.md`, md);
  log(`bench: results in ${base}.md`);
}

mkdirSync(cacheDir(), { recursive: true });
main().catch((error: unknown) => {
  log(`bench failed: ${(error as Error).stack}`);
  process.exit(1);
});
