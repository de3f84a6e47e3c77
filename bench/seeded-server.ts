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

/** What a bench run gets: our server's URL and config, and `serve` to start another server on the same database. */
export interface SeededServer {
  readonly url: string;
  readonly config: Config;
  /** Another server over the same database with these settings on top (stopped with the first); its URL. */
  serve(extraEnv: Record<string, string>): Promise<string>;
}

/**
 * The harness of the single-process benches (frontends, feed-subscribers): a throwaway local Neo4j with the seed
 * graph, our server in this process on a free port, `run` returning the lines of the results file, written to
 * `out` (default bench/results/<date>-<name>.md; `-`: standard output only); everything stopped and removed
 * after, also on failure.
 */
export async function withSeededServer(
  name: string,
  env: Record<string, string>,
  run: (server: SeededServer) => Promise<string[]>,
  out = path.join(projectRoot(), 'bench', 'results', `${new Date().toISOString().slice(0, 10)}-${name}.md`),
): Promise<void> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `atlas-bench-${name}-`));
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap: '1g', pageCacheMb: 256 });
  const config = loadConfig({ NEO4J_URI: neo4j.uri, LOG_LEVEL: 'silent', ...env });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 120_000, poolSize: config.NEO4J_POOL_SIZE });
  try {
    await migrate(db);
    await loadSeed(db);
    const servers = [await createServer(config, db, createLogger('silent'))];
    try {
      const serve = async (extraEnv: Record<string, string>): Promise<string> => {
        const server = await createServer(loadConfig({ NEO4J_URI: neo4j.uri, LOG_LEVEL: 'silent', ...env, ...extraEnv }), db, createLogger('silent'));
        servers.push(server);
        return `http://127.0.0.1:${await server.listen(0, '127.0.0.1')}`;
      };
      const lines = await run({ url: `http://127.0.0.1:${await servers[0]!.listen(0, '127.0.0.1')}`, config, serve });
      if (out === '-') process.stdout.write(`${lines.join('\n')}\n`);
      else {
        writeFileSync(out, `${lines.join('\n')}\n`);
        process.stderr.write(`${lines.join('\n')}\nwrote ${out}\n`);
      }
    } finally {
      for (const server of servers) await server.stop();
    }
  } finally {
    await db.close();
    await neo4j.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
