import { inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type AtlasServer } from '../../src/server/http.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
  extensions?: Record<string, any>;
}

export interface TestServer {
  readonly url: string;
  readonly db: Database;
  readonly config: Config;
  /** POSTs an operation to /graphql and returns the parsed body (and the HTTP status). */
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T> & { status: number }>;
  /** Like gql, but fails the test when the response has errors; returns data. */
  data<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
  close(): Promise<void>;
}

/** Starts the real HTTP server on a free port against the test database. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', NEO4J_URI: inject('neo4jUri'), ...env });
  const db = new Database({ uri: config.NEO4J_URI!, user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE, txTimeoutMs: config.TX_TIMEOUT_MS, poolSize: config.NEO4J_POOL_SIZE });
  const server: AtlasServer = await createServer(config, db, createLogger('silent'));
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const gql: TestServer['gql'] = async (query, variables, headers) => {
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as GraphQLResponse<any>) };
  };
  return {
    url,
    db,
    config,
    gql,
    async data(query, variables, headers) {
      const res = await gql(query, variables, headers);
      if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
      return res.data as any;
    },
    async close() {
      await server.stop();
      await db.close();
    },
  };
}
