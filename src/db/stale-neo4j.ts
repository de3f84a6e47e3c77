import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The pid file of the local Neo4j, in its data folder: which JVM runs that store and which process started it.
 * A start that finds a live JVM of the same folder whose starter is gone (a server killed with SIGKILL before
 * its launcher noticed) stops it instead of failing on the port or the store lock.
 */
export interface PidFile {
  readonly pid: number;
  readonly owner: number;
  readonly port: number;
}

const FILE = 'compute-atlas-neo4j.pid';

export const pidFilePath = (dataDir: string): string => path.join(path.resolve(dataDir), FILE);

export function writePidFile(dataDir: string, entry: PidFile): void {
  writeFileSync(pidFilePath(dataDir), `${JSON.stringify(entry)}\n`);
}

/** Removes the pid file when it still names `pid` (a newer instance may have replaced it). */
export function removePidFile(dataDir: string, pid: number): void {
  if (readPidFile(dataDir)?.pid === pid) rmSync(pidFilePath(dataDir), { force: true });
}

function readPidFile(dataDir: string): PidFile | null {
  try {
    const entry = JSON.parse(readFileSync(pidFilePath(dataDir), 'utf8')) as Partial<PidFile>;
    return Number.isInteger(entry.pid) && Number.isInteger(entry.owner) ? (entry as PidFile) : null;
  } catch {
    return null;
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** The parent pid and command line of a process (`ps`, on Linux and macOS), or null once it has gone. */
function processInfo(pid: number): { ppid: number; args: string } | null {
  const ps = spawnSync('ps', ['-o', 'ppid=', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
  const match = /^\s*(\d+)\s+(.*)$/s.exec(ps.stdout ?? '');
  return ps.status === 0 && match ? { ppid: Number(match[1]), args: match[2]!.trim() } : null;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function waitForExit(pid: number, withinMs: number): Promise<boolean> {
  for (const deadline = Date.now() + withinMs; Date.now() < deadline; await pause(100)) if (!alive(pid)) return true;
  return !alive(pid);
}

/**
 * Before a start: when the pid file names a live launcher of this data folder whose starter is gone, stops it
 * (SIGTERM, SIGKILL after `graceMs`) and waits until it has exited. A launcher still owned by a live process is
 * that process's database: the start fails, naming it. A pid file naming anything else is stale and removed.
 */
export async function stopStaleInstance(dataDir: string, log: (line: string) => void, graceMs = 30_000): Promise<void> {
  const entry = readPidFile(dataDir);
  if (!entry) return;
  const found = alive(entry.pid) ? processInfo(entry.pid) : null;
  if (!found || !found.args.includes('Launcher') || !found.args.includes(path.resolve(dataDir))) {
    rmSync(pidFilePath(dataDir), { force: true });
    return;
  }
  if (found.ppid === entry.owner && entry.owner !== process.pid) {
    throw new Error(
      `The local Neo4j of ${dataDir} (pid ${entry.pid}) belongs to another running Compute Atlas process (pid ${entry.owner}). ` +
        'Stop that process, or use another NEO4J_DATA_DIR.',
    );
  }
  log(`local Neo4j: stopping the instance left running in ${dataDir} by a process that is gone (pid ${entry.pid})…`);
  process.kill(entry.pid, 'SIGTERM');
  if (!(await waitForExit(entry.pid, graceMs))) {
    process.kill(entry.pid, 'SIGKILL');
    if (!(await waitForExit(entry.pid, 10_000))) throw new Error(`The stale local Neo4j (pid ${entry.pid}) in ${dataDir} did not exit; stop it by hand.`);
  }
  rmSync(pidFilePath(dataDir), { force: true });
}
