import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { projectRoot } from '../project-root.js';
import { jvmOptions } from './jvm-options.js';
import { removePidFile, stopStaleInstance, writePidFile } from './stale-neo4j.js';

/** A Neo4j process started by this project (the embedded default). */
export interface LocalNeo4j {
  readonly uri: string;
  readonly port: number;
  readonly pid: number;
  /** Settles when the process has exited, for whatever reason (a stop, a crash, a kill). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
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

function requireTool(command: string, args: string[], install: string): void {
  const probe = spawnSync(command, args, { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error(
      `${command} was not found, and the local Neo4j needs it. ${install}\n` +
        'Or point the server at a running Neo4j 5 instead: set NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD).',
    );
  }
}

/**
 * Resolves the Neo4j classpath with Maven and compiles the launcher into a jar (a classpath of jars only, as
 * the class archive needs), once per version of neo4j/pom.xml and neo4j/Launcher.java; later calls reuse the
 * cache under .cache/neo4j. The launcher's jar comes first.
 */
export function prepareLauncher(log: (line: string) => void = (l) => process.stderr.write(`${l}\n`)): string {
  const root = projectRoot();
  const pom = path.join(root, 'neo4j', 'pom.xml');
  const source = path.join(root, 'neo4j', 'Launcher.java');
  const hash = createHash('sha256').update(readFileSync(pom)).update(readFileSync(source)).digest('hex').slice(0, 16);
  const cacheDir = path.join(root, '.cache', 'neo4j', hash);
  const classpathFile = path.join(cacheDir, 'classpath.txt');
  const classesDir = path.join(cacheDir, 'classes');
  const jar = path.join(cacheDir, 'launcher.jar');
  if (existsSync(classpathFile) && existsSync(jar)) return `${jar}${path.delimiter}${readFileSync(classpathFile, 'utf8').trim()}`;
  requireTool('java', ['-version'], 'Install Java 17 or later (Debian: apt-get install openjdk-17-jdk-headless).');
  requireTool('mvn', ['-v'], 'Install Apache Maven (Debian: apt-get install maven).');
  mkdirSync(cacheDir, { recursive: true });
  log('local Neo4j: resolving Neo4j 5.26 from Maven Central (first run only; about 150 MB)…');
  const mvn = spawnSync('mvn', ['-B', '-q', '-f', pom, 'dependency:build-classpath', `-Dmdep.outputFile=${classpathFile}`], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (mvn.status !== 0) {
    throw new Error('Maven could not resolve the Neo4j dependencies (see its output above). Check access to Maven Central, or set NEO4J_URI.');
  }
  log('local Neo4j: compiling the launcher…');
  const classpath = readFileSync(classpathFile, 'utf8').trim();
  const javac = spawnSync('javac', ['-cp', classpath, '-d', classesDir, source], { stdio: 'inherit' });
  if (javac.status !== 0) throw new Error('javac could not compile neo4j/Launcher.java (a JDK 17+, not only a JRE, is needed).');
  const packed = spawnSync('jar', ['cf', `${jar}.tmp`, '-C', classesDir, '.'], { stdio: 'inherit' });
  if (packed.status !== 0) throw new Error('jar could not package the launcher (a JDK 17+, not only a JRE, is needed).');
  renameSync(`${jar}.tmp`, jar);
  return `${jar}${path.delimiter}${classpath}`;
}

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
  const classpath = prepareLauncher(log);
  mkdirSync(options.dataDir, { recursive: true });
  await stopStaleInstance(options.dataDir, log);
  const port = options.port ? options.port : await freePort();
  if (options.port) await assertPortFree(port);
  const jvm = jvmOptions(path.dirname(classpath.split(path.delimiter)[0]!), options.heap ?? '1g', options.quickStart ?? true);
  const args = [...jvm.args, '-cp', classpath, 'Launcher', path.resolve(options.dataDir), String(port), String(options.pageCacheMb ?? 512)];
  // stdin is a pipe this process never writes to: the launcher exits when it closes, that is when this process dies.
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
  log(`local Neo4j: ready at ${uri} (data in ${options.dataDir})`);
  return {
    uri,
    port,
    pid,
    exited,
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
