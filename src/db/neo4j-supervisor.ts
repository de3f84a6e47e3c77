import path from 'node:path';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from './local-neo4j.js';

/** The log the supervisor writes to: progress at info, each unexpected exit and restart at warn. */
export interface SupervisorLog {
  info(line: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
}

export interface SupervisedNeo4j extends LocalNeo4j {
  /** Calls `listener` each time the database process exits without being asked to (before the restart). */
  onUnexpectedExit(listener: () => void): void;
  /** How many times the database has been restarted so far. */
  readonly restarts: number;
}

export interface SupervisorOptions extends Omit<LocalNeo4jOptions, 'log'> {
  readonly log: SupervisorLog;
  /** Delay before the first restart; doubled after each failed one (default 1 s). */
  readonly initialBackoffMs?: number;
  /** Longest delay between restarts (default 30 s). */
  readonly maxBackoffMs?: number;
  /** An instance up this long resets the backoff (default 60 s). */
  readonly stableMs?: number;
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts the local Neo4j and keeps it running: when the process exits without a `stop()` (a crash, an
 * out-of-memory exit, a kill -9), it is started again on the same port and data folder, after 1 s, then 2 s,
 * 4 s … up to 30 s while restarts keep failing. The URI never changes, so the driver reconnects by itself.
 */
export async function superviseLocalNeo4j(options: SupervisorOptions): Promise<SupervisedNeo4j> {
  const { log, initialBackoffMs = 1_000, maxBackoffMs = 30_000, stableMs = 60_000 } = options;
  const start = (port: number | undefined): Promise<LocalNeo4j> => startLocalNeo4j({ ...options, port, log: (line) => log.info(line) });
  let current = await start(options.port);
  const port = current.port;
  const listeners: (() => void)[] = [];
  let stopping = false;
  let restarts = 0;
  let watching: Promise<void> = Promise.resolve();

  const watch = (instance: LocalNeo4j, startedAt: number, failures: number): void => {
    watching = instance.exited.then(async ({ code, signal, stderr }) => {
      if (stopping) return;
      for (const listener of listeners) listener();
      let failed = Date.now() - startedAt >= stableMs ? 0 : failures;
      for (;;) {
        const delayMs = Math.min(maxBackoffMs, initialBackoffMs * 2 ** failed);
        log.warn(
          { pid: instance.pid, code, signal, attempt: failed + 1, restartInMs: delayMs, dataDir: options.dataDir, stderr: stderr.slice(-1_000) || undefined },
          `local Neo4j exited unexpectedly; restarting it in ${delayMs / 1000} s. If it keeps failing: read ${path.join(options.dataDir, 'logs', 'debug.log')}, ` +
            'check free disk space and memory (NEO4J_HEAP, NEO4J_PAGECACHE_MB), stop anything else using the data folder or port, ' +
            'or run Neo4j yourself and set NEO4J_URI',
        );
        await pause(delayMs);
        if (stopping) return;
        try {
          current = await start(port);
          if (stopping) return await current.stop();
          restarts += 1;
          log.info(`local Neo4j: restarted (restart ${restarts}, pid ${current.pid})`);
          watch(current, Date.now(), failed + 1);
          return;
        } catch (error) {
          failed += 1;
          ({ code, signal, stderr } = { code: null, signal: null, stderr: (error as Error).message });
        }
      }
    });
  };
  watch(current, Date.now(), 0);

  return {
    uri: current.uri,
    port,
    get pid() {
      return current.pid;
    },
    get exited() {
      return current.exited;
    },
    get startup() {
      return current.startup;
    },
    get restarts() {
      return restarts;
    },
    onUnexpectedExit: (listener) => void listeners.push(listener),
    stop: async () => {
      stopping = true;
      await current.stop();
      await watching;
    },
  };
}
