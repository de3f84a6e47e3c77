import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/project-root.js';

/** The entry point as `npm start` runs it (`node --import tsx src/index.ts`), started by a fault test. */
export interface ServerProcess {
  /** The process that serves, from the ready log line. */
  readonly pid: number;
  readonly url: string;
  readonly child: ChildProcess;
  /** Everything it wrote so far (stdout and stderr). */
  output(): string;
  /** Settles with the exit code (or signal) once the process has exited. */
  readonly exited: Promise<number | string | null>;
}

const started = new Set<ServerProcess>();

/**
 * Starts `node --import tsx src/index.ts` with the local Neo4j (NEO4J_URI removed unless `env` names one, for replicas of one
 * database) and `env`; resolves once it logs that it is ready, rejects (killing it) when it exits first or is not
 * ready within `withinMs`.
 */
export async function startServerProcess(env: Record<string, string>, withinMs: number): Promise<ServerProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', PORT: '0', HOST: '127.0.0.1', SEED: 'never', ...env };
  if (!env.NEO4J_URI) delete childEnv.NEO4J_URI;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], { cwd: projectRoot(), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = new Promise<number | string | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const ready = await new Promise<{ pid: number; url: string }>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server was not ready within ${withinMs / 1000} s:\n${out.slice(-3000)}`));
    }, withinMs);
    child.stdout.on('data', () => {
      const match = /"url":"http:\/\/localhost:(\d+)\/graphql","pid":(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ url: `http://127.0.0.1:${match[1]}`, pid: Number(match[2]) });
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before it was ready:\n${out.slice(-3000)}`));
    });
  });
  const server: ServerProcess = { ...ready, child, exited, output: () => out };
  started.add(server);
  void exited.then(() => started.delete(server));
  return server;
}

/** Kills (SIGKILL) every server process a test started that is still running: for afterAll. */
export async function killServerProcesses(): Promise<void> {
  for (const server of started) {
    for (const pid of [server.pid, server.child.pid]) {
      try {
        if (pid) process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await server.exited;
  }
}

/** One GraphQL operation against a server process; the parsed body. */
export async function query<T = Record<string, unknown>>(url: string, document: string): Promise<{ data?: T; errors?: { extensions?: { code?: string } }[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: document }) });
  return (await res.json()) as { data?: T; errors?: { extensions?: { code?: string } }[] };
}

/** True while a process with this pid exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
