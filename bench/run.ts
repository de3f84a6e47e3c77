import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../src/project-root.js';
import { planFor } from './generate.js';
import type { DbHits } from './db-hits.js';
import { defaultDraws, openDefaultDatabase } from './default-graph.js';
import { openBenchDatabase } from './load-graph.js';
import { OPERATIONS, requestVariables, syntheticDraws, type Operation } from './operations.js';
import { bundleServers, cacheDir, startLoadWorker, startServer, type RunningServer, type TargetName } from './processes.js';
import { bodiesFor, checkAnswers, measureAll, verify, type BenchOptions } from './measure.js';
import { writeResults, type BenchResults } from './report.js';

/**
 * `npm run bench -- --size 1e5`: loads (or reuses) the synthetic graph in a dedicated local Neo4j, starts the four
 * targets as separate processes, warms them up, then measures every operation on every target, interleaved,
 * from a separate autocannon process. Writes bench/results/<date>-<size>.json and .md. With `--graph default`, the
 * graph is the real default graph `npm start` serves (bench/default-graph.ts) and the files <date>-default.*.
 */
function options(): BenchOptions & { dataDir?: string; out: string } {
  const { values } = parseArgs({
    options: {
      size: { type: 'string', default: '1e4' },
      graph: { type: 'string', default: 'synthetic' },
      // Requests per operation whose best answer is compared with ours, and whose statements are PROFILE'd.
      check: { type: 'string', default: '4' },
      // 8 s rounds: 3 s rounds strayed ±30 % from one another at 10^6 (413/585/784 req/s), too noisy to steer by.
      duration: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '2' },
      connections: { type: 'string', default: '8' },
      requests: { type: 'string', default: '32' },
      smoke: { type: 'boolean', default: false },
      profile: { type: 'boolean', default: false },
      // Node flags for our server's process (`--ours-flags=--max-semi-space-size=16`): how start flags change RSS.
      'ours-flags': { type: 'string', default: '' },
      ops: { type: 'string' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
    },
  });
  const smoke = values.smoke ?? false;
  if (values.graph !== 'synthetic' && values.graph !== 'default') throw new Error(`--graph is synthetic or default, not ${values.graph}`);
  const out = values.out ?? path.join(projectRoot(), ...(smoke ? ['.cache', 'bench', 'smoke'] : ['bench', 'results']));
  return {
    size: Number(values.size),
    graph: values.graph,
    check: Number(values.check),
    duration: smoke ? 1 : Number(values.duration),
    rounds: smoke ? 1 : Number(values.rounds),
    warmup: smoke ? 0 : Number(values.warmup),
    connections: smoke ? 2 : Number(values.connections),
    requests: smoke ? 4 : Number(values.requests),
    amount: smoke ? 8 : undefined,
    smoke,
    profile: values.profile ?? false,
    oursFlags: (values['ours-flags'] ?? '').split(/\s+/).filter(Boolean),
    only: values.ops ? values.ops.split(',') : undefined,
    dataDir: values['data-dir'],
    out,
  };
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function availableFields(ours: RunningServer): Promise<Set<string>> {
  const res = await fetch(`${ours.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { queryType { fields { name } } } }' }),
  });
  const body = (await res.json()) as { data?: { __schema: { queryType: { fields: { name: string }[] } } } };
  return new Set(body.data?.__schema.queryType.fields.map((f) => f.name) ?? []);
}

async function main(): Promise<void> {
  const opts = options();
  const machine = {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    totalMemGb: +(os.totalmem() / 2 ** 30).toFixed(1),
    platform: `${os.type()} ${os.release()}`,
    node: process.version,
    loadAvgAtStart: os.loadavg(),
  };
  const real = opts.graph === 'default';
  const plan = planFor(opts.size);
  const bench = real ? await openDefaultDatabase({ dataDir: opts.dataDir, log }) : await openBenchDatabase(opts.size, { dataDir: opts.dataDir, log });
  const servers: RunningServer[] = [];
  const worker = (await bundleServers(), startLoadWorker());
  try {
    const env = { NEO4J_URI: bench.neo4j.uri, NEO4J_PASSWORD: '' };
    const ours = await startServer('ours', env, [
      ...(opts.oursFlags ?? []),
      ...(opts.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.join(cacheDir(), 'profiles')}`] : []),
    ]);
    servers.push(ours);
    const fields = await availableFields(ours);
    const vars = requestVariables(plan, opts.requests, real ? await defaultDraws(bench.db) : syntheticDraws(plan));
    const wanted = OPERATIONS.filter((op) => (!op.requires || fields.has(op.requires)) && (!opts.only || opts.only.includes(op.name)));
    const failures = await failingOnOurs(ours, wanted, vars);
    const ops = OPERATIONS.filter((op) => (!op.requires || fields.has(op.requires)) && !failures[op.name] && (!opts.only || opts.only.includes(op.name)));
    const requestFile = path.join(cacheDir(), `requests-${opts.size}-${process.pid}.json`);
    writeFileSync(requestFile, JSON.stringify(Object.fromEntries(ops.map((op) => [op.name, { query: op.ours, variables: vars[op.name] }]))));
    log(`bench: ours ready in ${ours.startupMs.toFixed(0)} ms; starting the peer, the limit (which records our Cypher first), the best`);
    servers.push(await startServer('peer', env));
    const profiles = { limit: path.join(cacheDir(), `hits-limit-${process.pid}.json`), best: path.join(cacheDir(), `hits-best-${process.pid}.json`) };
    const profiling = { BENCH_REQUESTS: requestFile, BENCH_PROFILE_REQUESTS: String(opts.check ?? 4) };
    servers.push(await startServer('limit', { ...env, ...profiling, BENCH_PROFILE_OUT: profiles.limit }));
    servers.push(await startServer('best', { ...env, ...profiling, BENCH_PROFILE_OUT: profiles.best }));
    log('bench: all targets ready; comparing the best answers with ours, then verifying and warming up');
    const byName = Object.fromEntries(servers.map((s) => [s.name, s])) as Record<TargetName, RunningServer>;
    const checks = await checkAnswers(byName, ops, vars, opts.check ?? 4);
    for (const [name, c] of Object.entries(checks)) if (c.mismatches) log(`bench: best answer of ${name} differs from ours: ${c.example}`);
    const hits = { limit: readHits(profiles.limit), best: readHits(profiles.best) };
    const startup = await measureStartup(env, ours, opts.smoke ? 1 : 3);
    const measured = (await measureAll(byName, worker, ops, vars, opts, log)).map((op) => {
      const check = checks[op.name];
      return {
        ...op,
        // A best statement that answered something else is no limit: no ratio for it.
        oursToBest: check?.mismatches ? null : op.oursToBest,
        dbHits: { limit: hits.limit[op.name], best: hits.best[op.name] },
        answerCheck: check,
      };
    });
    const results: BenchResults = {
      date: new Date().toISOString(),
      command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: { ...machine, loadAvgAtEnd: os.loadavg() },
      options: opts,
      graph: { ...bench.load, counts: 'counts' in bench ? (bench.counts as Record<string, number>) : plan.counts },
      startup: { oursMs: startup.times, oursPhasesMs: startup.phases, peerMs: byName.peer.startupMs },
      operations: measured,
      unavailable: OPERATIONS.filter((op) => op.requires && !fields.has(op.requires)).map((op) => op.name),
      failures,
    };
    const files = writeResults(results, opts.out);
    log(`bench: results in ${files.join(' and ')}`);
  } finally {
    worker.stop();
    for (const s of servers) await s.stop();
    await bench.stop();
  }
}

