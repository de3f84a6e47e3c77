import { BEST } from './best-cypher.js';
import type { DbHits } from './db-hits.js';
import type { Operation } from './operations.js';
import type { LoadJob } from './load-worker.js';
import { sampleRss, TARGETS, type LoadWorker, type RunningServer, type TargetName } from './processes.js';

export interface BenchOptions {
  readonly size: number;
  /** `synthetic` (the generated graph of `size`) or `default` (the real default graph; `size` is then ignored). */
  readonly graph?: string;
  /** Requests per operation whose best answer is compared with ours and whose statements are PROFILE'd. */
  readonly check?: number;
  /** Node flags our server's process was started with (`--ours-flags`). */
  readonly oursFlags?: readonly string[];
  /** Seconds of measured load per operation and target. */
  readonly duration: number;
  /** Interleaved rounds; each (operation, target) reports the median of its rounds. */
  readonly rounds: number;
  /** Seconds of warm-up load per operation and target, before any measurement. */
  readonly warmup: number;
  readonly connections: number;
  /** Distinct requests (variable sets) per operation. */
  readonly requests: number;
  /** A fixed number of requests per operation and target instead of a duration (the smoke run). */
  readonly amount?: number;
  readonly smoke: boolean;
  readonly profile: boolean;
  /** Only these operations (`--ops byId,nested2`); all when absent. */
  readonly only?: readonly string[];
}

export interface TargetResult {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly meanLatency: number;
  readonly total: number;
  readonly failed: number;
  readonly rssPeakMb: number | null;
  readonly rssMeanMb: number | null;
  /** Throughput of each round, when there were several. */
  readonly perRound?: number[];
  /** p99 of each round. */
  readonly p99PerRound?: number[];
}

export interface OperationResult {
  readonly name: string;
  readonly title: string;
  /** A result per target, or why the target cannot run the operation. */
  readonly targets: Record<TargetName, TargetResult | { readonly na: string }>;
  /** Throughput ratios; null where the other target has no result (ours/best also when the answers differ). */
  readonly oursToPeer: number | null;
  readonly oursToLimit: number | null;
  oursToBest?: number | null;
  /** PROFILE of our store's Cypher (the limit's statements) and of the best statement, per request. */
  dbHits?: { limit?: DbHits; best?: DbHits };
  /** The best statement's answers compared with ours for the first requests: how many, and the first that differed. */
  answerCheck?: { readonly checked: number; readonly mismatches: number; readonly example?: string };
}

type Vars = Record<string, Record<string, unknown>[]>;

export function bodiesFor(target: TargetName, op: Operation, vars: Vars): string[] | null {
  const list = vars[op.name] ?? [];
  if (target === 'limit') return list.map((_v, i) => JSON.stringify({ op: op.name, i }));
  if (target === 'best') return BEST[op.name] ? list.map((_v, i) => JSON.stringify({ op: op.name, i })) : null;
  const query = target === 'ours' ? op.ours : op.peer;
  return query ? list.map((variables) => JSON.stringify({ query, variables })) : null;
}

const endpoint = (server: RunningServer): string => `${server.url}/${server.name === 'limit' || server.name === 'best' ? 'replay' : 'graphql'}`;

