import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import { loadSeed, readSeedGraph, SEED_ACTOR } from '../ingest/seed.js';
import { createLogger } from '../logger.js';

/** `npm run seed`: validates data/*.json and merges it into the database (idempotent). */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL);
  const graph = readSeedGraph();
  const connection = await connect(config, log);
  try {
    const counts = await loadSeed(connection.db, graph);
    process.stdout.write(
      `Seed graph merged: ${counts.entities} entities, ${counts.relationships} relationships; ${counts.changes} change(s) written and audited as "${SEED_ACTOR}".\n`,
    );
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`seed failed: ${(error as Error).message}\n`);
  process.exit(1);
});
