import { loadConfig } from './config.js';
import { connect } from './db/connect.js';
import type { Database } from './db/database.js';
import type { DefaultGraphProgress } from './ingest/default-graph.js';
import type { Logger } from 'pino';
import { createLogger } from './logger.js';
import { startPhases } from './startup-phases.js';

/** Logs the default graph's load: each file as it starts and ends, and its writes at every quarter. */
function progressLog(log: Logger): (p: DefaultGraphProgress) => void {
  let quarter = 0;
  return (p) => {
    if (p.stage === 'writing') {
      const reached = Math.floor((4 * p.done) / Math.max(p.total, 1));
      if (reached > quarter) log.info({ file: p.file, written: p.done, of: p.total }, 'default graph: writing');
      quarter = reached === 4 ? 0 : reached;
    } else if (p.stage === 'imported') {
      const { records, entitiesCreated, relationshipsCreated, disagreements } = p.report;
      log.info({ file: p.file, records, entitiesCreated, relationshipsCreated, disagreements: disagreements.length }, 'default graph: imported');
    } else log.info({ file: p.file, n: `${p.index}/${p.of}` }, p.stage === 'skipped' ? 'default graph: already loaded' : 'default graph: importing');
  };
}

/** The shipped snapshots (data/datasets/manifest.json) the database lacks; a failure is logged and the server still starts. */
async function loadDatasets(db: Database, log: Logger, markers: ReadonlyMap<string, string>): Promise<void> {
  const startedAt = performance.now();
  try {
    const { DATASETS_DIR, loadDefaultGraph } = await import('./ingest/default-graph.js');
    const { imported, skipped } = await loadDefaultGraph(db, progressLog(log), DATASETS_DIR, markers);
    log.info({ imported: imported.length, skipped: skipped.length, ms: Math.round(performance.now() - startedAt) }, 'default graph loaded');
  } catch (error) {
    log.error({ err: error }, 'default graph: a dataset did not load; serving what is loaded (npm run seed, then restart)');
  }
}

/** Every chip's derived restrictions redone when the rules data changed since they were made (a code update). */
async function rederive(db: Database, log: Logger): Promise<void> {
  const { rederiveIfRulesChanged } = await import('./store/rules-version.js');
  const done = await rederiveIfRulesChanged(db, (chips, of) => log.info({ chips, of }, 'rules changed: re-deriving restrictions'));
  if (done) log.info(done, 'derived restrictions follow the current rules');
}

/**
 * Entry: loadConfig → connect (local Neo4j unless NEO4J_URI) → seed when empty → default graph → derived
 * restrictions if the rules changed → createServer → listen, each phase timed in the log. The server's and the
 * loaders' modules (about half a second of loading) are imported while the local Neo4j's JVM starts, not before it.
 */
async function main(): Promise<void> {
  const startedAt = performance.now();
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const phases = startPhases(log);
  const connecting = connect(config, log, undefined, phases);
  const modules = Promise.all([import('./server/http.js'), import('./ingest/seed.js'), import('./store/entity-store.js'), import('./store/dataset-store.js')]);
  const connection = await connecting;
  const [{ createServer }, { loadSeed }, { countEntities }, { loadedDatasets }] = await modules;
  const { db } = connection;
  const withDatasets = config.GRAPH === 'full' && config.SEED !== 'never';
  // Both reads at once: on a cold JVM each new statement is planned once, and the two plan on both cores.
  const [entities, markers] = await Promise.all([
    config.SEED === 'auto' ? countEntities(db) : null,
    withDatasets ? loadedDatasets(db) : new Map<string, string>(),
  ]);
  if (config.SEED === 'always' || (config.SEED === 'auto' && entities === 0)) {
    const counts = await phases.time('seed', () => loadSeed(db));
    log.info(counts, 'seed graph loaded');
  }
  if (withDatasets) await phases.time('datasets', () => loadDatasets(db, log, markers));
  if (config.SEED !== 'never') await phases.time('rules', () => rederive(db, log));
  const server = await phases.time('server', () => createServer(config, db, log));
  let port: number;
  try {
    port = await server.listen(config.PORT, config.HOST);
  } catch (error) {
    await connection.close();
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    throw new Error(inUse ? `Port ${config.PORT} is in use. Stop what listens there or set PORT.` : String(error), { cause: error });
  }
  log.info(
    { url: `http://localhost:${port}/graphql`, pid: process.pid, readyMs: Math.round(performance.now() - startedAt), phases: phases.ms },
    'Compute Atlas is ready',
  );

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
