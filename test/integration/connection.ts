import type { Config } from '../../src/config.js';
import type { DatabaseOptions } from '../../src/db/database.js';

/** How to log in to the test Neo4j: read from the environment `npm test` runs in, never replaced by defaults. */
const CREDENTIALS = ['NEO4J_USER', 'NEO4J_PASSWORD', 'NEO4J_DATABASE'] as const;

/**
 * The environment a test server (and the global setup) is configured from: quiet, on a free local port, against
 * `uri`, with the user, password and database of `env`, so `npm test` against a password-protected NEO4J_URI
 * logs in everywhere; then the test's own settings, which win.
 */
export function testServerEnv(uri: string, settings: Readonly<Record<string, string>> = {}, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const credentials = Object.fromEntries(CREDENTIALS.flatMap((name) => (env[name] === undefined ? [] : [[name, env[name]]])));
  return { LOG_LEVEL: 'silent', PORT: '0', HOST: '127.0.0.1', ...credentials, NEO4J_URI: uri, ...settings };
}

/** The driver settings of a parsed test configuration (which always names NEO4J_URI). */
export function databaseOptions(config: Config, extra: Partial<DatabaseOptions> = {}): DatabaseOptions {
  if (!config.NEO4J_URI) throw new Error('a test configuration names NEO4J_URI');
  return {
    uri: config.NEO4J_URI,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.TX_TIMEOUT_MS,
    poolSize: config.NEO4J_POOL_SIZE,
    ...extra,
  };
}
