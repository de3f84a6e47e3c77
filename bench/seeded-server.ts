import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Config, loadConfig } from '../src/config.js';
import { Database } from '../src/db/database.js';
import { startLocalNeo4j } from '../src/db/local-neo4j.js';
import { migrate } from '../src/db/migrations.js';
import { loadSeed } from '../src/ingest/seed.js';
import { createLogger } from '../src/logger.js';
import { projectRoot } from '../src/project-root.js';
import { createServer } from '../src/server/http.js';

/** The machine's load averages (1, 5, 15 min), for a results file. */
export const loads = (): string =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/**
 * The harness of the single-process benches (frontends, feed-subscribers): a throwaway local Neo4j with the seed
 * graph, our server in this process on a free port, `run(url, config)` returning the lines of the results file,
 * written to bench/results/<date>-<name>.md; everything stopped and removed after, also on failure.
 */
export async function withSeededServer(name: string, env: Record<string, string>, run: (url: string, config: Config) => Promise<string[]>): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `atlas-bench-${name}-`));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap: '1g', pageCacheMb: 256 });
  const config = loadConfig({ NEO4J_URI: neo4j.uri, LOG_LEVEL: 'silent', ...env });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 120_000, poolSize: config.NEO4J_POOL_SIZE });
  try {
    await migrate(db);
    await loadSeed(db);
    const server = await createServer(config, db, createLogger('silent'));
    try {
      const lines = await run(`http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`, config);
      const out = path.join(projectRoot(), 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-${name}.md`);
      writeFileSync(out, `${lines.join('\n')}\n`);
      process.stderr.write(`${lines.join('\n')}\nwrote ${out}\n`);
    } finally {
      await server.stop();
    }
  } finally {
    await db.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
