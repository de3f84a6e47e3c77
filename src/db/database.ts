import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import neo4j, { isRetryableError, Neo4jError, type Driver, type ManagedTransaction, type Session } from 'neo4j-driver';
import { AppError } from '../errors.js';
import { mapNeo4jError } from './errors.js';
import { toNativeRow } from './mapping.js';

export type Row = Record<string, unknown>;

/** What the store sees of a transaction: parameterised Cypher in, plain rows out. */
export interface Tx {
  run(query: string, params?: Record<string, unknown>): Promise<Row[]>;
}

export interface TxOptions {
  /** Overrides the default transaction timeout. */
  readonly timeoutMs?: number;
  /** Cancels the transaction when aborted; defaults to the signal of the current request scope. */
  readonly signal?: AbortSignal;
}

/** Per-request statistics, filled in by every query run inside `requestStats.run(...)`. */
export interface QueryStats {
  dbQueries: number;
  dbMillis: number;
}
export const requestStats = new AsyncLocalStorage<QueryStats>();

/**
 * The request a transaction belongs to, set by the HTTP layer: its abort signal (client gone, deadline
 * passed) and its deadline. Every transaction started inside `queryScope.run(...)` honours both.
 */
export interface QueryScope {
  readonly signal: AbortSignal;
  /** Epoch milliseconds after which no transaction may run. */
  readonly deadline: number;
  /** Sent as transaction metadata, so `SHOW TRANSACTIONS` in Neo4j links a transaction to the request's logs. */
  readonly requestId?: string;
}
export const queryScope = new AsyncLocalStorage<QueryScope>();

export type QueryListener = (mode: 'read' | 'write', millis: number, failed: boolean) => void;

export interface DatabaseOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly txTimeoutMs: number;
  readonly poolSize?: number;
  /** Called after every query with its duration, for metrics. */
  readonly onQuery?: QueryListener;
  /** How often to probe Neo4j while it is unavailable (default 1 s). */
  readonly probeIntervalMs?: number;
}

/**
 * How long the driver keeps retrying a transaction that failed with a transient error, counted from the first
 * failure. It retries after 1 s, then 2 s, 4 s … (each ±20 %) while less than this has passed, so 2 s means
 * exactly two retries: with Neo4j gone, the first requests fail 2.4–3.6 s after their first attempt (3 s on
 * average, docs/operations.md). 3 s used to allow a third retry half of the time (6.4–7.6 s in all).
 */
const MAX_RETRY_TIME_MS = 2_000;

const unavailable = (cause?: unknown): AppError => new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable; retry shortly.', {}, { cause });

/** Seconds a client is told to wait when every pooled connection was taken. */
const BUSY_RETRY_AFTER_S = 1;
const busy = (size: number, cause: unknown): AppError =>
  new AppError(
    'DATABASE_BUSY',
    `Every database connection (${size}, NEO4J_POOL_SIZE) is in use; retry in ${BUSY_RETRY_AFTER_S} s.`,
    { limit: size, retryAfterSeconds: BUSY_RETRY_AFTER_S },
    { cause },
  );

/**
 * Whether a failure is the driver giving up waiting for a pooled connection. The driver gives that error no
 * code (`N/A`, like no Neo4j error), so it is recognised by the pool having been full when the session began.
 */
const poolTimeout = (error: unknown, poolWasFull: boolean): boolean => poolWasFull && error instanceof Neo4jError && error.code === 'N/A';

/**
 * The driver and the only place sessions are opened: managed transactions with an explicit access mode,
 * the database always named, the session closed in `finally`, errors mapped once. Every transaction has a
 * timeout (the smaller of TX_TIMEOUT_MS and what is left of the request's deadline) and is terminated in
 * Neo4j when its request is aborted. After a DATABASE_UNAVAILABLE the database is marked down: requests fail
 * at once while a background probe waits for Neo4j to come back.
 */