/** The db hits a target's process PROFILE'd at start-up, per operation (servers/limit.ts, servers/best.ts). */
function readHits(file: string): Record<string, DbHits> {
  if (!existsSync(file)) return {};
  const hits = JSON.parse(readFileSync(file, 'utf8')) as Record<string, DbHits>;
  rmSync(file);
  return hits;
}

/** Operations for which some request fails on our server (such as a TIMEOUT), with the first error: not measured. */
async function failingOnOurs(ours: RunningServer, ops: readonly Operation[], vars: Record<string, Record<string, unknown>[]>): Promise<Record<string, string>> {
  const failures: Record<string, string> = {};
  for (const op of ops) {
    for (const body of bodiesFor('ours', op, vars) ?? []) {
      // One retry: the first run of a statement pays for its query plan, which can exceed a timeout on a busy machine.
      const attempt = (): Promise<string | null> =>
        verify(ours, op, [body]).then(
          () => null,
          (e: unknown) => (e as Error).message,
        );
      const error = (await attempt()) && (await attempt());
      if (error) {
        failures[op.name] = error;
        log(`bench: ${op.name} is not measured: ${error}`);
        break;
      }
    }
  }
  return failures;
}

/** Start-up to ready of our server with the database running: the first start plus `extra - 1` fresh ones. */
async function measureStartup(
  env: Record<string, string>,
  first: RunningServer,
  extra: number,
): Promise<{ times: number[]; phases: Record<string, number> | null }> {
  const times = [first.startupMs];
  let phases = first.phases;
  for (let k = 1; k < extra; k++) {
    const s = await startServer('ours', env);
    times.push(s.startupMs);
    phases = s.phases ?? phases;
    await s.stop();
  }
  return { times, phases };
}

mkdirSync(cacheDir(), { recursive: true });
main().catch((error: unknown) => {
  log(`bench failed: ${(error as Error).stack}`);
  process.exit(1);
});
