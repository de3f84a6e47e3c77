import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { Database } from './database.js';
import { migrate } from './migrations.js';
import { superviseLocalNeo4j, type SupervisedNeo4j } from './neo4j-supervisor.js';
import type { StartPhases } from '../startup-phases.js';

export interface Connection {
  readonly db: Database;
  /** The Neo4j this process started and restarts when it dies, when NEO4J_URI was not set. */
  readonly local: SupervisedNeo4j | null;
  close(): Promise<void>;
}

/**
 * Connects to NEO4J_URI, or starts the local Neo4j when it is not set (supervised: restarted when it dies, and
 * the database marked unavailable at once meanwhile); checks the connection and applies migrations. Startup
 * errors name the URI and what to do.
 */
export async function connect(
  config: Config,
  log: Logger,
  onQuery?: ConstructorParameters<typeof Database>[0]['onQuery'],
  phases?: StartPhases,
): Promise<Connection> {
  const local = config.NEO4J_URI
    ? null
    : await superviseLocalNeo4j({
        dataDir: config.NEO4J_DATA_DIR,
        port: config.NEO4J_BOLT_PORT,
        heap: config.NEO4J_HEAP,
        pageCacheMb: config.NEO4J_PAGECACHE_MB,
        log: { info: (line) => log.info(line), warn: (fields, message) => log.warn(fields, message) },
      });
  if (local) {
    const { launcherMs, jvmMs, classArchive } = local.startup;
    phases?.record('launcher', launcherMs);
    phases?.record('neo4j', jvmMs, { classArchive });
  }
  const uri = config.NEO4J_URI ?? local!.uri;
  const db = new Database({
    uri,
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    txTimeoutMs: config.TX_TIMEOUT_MS,
    poolSize: config.NEO4J_POOL_SIZE,
    onQuery,
  });
  local?.onUnexpectedExit(() => db.markUnavailable());
  const close = async (): Promise<void> => {
    await db.close();
    await local?.stop();
  };
  try {
    const migrated = performance.now();
    await db.verify();
    await migrate(db);
    phases?.record('migrations', performance.now() - migrated);
  } catch (error) {
    await close();
    throw new Error(startupAdvice(uri, error), { cause: error });
  }
  return { db, local, close };
}

function startupAdvice(uri: string, error: unknown): string {
  const code = (error as { code?: string }).code ?? '';
  const cause = (error as { cause?: { code?: string } }).cause?.code ?? '';
  if (code.startsWith('Neo.ClientError.Security') || cause.startsWith('Neo.ClientError.Security')) {
    return `Neo4j at ${uri} refused the credentials. Check NEO4J_USER and NEO4J_PASSWORD.`;
  }
  if (code === 'DATABASE_UNAVAILABLE' || code === 'ServiceUnavailable') {
    return `Neo4j at ${uri} is unreachable. Start it, fix NEO4J_URI, or unset NEO4J_URI to run the local Neo4j.`;
  }
  return `Could not prepare Neo4j at ${uri}: ${(error as Error).message}`;
}
