import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadInfo } from './load-graph.js';
import type { BenchOptions, OperationResult, TargetResult } from './measure.js';
import { TARGETS } from './processes.js';

/** Everything one bench run measured; written as JSON, and as markdown for people. */
export interface BenchResults {
  readonly date: string;
  readonly command: string;
  readonly machine: Record<string, unknown> & {
    cpus: number;
    cpuModel: string;
    totalMemGb: number;
    node: string;
    loadAvgAtStart: number[];
    loadAvgAtEnd: number[];
  };
  readonly options: BenchOptions;
  readonly graph: LoadInfo & { counts: Record<string, number> };
  readonly startup: { oursMs: number[]; oursPhasesMs?: Record<string, number> | null; peerMs: number };
  readonly operations: OperationResult[];
  /** Operations whose API our server does not have yet. */
  readonly unavailable: string[];
  /** Operations not measured because some request failed on our server: the first error. */
  readonly failures: Record<string, string>;
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const isResult = (r: TargetResult | { na: string }): r is TargetResult => 'requestsPerSecond' in r;
const x = (n: number | null): string => (n === null ? 'n/a' : `${n.toFixed(2)}×`);

/** The rounds' lowest and highest throughput, so a reader sees how far one round strays from the median. */
const spread = (r: TargetResult): string => (r.perRound && r.perRound.length > 1 ? ` (${Math.min(...r.perRound)}–${Math.max(...r.perRound)})` : '');

function cell(r: TargetResult | { na: string }): string {
  return isResult(r) ? `${r.requestsPerSecond.toFixed(0)} req/s${spread(r)} · p50 ${r.p50} · p99 ${r.p99}` : 'n/a';
}

/** The highest RSS a target reached under load over every operation, or null when none was sampled. */
function peakRss(results: BenchResults, target: (typeof TARGETS)[number]): number | null {
  const peaks = results.operations
    .map((op) => op.targets[target])
    .filter(isResult)
    .map((r) => r.rssPeakMb ?? 0);
  return peaks.length && Math.max(...peaks) > 0 ? Math.max(...peaks) : null;
}

/** The per-operation table (also the README summary). */
export function resultsTable(results: BenchResults): string {
  const head = '| operation | ours | peer (@neo4j/graphql) | limit (bare driver) | ours/peer | ours/limit |\n|---|---|---|---|---|---|';
  const rows = results.operations.map(
    (op) => `| ${op.title} | ${cell(op.targets.ours)} | ${cell(op.targets.peer)} | ${cell(op.targets.limit)} | ${x(op.oursToPeer)} | ${x(op.oursToLimit)} |`,
  );
  const missing = results.unavailable
    .filter((name) => !results.options.only || results.options.only.includes(name))
    .map((name) => `| ${name} | not available (no such query in our schema yet) | | | | |`);
  const failed = Object.entries(results.failures).map(
    ([name, error]) => `| ${name} | not measured: fails on ours (${error.replace(/\|/g, '/').slice(0, 160)}) | | | | |`,
  );
  return [head, ...rows, ...missing, ...failed].join('\n');
}

/** Each target of the issue, met or missed. */
export function targetChecks(results: BenchResults): string[] {
  const checks: string[] = [];
  const oursPeak = Math.max(...results.operations.map((op) => (isResult(op.targets.ours) ? (op.targets.ours.rssPeakMb ?? 0) : 0)));
  for (const op of results.operations) {
    if (op.oursToPeer !== null) checks.push(`${op.oursToPeer >= 1.5 ? 'met' : 'MISSED'}: ${op.name} ≥ 1.5× peer throughput (${x(op.oursToPeer)})`);
    if (op.oursToLimit !== null) checks.push(`${op.oursToLimit >= 0.8 ? 'met' : 'MISSED'}: ${op.name} ≥ 0.8× bare-driver throughput (${x(op.oursToLimit)})`);
    const ours = op.targets.ours;
    if ((op.name === 'byId' || op.name === 'nested2') && isResult(ours)) {
      checks.push(`${ours.p99 < 50 ? 'met' : 'MISSED'}: ${op.name} p99 < 50 ms (${ours.p99} ms; the target is set at 10^6 entities)`);
    }
    if (op.name === 'groupByStatus' && isResult(ours)) {
      checks.push(`${ours.p99 < 300 ? 'met' : 'MISSED'}: grouped count over one kind p99 < 300 ms (${ours.p99} ms; issue 15, set at 10^6 entities)`);
    }
  }
  const startup = median(results.startup.oursMs);
  checks.push(`${startup < 2000 ? 'met' : 'MISSED'}: start-up to ready < 2 s (median ${startup.toFixed(0)} ms)`);
  checks.push(`${oursPeak < 250 ? 'met' : 'MISSED'}: RSS under load < 250 MB (peak ${oursPeak.toFixed(0)} MB; the target is set at 10^6 entities)`);
  const limitPeak = peakRss(results, 'limit');
  if (limitPeak !== null) {
    const ratio = oursPeak / limitPeak;
    checks.push(
      `${ratio <= 1.1 ? 'met' : 'MISSED'}: RSS of ours under load within 1.1× the bare-driver process (${oursPeak.toFixed(0)} / ${limitPeak.toFixed(0)} MB = ${x(ratio)})`,
    );
  }
  return checks;
}

function rssLine(results: BenchResults): string {
  return TARGETS.map((t) => `${t} ${peakRss(results, t)?.toFixed(0) ?? 'n/a'} MB`).join(', ');
}

export function toMarkdown(r: BenchResults): string {
  const m = r.machine;
  const g = r.graph;
  return `# Benchmark: ${g.entities.toLocaleString('en')} entities, ${r.date.slice(0, 10)}

Command: \`${r.command}\`

Machine: ${m.cpus} × ${m.cpuModel}, ${m.totalMemGb} GB RAM, ${String(m.platform)}, Node ${m.node}.
Load average at start ${m.loadAvgAtStart.map((l) => l.toFixed(1)).join(' ')}, at end ${m.loadAvgAtEnd.map((l) => l.toFixed(1)).join(' ')}
(the machine is shared with other work, so absolute numbers are noisy; the ratios, measured interleaved, are steadier).

Graph: ${g.entities.toLocaleString('en')} entities, ${g.relationships.toLocaleString('en')} relationships (seed ${g.seed});
loaded in ${g.loadSeconds.toFixed(1)} s = ${g.itemsPerSecond.toLocaleString('en')} entities+relationships per second (${g.loadedNow ? 'this run' : `reused, loaded ${g.loadedAt}`}).

Load: autocannon in its own process, ${r.options.connections} connections, ${r.options.rounds ?? 1} interleaved round(s) of ${r.options.duration} s per
operation and target (medians reported, the rounds' lowest and highest throughput in brackets) after ${r.options.warmup} s of warm-up each, ${r.options.requests} distinct requests per operation. Latencies in ms.

${resultsTable(r)}

Start-up to ready (ours, database running): ${r.startup.oursMs.map((t) => `${t.toFixed(0)} ms`).join(', ')}; peer ${r.startup.peerMs.toFixed(0)} ms.
Phases of the last start of ours (ms since process start, at the end of each): ${
    Object.entries(r.startup.oursPhasesMs ?? {})
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ') || 'not reported'
  }.
Peak RSS under load: ${rssLine(r)}.

## Targets

${targetChecks(r)
  .map((c) => `- ${c}`)
  .join('\n')}
`;
}

/** Writes `<date>-<size>.json` and `.md` into `dir`; returns their paths. */
export function writeResults(results: BenchResults, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, `${results.date.slice(0, 10)}-${results.options.size}`);
  writeFileSync(`${base}.json`, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(`${base}.md`, toMarkdown(results));
  return [`${base}.json`, `${base}.md`];
}
