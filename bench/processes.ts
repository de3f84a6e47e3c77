import { fork, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { serverBundleOptions } from '../scripts/bundle-server.js';
import { projectRoot } from '../src/project-root.js';
import type { LoadJob, LoadSummary } from './load-worker.js';

export type TargetName = 'ours' | 'peer' | 'limit' | 'best';
export const TARGETS: readonly TargetName[] = ['ours', 'peer', 'limit', 'best'];

export const cacheDir = (): string => path.join(projectRoot(), '.cache', 'bench');

/**
 * Bundles the bench servers (and the load worker) into plain ES modules under .cache/bench, so they start like
 * `npm run start:dist` would, without a TypeScript loader in the measured start-up time.
 */
export async function bundleServers(): Promise<void> {
  const root = projectRoot();
  // Ours as production bundles it (scripts/bundle-server.ts: dependencies inside); the others as before.
  await build({
    ...serverBundleOptions,
    sourcemap: false,
    entryPoints: [path.join(root, 'bench', 'servers', 'ours.ts')],
    outfile: path.join(cacheDir(), 'ours.mjs'),
  });
  await build({
    entryPoints: [
      ...['peer', 'limit', 'best'].map((n) => ({ in: path.join(root, 'bench', 'servers', `${n}.ts`), out: n })),
      { in: path.join(root, 'bench', 'load-worker.ts'), out: 'load-worker' },
    ],
    outdir: cacheDir(),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    logLevel: 'error',
  });
}

/** A bench server: one of the three targets, or our server built from an earlier commit (bench/compute-access-derived.ts). */
export type ServerName = TargetName | 'baseline';

export interface RunningServer {
  readonly name: ServerName;
  readonly url: string;
  readonly pid: number;
  /** Milliseconds from spawning the process to the first 200 from /readyz. */
  readonly startupMs: number;
  /** Milliseconds since process start at which each start-up phase ended, when the server reports them. */
  readonly phases: Record<string, number> | null;
  stop(): Promise<void>;
}

function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms\n${err.slice(-2000)}`)), timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = pattern.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-20_000)));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with code ${code} before it was ready\n${err.slice(-2000)}`));
    });
  });
}

async function pollReady(url: string, deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const ok = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`${url}/readyz never answered 200`);
}

/** Starts a bench server (the bundle `file`) as its own process and resolves once /readyz answers 200. */
export async function startServer(
  name: ServerName,
  env: Record<string, string>,
  nodeArgs: string[] = [],
  file = path.join(cacheDir(), `${name}.mjs`),
): Promise<RunningServer> {
  const started = performance.now();
  const child = spawn(process.execPath, [...nodeArgs, file], {
    cwd: projectRoot(),
    env: { ...process.env, ...env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  try {
    let stdout = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const match = await waitForLine(child, /^BENCH_READY (\d+)$/m, 300_000);
    const url = `http://127.0.0.1:${match[1]}`;
    await pollReady(url, Date.now() + 30_000);
    const startupMs = performance.now() - started;
    const stop = (): Promise<void> =>
      new Promise((resolve) => {
        process.removeListener('exit', killOnExit);
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        child.kill('SIGTERM');
      });
    const phases = /^BENCH_PHASES (.*)$/m.exec(stdout)?.[1];
    return { name, url, pid: child.pid ?? -1, startupMs, phases: phases ? (JSON.parse(phases) as Record<string, number>) : null, stop };
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`The ${name} bench server did not start: ${(error as Error).message}`, { cause: error });
  }
}

/** Resident set size of a process, in MB (Linux /proc). */
export function rssMb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : null;
  } catch {
    return null;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; returns the peak and the mean. */
export function sampleRss(pid: number, everyMs = 200): () => { peakMb: number | null; meanMb: number | null } {
  const samples: number[] = [];
  const take = (): void => {
    const mb = rssMb(pid);
    if (mb !== null) samples.push(mb);
  };
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    if (!samples.length) return { peakMb: null, meanMb: null };
    return { peakMb: Math.max(...samples), meanMb: samples.reduce((a, b) => a + b, 0) / samples.length };
  };
}

export interface LoadWorker {
  run(job: LoadJob): Promise<LoadSummary>;
  stop(): void;
}

/** Forks the autocannon worker: load generation never shares a process with a server under test. */
export function startLoadWorker(): LoadWorker {
  const child = fork(path.join(cacheDir(), 'load-worker.mjs'), [], { stdio: 'inherit' });
  return {
    run: (job) =>
      new Promise((resolve, reject) => {
        child.once('message', (msg: { ok: boolean; summary?: LoadSummary; error?: string }) =>
          msg.ok && msg.summary ? resolve(msg.summary) : reject(new Error(msg.error ?? 'load worker failed')),
        );
        child.send(job);
      }),
    stop: () => void child.kill('SIGTERM'),
  };
}
