import { AsyncLocalStorage } from 'node:async_hooks';
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { mapNeo4jError } from './errors.js';
import { toNative } from './mapping.js';

export type Row = Record<string, unknown>;

/** What the store sees of a transaction: parameterised Cypher in, plain rows out. */
export interface Tx {
  run(query: string, params?: Record<string, unknown>): Promise<Row[]>;
}

export interface TxOptions {
  /** Overrides the default transaction timeout. */
  readonly timeoutMs?: number;
}

/** Per-request statistics, filled in by every query run inside `requestStats.run(...)`. */
export interface QueryStats {
  dbQueries: number;
  dbMillis: number;
}
export const requestStats = new AsyncLocalStorage<QueryStats>();

export interface DatabaseOptions {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database: string;
  readonly txTimeoutMs: number;
  readonly poolSize?: number;
  /** Called after every query with its duration, for metrics. */
  readonly onQuery?: (mode: 'read' | 'write', millis: number, failed: boolean) => void;
}

/**
 * The driver and the only place sessions are opened: managed transactions with an explicit access mode,
 * the database always named, the session closed in `finally`, errors mapped once.
 */
export class Database {
  readonly driver: Driver;

  constructor(private readonly options: DatabaseOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      maxConnectionPoolSize: options.poolSize ?? 50,
      connectionAcquisitionTimeout: 5_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 3_000,
      disableLosslessIntegers: false,
    });
  }

  get uri(): string {
    return this.options.uri;
  }

  /** Resolves once the server answers; rejects with the mapped error otherwise. */
  async verify(): Promise<void> {
    await this.driver.verifyConnectivity({ database: this.options.database });
  }

  read<T>(work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.execute('read', work, options);
  }

  write<T>(work: (tx: Tx) => Promise<T>, options: TxOptions = {}): Promise<T> {
    return this.execute('write', work, options);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async execute<T>(mode: 'read' | 'write', work: (tx: Tx) => Promise<T>, options: TxOptions): Promise<T> {
    const session = this.driver.session({
      database: this.options.database,
      defaultAccessMode: mode === 'read' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { timeout: options.timeoutMs ?? this.options.txTimeoutMs };
    const run = (tx: ManagedTransaction): Promise<T> => work(this.wrap(tx, mode));
    try {
      return await (mode === 'read' ? session.executeRead(run, config) : session.executeWrite(run, config));
    } catch (error) {
      throw mapNeo4jError(error);
    } finally {
      await session.close();
    }
  }

  private wrap(tx: ManagedTransaction, mode: 'read' | 'write'): Tx {
    return {
      run: async (query, params = {}) => {
        const started = performance.now();
        let failed = false;
        try {
          const result = await tx.run(query, params);
          return result.records.map((record) => toNative(record.toObject()) as Row);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          const millis = performance.now() - started;
          const stats = requestStats.getStore();
          if (stats) {
            stats.dbQueries += 1;
            stats.dbMillis += millis;
          }
          this.options.onQuery?.(mode, millis, failed);
        }
      },
    };
  }
}
