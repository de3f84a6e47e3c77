import { afterAll, beforeAll, inject } from 'vitest';
import { loadConfig, type Config } from '../../src/config.js';
import { Database, type DatabaseOptions } from '../../src/db/database.js';
import { createLogger } from '../../src/logger.js';
import { createServer, type AtlasServer } from '../../src/server/http.js';
import { databaseOptions, testServerEnv } from './connection.js';

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

/** What a test sees of a running server: its address, an operation caller, and the database behind it. */
export interface TestServer {
  readonly url: string;
  readonly db: Database;
  readonly config: Config;
  /** POSTs an operation to /graphql and returns the parsed body (and the HTTP status); `T` is the shape of `data`. */
  gql<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResponse<T> & { status: number }>;
  /** Like gql, but fails the test when the response has errors; returns data. */
  data<T = unknown>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<T>;
}

/** A server a test started itself, and so stops itself. */
export interface StartedTestServer extends TestServer {
  close(): Promise<void>;
}

/** Driver settings a test may change, such as a faster outage probe. */
export type TestDatabaseOptions = Pick<Partial<DatabaseOptions>, 'probeIntervalMs'>;

/**
 * Starts the real HTTP server on a free port against the test database (or the NEO4J_URI in `settings`).
 * Prefer useTestServer, which also stops it; this is for a server that lives inside one test.
 */
export async function startTestServer(settings: Record<string, string> = {}, options: TestDatabaseOptions = {}): Promise<StartedTestServer> {
  const config = loadConfig(testServerEnv(inject('neo4jUri'), settings));
  const db = new Database(databaseOptions(config, options));
  const server: AtlasServer = await createServer(config, db, createLogger('silent'));
  const port = await server.listen(0, '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  const gql = async <T>(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphQLResponse<T> & { status: number }> => {
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

/**
 * Registers the hooks of a test file (or describe block) that talks to a server: starts it in beforeAll, stops it
 * in afterAll (after the file's own afterAll hooks, which may still clean up through it). Read the returned
 * server inside tests and hooks. `settings` may be a function, read when the server starts.
 */
export function useTestServer(settings: Record<string, string> | (() => Record<string, string>) = {}, options: TestDatabaseOptions = {}): TestServer {
  let started: StartedTestServer | undefined;
  beforeAll(async () => {
    started = await startTestServer(typeof settings === 'function' ? settings() : settings, options);
  });
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  const running = (): StartedTestServer => {
    if (!started)
      throw new Error('the test server is not running: it starts in beforeAll (did that fail?) and stops in afterAll; read it inside tests and hooks');
    return started;
  };
  return {
    get url() {
      return running().url;
    },
    get db() {
      return running().db;
    },
    get config() {
      return running().config;
    },
    gql: <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => running().gql<T>(query, variables, headers),
    data: <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) => running().data<T>(query, variables, headers),
  };
}
