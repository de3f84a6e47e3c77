import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../src/db/local-neo4j.js';
import { migrate } from '../../src/db/migrations.js';
import { loadSeed } from '../../src/ingest/seed.js';
import { databaseOptions, testServerEnv } from './connection.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
  }
}

/**
 * Starts a throwaway Neo4j on a free port with a temporary data folder (or uses NEO4J_URI), migrates it and
 * merges the seed graph. Tests add their own data under unique ids and remove exactly that.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let local: LocalNeo4j | null = null;
  let dataDir: string | null = null;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-test-neo4j-'));
    local = await startLocalNeo4j({ dataDir, port: 0, heap: '1g', pageCacheMb: 256 });
    uri = local.uri;
  }
  const db = new Database(databaseOptions(loadConfig(testServerEnv(uri, { TX_TIMEOUT_MS: '120000' }))));
  await migrate(db);
  await loadSeed(db);
  await db.close();
  project.provide('neo4jUri', uri);
  return async () => {
    await local?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
