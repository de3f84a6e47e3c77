import { loadConfig } from '../../src/config.js';
import { Database, type Tx, type TxOptions } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server/http.js';

/** The benchmark requests of our server: per operation, its GraphQL text and the variables of each request. */
export type RequestSet = Record<string, { query: string; variables: Record<string, unknown>[] }>;

/** One read transaction our store ran: its statements with their parameters, and when it started and ended. */
export interface RecordedTx {
  readonly queries: { query: string; params: Record<string, unknown> }[];
  readonly start: number;
  end: number;
  /** The transaction timeout the store asked for, if any (the limit replays with the same). */
  readonly timeoutMs: number;
  /** A single statement the store ran in an auto-commit transaction (`Database.query`), replayed the same way. */
  readonly autoCommit?: boolean;
}

/** A Database that remembers every read transaction it runs, into whichever list `sink` currently is. */
class RecordingDatabase extends Database {
  sink: RecordedTx[] = [];

  constructor(
    options: ConstructorParameters<typeof Database>[0],
    private readonly defaultTimeoutMs = options.txTimeoutMs,
  ) {
    super(options);
  }

  override read<T>(work: (tx: Tx) => Promise<T>, options?: TxOptions): Promise<T> {
    const recorded: RecordedTx = { queries: [], start: performance.now(), end: 0, timeoutMs: options?.timeoutMs ?? this.defaultTimeoutMs };
    this.sink.push(recorded);
    return super
      .read(
        (tx) =>
          work({
            run: (query, params = {}) => {
              recorded.queries.push({ query, params });
              return tx.run(query, params);
            },
          }),
        options,
      )
      .finally(() => (recorded.end = performance.now()));
  }

  override query(statement: string, params: Record<string, unknown> = {}, options?: TxOptions): ReturnType<Database['query']> {
    const recorded: RecordedTx = {
      queries: [{ query: statement, params }],
      start: performance.now(),
      end: 0,
      timeoutMs: options?.timeoutMs ?? this.defaultTimeoutMs,
      autoCommit: true,
    };
    this.sink.push(recorded);
    return super.query(statement, params, options).finally(() => (recorded.end = performance.now()));
  }
}

/**
 * Runs every request once through our own server (in this process, on a loopback port) and returns, per
 * operation and request, the read transactions the store ran for it. Throws when a request fails, so the limit
 * never replays the Cypher of an error.
 */
export async function recordOurCypher(uri: string, requests: RequestSet): Promise<Record<string, RecordedTx[][]>> {
  const config = loadConfig({ ANALYSIS_RATE_LIMIT_PER_MIN: '100000000', ...process.env, LOG_LEVEL: 'silent', SEED: 'never' });
  const db = new RecordingDatabase({ uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: config.TX_TIMEOUT_MS });
  const server = await createServer(config, db, createLogger('silent'));
  const port = await server.listen(0, '127.0.0.1');
  const out: Record<string, RecordedTx[][]> = {};
  try {
    for (const [op, { query, variables }] of Object.entries(requests)) {
      out[op] = [];
      for (const vars of variables) {
        db.sink = [];
        const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables: vars }),
        });
        const body = (await res.json()) as { errors?: unknown[] };
        if (body.errors?.length) throw new Error(`recording ${op} failed: ${JSON.stringify(body.errors).slice(0, 500)}`);
        out[op].push(db.sink);
      }
    }
  } finally {
    await server.stop();
    await db.close();
  }
  return out;
}
