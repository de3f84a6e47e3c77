import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type AtlasServer } from '../../src/server/http.js';

/** A GraphQL error as the server sends it: `extensions.code` always, more fields for some codes. */
export interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; requestId?: string; [key: string]: unknown };
  path?: (string | number)[];
}

/** A GraphQL response; `T` is the shape of `data` the operation selects. */
export interface GraphQLResponse<T = unknown> {
  data?: T;
  errors?: GraphQLErrorBody[];
  extensions?: { stats?: { dbQueries: number; dbMillis: number }; [key: string]: unknown };
}

export interface TestServer {
  readonly url: string;
  readonly db: Database;
  readonly config: Config;
  /** POSTs an operation to /graphql and returns the parsed body (and the HTTP status); `T` is the shape of `data`. */
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T> & { status: number }>;
  /** Like gql, but fails the test when the response has errors; returns data. */
  data<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/** Starts the real HTTP server on a free port against the test database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', NEO4J_URI: inject('neo4jUri'), ...env });
  const db = new Database({ uri: config.NEO4J_URI!, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE, txTimeoutMs: config.TX_TIMEOUT_MS, poolSize: config.NEO4J_POOL_SIZE });
  const server: AtlasServer = await createServer(config, db, createLogger('silent'));
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const gql = async <T,>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T> & { status: number }> => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as GraphQLResponse<T>) };
  };
  return {
    url,
    db,
    config,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T> {
      const res = await gql<T>(query, variables, headers);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      if (res.data === undefined) throw new Error('GraphQL response without data');
      return res.data;
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
