import { loadConfig } from '../../src/config.js';
import { connect } from '../../src/db/connect.js';
import { createLogger } from '../../src/logger.js';
import { createServer } from '../../src/server/http.js';
import { announceReady } from './ready.js';

/**
 * This server, started the way src/index.ts starts it (connect: verify + migrations, then createServer) against
 * the bench database named by NEO4J_URI. Logging is silent and the per-minute rate limits are raised so that
 * the benchmark measures the server, not the limiter; everything else is the default configuration.
 */
async function main(): Promise<void> {
  // performance.now() counts from process start: this first reading is the time spent loading modules.
  const phases: Record<string, number> = { modules: performance.now() };
  const config = loadConfig({
    ANALYSIS_RATE_LIMIT_PER_MIN: '100000000',
    WRITE_RATE_LIMIT_PER_MIN: '100000000',
    ...process.env,
    LOG_LEVEL: 'silent',
    HOST: '127.0.0.1',
    SEED: 'never',
  });
  const log = createLogger(config.LOG_LEVEL);
  const connection = await connect(config, log);
  phases.connectAndMigrate = performance.now();
  const server = await createServer(config, connection.db, log);
  phases.createServer = performance.now();
  await server.listen(config.PORT, config.HOST);
  phases.listen = performance.now();
  process.stdout.write(`BENCH_PHASES ${JSON.stringify(phases)}\n`);
  announceReady(server.httpServer);
  process.on(
    'SIGTERM',
    () =>
      void server
        .stop()
        .then(() => connection.close())
        .then(() => process.exit(0)),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`our server failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
