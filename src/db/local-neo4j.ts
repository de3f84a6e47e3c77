import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { jvmOptions } from './jvm-options.js';
import { prepareLauncher } from './neo4j-launcher.js';
import { removePidFile, stopStaleInstance, writePidFile } from './stale-neo4j.js';

/** A Neo4j process started by this project (the embedded default). */
export interface LocalNeo4j {
  readonly uri: string;
  readonly port: number;
  readonly pid: number;
  /** Settles when the process has exited, for whatever reason (a stop, a crash, a kill). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
  /** Where its start went: preparing the launcher (0 once cached), the JVM from spawn to Bolt, and whether it mapped the class archive. */
  readonly startup: { readonly launcherMs: number; readonly jvmMs: number; readonly classArchive: boolean };
  /** Stops the database cleanly (SIGTERM, then SIGKILL after a grace period). */
  stop(): Promise<void>;
}

export interface LocalNeo4jOptions {
  /** Folder for the store; created when missing. */
  readonly dataDir: string;
  /** Bolt port on 127.0.0.1; 0 picks a free one. */
  readonly port?: number;
  readonly heap?: string;
  readonly pageCacheMb?: number;
  /** Progress lines (classpath resolution, start); defaults to stderr. */
  readonly log?: (line: string) => void;
  readonly startTimeoutMs?: number;
  /**
   * JVM options for a quick start of a small instance (the client compiler only, the serial collector;
   * src/db/jvm-options.ts), the default; false keeps the server compiler and G1 for long heavy runs (the bench).
   */
  readonly quickStart?: boolean;
}

const READY = /^NEO4J_READY (bolt:\/\/\S+)$/m;

/** A free TCP port on 127.0.0.1, chosen by the OS. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      srv.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const srv = createServer();
    srv.once('error', () =>
      reject(
        new Error(
          `Port ${port} on 127.0.0.1 is in use, so the local Neo4j cannot start. Set NEO4J_BOLT_PORT to a free port (0 picks one), or set NEO4J_URI to use the Neo4j already listening there.`,
        ),
      ),
    );
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve()));
  });
}

/**
 * Starts Neo4j Community Edition on loopback and resolves once it accepts Bolt connections. A launcher left
 * running on the same data folder by a process that has gone is stopped first (src/db/stale-neo4j.ts); the new
 * one exits when this process dies, even by SIGKILL (it watches its stdin pipe and its parent).
 */
export async function startLocalNeo4j(options: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const startedAt = performance.now();
  const classpath = prepareLauncher(log);
  const launcherMs = Math.round(performance.now() - startedAt);
  mkdirSync(options.dataDir, { recursive: true });
  await stopStaleInstance(options.dataDir, log);
  const port = options.port ? options.port : await freePort();
  if (options.port) await assertPortFree(port);
  const jvm = jvmOptions(path.dirname(classpath.split(path.delimiter)[0]!), options.heap ?? '1g', options.quickStart ?? true);
  const args = [...jvm.args, '-cp', classpath, 'Launcher', path.resolve(options.dataDir), String(port), String(options.pageCacheMb ?? 512)];
  // stdin is a pipe this process never writes to: the launcher exits when it closes, that is when this process dies.
  const spawnedAt = performance.now();
  const child = spawn('java', args, { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin?.on('error', () => undefined);
  const pid = child.pid ?? -1;
  writePidFile(options.dataDir, { pid, owner: process.pid, port });
  const stopOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', stopOnExit);
  const exited = exitOf(child).then((exit) => {
    process.removeListener('exit', stopOnExit);
    removePidFile(options.dataDir, pid);
    jvm.settle(exit.signal !== 'SIGKILL');
    return exit;
  });
  const uri = await waitForReady(child, options.startTimeoutMs ?? 120_000, options.dataDir);
  const startup = { launcherMs, jvmMs: Math.round(performance.now() - spawnedAt), classArchive: jvm.archived };
  log(`local Neo4j: ready at ${uri} (data in ${options.dataDir})`);
  return {
    uri,
    port,
    pid,
    exited,
    startup,
    stop: async () => {
      process.removeListener('exit', stopOnExit);
      await stopChild(child);
      await exited;
    },
  };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal, stderr })));
}

function waitForReady(child: ChildProcess, timeoutMs: number, dataDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`The local Neo4j did not become ready within ${timeoutMs / 1000} s.\n${stderr.slice(-2000)}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = READY.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-20_000);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      const locked = /lock|FileLockException/i.test(stderr)
        ? ` Another process seems to hold the store lock in ${dataDir}: stop it, or use another NEO4J_DATA_DIR.`
        : '';
      reject(new Error(`The local Neo4j exited (code ${code}) before it was ready.${locked}\n${stderr.slice(-2000)}`));
    });
  });
}

async function stopChild(child: ChildProcess, graceMs = 60_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
