import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import { loadSeed } from './ingest/seed.js';
import { createLogger } from './logger.js';
import { createServer } from './server/http.js';
import { countEntities } from './store/entity-store.js';

/** Entry: loadConfig → connect (local Neo4j unless NEO4J_URI) → seed when empty → createServer → listen. */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const connection = await connect(config, log);
  const { db } = connection;
  if (config.SEED === 'always' || (config.SEED === 'auto' && (await countEntities(db)) === 0)) {
    const counts = await loadSeed(db);
    log.info(counts, 'seed graph loaded');
  }
  const server = await createServer(config, db, log);
  let port: number;
  try {
    port = await server.listen(config.PORT, config.HOST);
  } catch (error) {
    await connection.close();
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    throw new Error(inUse ? `Port ${config.PORT} is in use. Stop what listens there or set PORT.` : String(error), { cause: error });
  }
  log.info({ url: `http://localhost:${port}/graphql`, pid: process.pid, readyMs: Math.round(performance.now() - startedAt) }, 'Compute Atlas is ready');

  let stopping = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down: finishing in-flight requests');
    await server.stop();
    await connection.close();
    log.info('stopped');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`\nCompute Atlas could not start: ${(error as Error).message}\n`);
  process.exit(1);
});