export class Database {
  readonly driver: Driver;
  private readonly listeners = new Set<QueryListener>();
  private inFlight = 0;
  private down: Promise<void> | null = null;
  private closed = false;

  constructor(private readonly options: DatabaseOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      maxConnectionPoolSize: options.poolSize ?? 50,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: MAX_RETRY_TIME_MS,
      disableLosslessIntegers: false,
    });
    if (options.onQuery) this.listeners.add(options.onQuery);
  }

  get uri(): string {
    return this.options.uri;
  }

  /** Transactions holding a pooled connection right now, and the pool's size. */
  get pool(): { inUse: number; size: number } {
    return { inUse: this.inFlight, size: this.options.poolSize ?? 50 };
  }

  /** False while Neo4j is marked down after a DATABASE_UNAVAILABLE (until a probe succeeds). */
  get available(): boolean {
    return this.down === null;
  }

  /** Adds a listener called after every query; returns a function that removes it. */
  addQueryListener(listener: QueryListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves once the server answers; rejects with the mapped error otherwise. */
  async verify(): Promise<void> {
    await this.driver.verifyConnectivity({ database: this.options.database });
  }

  read<T>(work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.execute('read', work, options);
  }

  /**
   * One read statement in an auto-commit transaction: a single round trip (RUN and PULL), where a managed
   * transaction adds BEGIN and a COMMIT round trip, about a third of the cost of a small read. For statements
   * that need no other in the same transaction; retried like a managed read when the driver says the failure
   * is transient (a leader switch, a dropped connection).
   */
  query(statement: string, params: Record<string, unknown> = {}, options: TxOptions = {}): Promise<Row[]> {
    return this.withSession('read', options, async (session, config, signal) => {
      for (let attempt = 0; ; attempt++) {
        if (signal?.aborted) throw abortError(signal);
        const started = performance.now();
        try {
          const result = await session.run(statement, params, config);
          this.record('read', performance.now() - started, false);
          return result.records.map((record) => toNativeRow(record.toObject()));
        } catch (error) {
          this.record('read', performance.now() - started, true);
          if (attempt > 0 || !isRetryableError(error)) throw error;
        }
      }
    });
  }

  write<T>(work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.execute('write', work, options);
  }

  /**
   * Runs one write statement in an auto-commit transaction, for `CALL { … } IN TRANSACTIONS` (batched data
   * migrations), which cannot run inside a managed one. No timeout (0): it commits as it goes.
   */
  async autoCommit(statement: string, params: Record<string, unknown> = {}): Promise<void> {
    await this.withSession('write', { timeoutMs: 0 }, (session, config) => session.run(statement, params, config));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.driver.close();
  }

  private execute<T>(mode: 'read' | 'write', work: (tx: Tx) => Promise<T>, options: TxOptions): Promise<T> {
    return this.withSession(mode, options, (session, config, signal) => {
      const run = (tx: ManagedTransaction): Promise<T> => {
        if (signal?.aborted) throw abortError(signal);
        return work(this.wrap(tx, mode, signal));
      };
      return mode === 'read' ? session.executeRead(run, config) : session.executeWrite(run, config);
    });
  }

  /**
   * The session around one unit of work: deadline and abort checks, the transaction config (timeout, metadata
   * tagging it for termination), termination in Neo4j when the request is aborted, errors mapped once, outages
   * marked, and the session closed.
   */
  private async withSession<T>(
    mode: 'read' | 'write',
    options: TxOptions,
    work: (session: Session, config: { timeout: number; metadata: Record<string, unknown> }, signal: AbortSignal | undefined) => Promise<T>,
  ): Promise<T> {
    const scope = queryScope.getStore();
    const signal = options.signal ?? scope?.signal;
    const left = scope ? scope.deadline - Date.now() : Infinity;
    if (signal?.aborted) throw abortError(signal);
    if (left <= 0) throw deadlineError();
    if (this.down) throw unavailable();
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const tag = randomUUID();
    const config = {
      timeout: Math.ceil(Math.min(options.timeoutMs ?? this.options.txTimeoutMs, left)),
      metadata: { app: 'compute-atlas', tag, requestId: scope?.requestId ?? null },
    };
    const onAbort = (): void => void this.terminate(tag);
    signal?.addEventListener('abort', onAbort, { once: true });
    const poolWasFull = this.inFlight >= this.pool.size;
    this.inFlight += 1;
    try {
      const pending = work(session, config, signal);
      return await (signal ? raceAbort(pending, signal) : pending);
    } catch (error) {
      const mapped = signal?.aborted ? abortError(signal) : poolTimeout(error, poolWasFull) ? busy(this.pool.size, error) : mapNeo4jError(error);
      if (mapped instanceof AppError && mapped.code === 'DATABASE_UNAVAILABLE') this.markDown();
      throw mapped;
    } finally {
      this.inFlight -= 1;
      signal?.removeEventListener('abort', onAbort);
      // An aborted transaction may still be running; close its session without waiting for it.
      const closing = session.close().catch(() => undefined);
      if (!signal?.aborted) await closing;
    }
  }

  /** Terminates, in Neo4j, the transaction started with this tag (best effort: the timeout is the backstop). */
  private async terminate(tag: string): Promise<void> {
    const session = this.driver.session({ database: this.options.database });
    try {
      const found = await session.run('SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.tag = $tag RETURN transactionId', { tag });
      const ids = found.records.map((r) => r.get('transactionId') as string);
      if (ids.length > 0) await session.run('TERMINATE TRANSACTIONS $ids', { ids });
    } catch {
      // The database may be gone or the transaction already finished; nothing to cancel then.
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Runs one trivial query: on a freshly started Neo4j that also warms up Cypher, so clients do not wait for it. */
  private async probe(): Promise<void> {
    const session = this.driver.session({ database: this.options.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.executeRead((tx) => tx.run('RETURN 1'), { timeout: 60_000 });
    } finally {
      await session.close().catch(() => undefined);
    }
  }

  /** Marks Neo4j down (as a DATABASE_UNAVAILABLE does): for a supervisor that saw the database process exit. */
  markUnavailable(): void {
    this.markDown();
  }

  /** Fails new transactions at once until a probe runs a query on Neo4j again. */
  private markDown(): void {
    if (this.down) return;
    const interval = this.options.probeIntervalMs ?? 1_000;
    this.down = (async () => {
      while (!this.closed) {
        await new Promise((resolve) => setTimeout(resolve, interval).unref());
        try {
          await this.probe();
          break;
        } catch {
          // still down; probe again
        }
      }
    })().finally(() => {
      this.down = null;
    });
  }

  private wrap(tx: ManagedTransaction, mode: 'read' | 'write', signal: AbortSignal | undefined): Tx {
    return {
      run: async (query, params = {}) => {
        if (signal?.aborted) throw abortError(signal);
        const started = performance.now();
        let failed = false;
        try {
          const result = await tx.run(query, params);
          return result.records.map((record) => toNativeRow(record.toObject()));
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          this.record(mode, performance.now() - started, failed);
        }
      },
    };
  }

  private record(mode: 'read' | 'write', millis: number, failed: boolean): void {
    const stats = requestStats.getStore();
    if (stats) {
      stats.dbQueries += 1;
      stats.dbMillis += millis;
    }
    for (const listener of this.listeners) listener(mode, millis, failed);
  }
}

const deadlineError = (): AppError =>
  new AppError('TIMEOUT', 'The request ran past its deadline (REQUEST_TIMEOUT_MS); narrow it (smaller depth, first or limit).');

/** The error an aborted signal stands for: its reason when that is an AppError, otherwise a TIMEOUT. */
function abortError(signal: AbortSignal): AppError {
  return signal.reason instanceof AppError ? signal.reason : deadlineError();
}

function raceAbort<T>(pending: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