/** Posts one body to a target and returns its `data`. */
async function answerOf(server: RunningServer, body: string): Promise<unknown> {
  const res = await fetch(endpoint(server), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return ((await res.json()) as { data?: unknown }).data;
}

/**
 * Compares the best statement's answer with ours for the first `count` requests of each operation (bestKey and
 * oursKey of bench/best-cypher.ts): a best statement that answers something else is reported, not measured as faster.
 */
export async function checkAnswers(
  servers: Record<TargetName, RunningServer>,
  ops: readonly Operation[],
  vars: Vars,
  count: number,
): Promise<Record<string, { checked: number; mismatches: number; example?: string }>> {
  const out: Record<string, { checked: number; mismatches: number; example?: string }> = {};
  for (const op of ops) {
    const best = BEST[op.name];
    const ours = bodiesFor('ours', op, vars);
    const theirs = bodiesFor('best', op, vars);
    if (!best || !ours || !theirs) continue;
    const check = { checked: 0, mismatches: 0 } as { checked: number; mismatches: number; example?: string };
    for (let i = 0; i < Math.min(count, ours.length); i++) {
      const a = best.oursKey(((await answerOf(servers.ours, ours[i]!)) ?? {}) as Record<string, unknown>);
      const b = best.bestKey(await answerOf(servers.best, theirs[i]!));
      check.checked += 1;
      if (a !== b) {
        check.mismatches += 1;
        check.example ??= `${JSON.stringify(vars[op.name]?.[i])}: ours ${a.slice(0, 300)} / best ${b.slice(0, 300)}`;
      }
    }
    out[op.name] = check;
  }
  return out;
}

/** Sends every request once and fails on any error: a benchmark of errors measures nothing. */
export async function verify(server: RunningServer, op: Operation, bodies: string[]): Promise<void> {
  for (const body of bodies) {
    const res = await fetch(endpoint(server), { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const json = (await res.json()) as { data?: unknown; errors?: unknown[] };
    if (res.status !== 200 || json.errors?.length || json.data == null) {
      throw new Error(`${server.name} failed ${op.name} (HTTP ${res.status}) for ${body.slice(0, 200)}: ${JSON.stringify(json.errors ?? json).slice(0, 500)}`);
    }
  }
}

const ratio = (a: TargetResult | { na: string }, b: TargetResult | { na: string }): number | null =>
  'requestsPerSecond' in a && 'requestsPerSecond' in b && b.requestsPerSecond > 0 ? a.requestsPerSecond / b.requestsPerSecond : null;

/** Verifies every request on every target that can run it, then gives each (operation, target) its warm-up load. */
async function warmUp(
  servers: Record<TargetName, RunningServer>,
  worker: LoadWorker,
  ops: readonly Operation[],
  vars: Vars,
  opts: BenchOptions,
): Promise<void> {
  for (const op of ops) {
    for (const t of TARGETS) {
      const bodies = bodiesFor(t, op, vars);
      if (!bodies) continue;
      await verify(servers[t], op, bodies);
      if (opts.warmup > 0) await worker.run({ url: endpoint(servers[t]), bodies, connections: opts.connections, duration: opts.warmup });
    }
  }
}

/** One measured load on one server: the load worker's summary, its failures summed, the server's RSS meanwhile. */
export async function measureOnce(worker: LoadWorker, pid: number, job: LoadJob): Promise<TargetResult> {
  const stopSampling = sampleRss(pid);
  const summary = await worker.run(job);
  const rss = stopSampling();
  return {
    ...summary,
    failed: summary.errors + summary.non2xx + summary.timeouts + summary.graphqlErrors,
    rssPeakMb: rss.peakMb,
    rssMeanMb: rss.meanMb,
  };
}

/**
 * Verifies and warms up every (operation, target), then measures them interleaved, in rounds: within a round, the
 * targets of an operation run back to back in an order that rotates from one operation (and round) to the next.
 */
export async function measureAll(
  servers: Record<TargetName, RunningServer>,
  worker: LoadWorker,
  ops: readonly Operation[],
  vars: Vars,
  opts: BenchOptions,
  log: (l: string) => void,
): Promise<OperationResult[]> {
  const runnable = (op: Operation, t: TargetName): string[] | null => bodiesFor(t, op, vars);
  await warmUp(servers, worker, ops, vars, opts);
  log('bench: warm-up done; measuring');
  const samples = new Map<string, TargetResult[]>();
  for (let round = 0; round < opts.rounds; round++) {
    for (const [k, op] of ops.entries()) {
      for (const t of TARGETS.map((_t, j) => TARGETS[(j + k + round) % TARGETS.length]!)) {
        const bodies = runnable(op, t);
        if (!bodies) continue;
        const result = await measureOnce(worker, servers[t].pid, {
          url: endpoint(servers[t]),
          bodies,
          connections: opts.connections,
          duration: opts.duration,
          amount: opts.amount,
        });
        samples.set(`${op.name}|${t}`, [...(samples.get(`${op.name}|${t}`) ?? []), result]);
        log(`bench: round ${round + 1} ${op.name} ${t}: ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      }
    }
  }
  return ops.map((op) => {
    const targets = {} as Record<TargetName, TargetResult | { na: string }>;
    for (const t of TARGETS) {
      const list = samples.get(`${op.name}|${t}`);
      targets[t] = list ? combine(list) : { na: t === 'best' ? 'no hand-written statement' : (op.peerNote ?? 'not expressible') };
    }
    return {
      name: op.name,
      title: op.title,
      targets,
      oursToPeer: ratio(targets.ours, targets.peer),
      oursToLimit: ratio(targets.ours, targets.limit),
      oursToBest: ratio(targets.ours, targets.best),
    };
  });
}

const median = (xs: number[]): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** Several rounds of one (operation, target): medians of rates and latencies, sums of counts, the RSS peak and mean, each round's rate and p99. */
export function combine(rounds: TargetResult[]): TargetResult {
  const of = (f: (r: TargetResult) => number): number[] => rounds.map(f);
  const peaks = rounds.map((r) => r.rssPeakMb).filter((v): v is number => v !== null);
  const means = rounds.map((r) => r.rssMeanMb).filter((v): v is number => v !== null);
  return {
    requestsPerSecond: median(of((r) => r.requestsPerSecond)),
    p50: median(of((r) => r.p50)),
    p99: median(of((r) => r.p99)),
    meanLatency: median(of((r) => r.meanLatency)),
    total: of((r) => r.total).reduce((a, b) => a + b, 0),
    failed: of((r) => r.failed).reduce((a, b) => a + b, 0),
    rssPeakMb: peaks.length ? Math.max(...peaks) : null,
    rssMeanMb: means.length ? means.reduce((a, b) => a + b, 0) / means.length : null,
    perRound: of((r) => Math.round(r.requestsPerSecond)),
    p99PerRound: of((r) => r.p99),
  };
}
