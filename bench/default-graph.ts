import path from 'node:path';
import { Database } from '../src/db/database.js';
import { startLocalNeo4j } from '../src/db/local-neo4j.js';
import { migrate } from '../src/db/migrations.js';
import { DATASETS_DIR, loadDefaultGraph } from '../src/ingest/default-graph.js';
import { loadSeed } from '../src/ingest/seed.js';
import { projectRoot } from '../src/project-root.js';
import { loadedDatasets } from '../src/store/dataset-store.js';
import { countEntities } from '../src/store/entity-store.js';
import { rederiveIfRulesChanged } from '../src/store/rules-version.js';
import type { BenchDatabase } from './load-graph.js';
import type { Draws } from './operations.js';

/**
 * `npm run bench -- --graph default`: the real default graph that `npm start` serves (the curated seed, then the
 * shipped datasets of data/datasets/manifest.json, then the derived restrictions), loaded the way src/index.ts
 * loads it into a bench database of its own (.data/bench-default, reused while it holds every dataset), and
 * request variables drawn from that graph's real ids.
 */
export async function openDefaultDatabase(options: {
  dataDir?: string;
  log: (l: string) => void;
}): Promise<BenchDatabase & { counts: Record<string, number> }> {
  const dataDir = options.dataDir ?? path.join(projectRoot(), '.data', 'bench-default');
  const neo4j = await startLocalNeo4j({ dataDir, port: 0, heap: '2g', pageCacheMb: 1024, quickStart: false, log: options.log });
  const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 600_000, poolSize: 100 });
  const stop = async (): Promise<void> => {
    await db.close();
    await neo4j.stop();
  };
  try {
    const started = performance.now();
    await migrate(db);
    const fresh = (await countEntities(db)) === 0;
    if (fresh) await loadSeed(db);
    const { imported } = await loadDefaultGraph(db, () => undefined, DATASETS_DIR, await loadedDatasets(db));
    await rederiveIfRulesChanged(db);
    const loadSeconds = (performance.now() - started) / 1000;
    if (imported.length) options.log(`bench: loaded the seed and ${imported.length} dataset(s) into ${dataDir} in ${loadSeconds.toFixed(0)} s`);
    const kinds = await db.query('MATCH (n:Entity) RETURN n.kind AS kind, count(*) AS n ORDER BY kind');
    const counts = Object.fromEntries(kinds.map((r) => [String(r.kind), Number(r.n)]));
    const [rels] = await db.query('MATCH (:Entity)-[r]->(:Entity) RETURN count(r) AS n');
    const entities = Object.values(counts).reduce((a, b) => a + b, 0);
    const relationships = Number(rels?.n ?? 0);
    return {
      neo4j,
      db,
      counts,
      stop,
      load: {
        size: entities,
        seed: 0,
        entities,
        relationships,
        loadSeconds,
        phaseSeconds: { entities: loadSeconds, relationships: 0, indexes: 0 },
        itemsPerSecond: Math.round((entities + relationships) / loadSeconds),
        loadedAt: new Date().toISOString(),
        loadedNow: fresh || imported.length > 0,
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

const ids = async (db: Database, query: string): Promise<string[]> => (await db.query(query)).map((r) => String(r.id));
const from = (list: readonly string[], fallback: readonly string[]): readonly string[] => (list.length ? list : fallback);
const at = (list: readonly string[], rnd: () => number): string => list[Math.floor(rnd() * list.length)]!;

/**
 * Request variables from a real graph's ids, with the same meaning as the synthetic graph's (operations.ts):
 * lists with one row per relationship make a draw proportional to it (a designer per chip it designs).
 */
export async function defaultDraws(db: Database): Promise<Draws> {
  const companies = await ids(db, 'MATCH (c:Entity:Company) RETURN c.id AS id ORDER BY id');
  const designers = await ids(db, 'MATCH (c:Entity:Company)-[:DESIGNS]->(:Entity:Chip) RETURN c.id AS id ORDER BY id');
  const operators = await ids(db, 'MATCH (c:Entity:Company)-[:OPERATES]->(:Entity:DataCenter) RETURN c.id AS id ORDER BY id');
  const chips = await ids(db, 'MATCH (:Entity:DataCenter)-[:EQUIPPED_WITH]->(c:Entity:Chip) RETURN c.id AS id ORDER BY id');
  const trained = await ids(db, 'MATCH (:Entity:Model)-[:TRAINED_ON]->(c:Entity:Chip) RETURN c.id AS id ORDER BY id');
  const hubs = await ids(db, 'MATCH (c:Entity:Company) RETURN c.id AS id ORDER BY COUNT { (c)--() } DESC, id LIMIT 10');
  const names = (await db.query("MATCH (n:Entity) WHERE n.kind IN ['Company', 'Chip', 'Model'] RETURN n.name AS name ORDER BY n.id")).map((r) =>
    String(r.name),
  );
  // Words of four letters or more, lower-cased, each once: what a user would type from a name.
  const words = [...new Set(names.flatMap((n) => n.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((w) => w.length >= 4 && !/^\d+$/.test(w)))].sort();
  return {
    company: (rnd) => at(companies, rnd),
    designer: (rnd) => at(from(designers, companies), rnd),
    operator: (rnd) => at(from(operators, companies), rnd),
    chipInUse: (rnd) => at(from(chips, trained), rnd),
    hubCompany: (rnd) => at(hubs, rnd),
    word: (rnd) => at(from(words, ['nvidia']), rnd),
  };
}
