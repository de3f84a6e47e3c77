import { rmSync } from 'node:fs';
import path from 'node:path';
import { Database, type Tx } from '../src/db/database.js';
import { startLocalNeo4j, type LocalNeo4j } from '../src/db/local-neo4j.js';
import { migrate, MIGRATIONS } from '../src/db/migrations.js';
import { relationshipSpec, type EntityKind } from '../src/graph/ontology.js';
import { projectRoot } from '../src/project-root.js';
import { entityDbProps, relationshipDbProps } from '../src/store/graph-records.js';
import { entityBatches, planFor, totalEntities, type BenchEntity, type BenchRelationship, type GraphPlan } from './generate.js';
import { relationshipBatches } from './generate-relationships.js';

/** Bumped whenever the generator's output changes, so a stale bench database is reloaded. */
export const GENERATOR_VERSION = 2;

/** How the bench graph got into the database: counts and rates of the (possibly earlier) load. */
export interface LoadInfo {
  readonly size: number;
  readonly seed: number;
  readonly entities: number;
  readonly relationships: number;
  readonly loadSeconds: number;
  /** Seconds spent on entities, on relationships, and on building the other indexes afterwards. */
  readonly phaseSeconds: { readonly entities: number; readonly relationships: number; readonly indexes: number };
  /** (entities + relationships) per second during the load. */
  readonly itemsPerSecond: number;
  readonly loadedAt: string;
  /** False when the database already held this graph and was reused. */
  readonly loadedNow: boolean;
}

export interface BenchDatabase {
  readonly neo4j: LocalNeo4j;
  readonly db: Database;
  readonly load: LoadInfo;
  stop(): Promise<void>;
}

const BATCH = 10_000;

const ENTITY_CREATE = (kind: EntityKind): string => `
  UNWIND $rows AS row
  CREATE (n:Entity:${kind})
  SET n = row, n.nameKey = toLower(row.name), n.createdAt = datetime(), n.updatedAt = datetime()`;

const REL_CREATE = (type: string): string => `
  UNWIND $rows AS row
  MATCH (a:Entity {id: row.from})
  MATCH (b:Entity {id: row.to})
  CREATE (a)-[r:${type}]->(b)
  SET r = row.props`;

const META_READ = 'MATCH (m:BenchMeta {id: $id}) RETURN m';
const META_WRITE = 'MERGE (m:BenchMeta {id: $id}) SET m += $meta';
const ANY_ENTITY = 'MATCH (n:Entity) RETURN n.id AS id LIMIT 1';

async function writeEntities(tx: Tx, kind: EntityKind, rows: BenchEntity[]): Promise<void> {
  await tx.run(ENTITY_CREATE(kind), { rows: rows.map((r) => entityDbProps(kind, r)) });
}

async function writeRelationships(tx: Tx, byType: Map<string, BenchRelationship[]>): Promise<number> {
  let n = 0;
  for (const [type, rels] of byType) {
    if (!relationshipSpec(type)) throw new Error(`Unknown relationship type ${type}`);
    await tx.run(REL_CREATE(type), { rows: rels.map((r) => ({ from: r.from, to: r.to, props: relationshipDbProps(r.props) })) });
    n += rels.length;
  }
  return n;
}

/**
 * Bulk-loads the synthetic graph with batched UNWIND … CREATE (bench-only: the database is empty). Only the id
 * constraint exists during the load (relationships find their endpoints through it); the other indexes, the
 * full-text one above all, are built once afterwards by the project's own migrations, which is far cheaper than
 * maintaining them row by row.
 */
export async function loadGraph(db: Database, plan: GraphPlan, log: (line: string) => void): Promise<LoadInfo> {
  const started = performance.now();
  const idConstraint = MIGRATIONS.find((m) => /REQUIRE n\.id IS UNIQUE/.test(m));
  if (idConstraint) await db.write((tx) => tx.run(idConstraint));
  const total = totalEntities(plan);
  let entities = 0;
  for (const { kind, rows } of entityBatches(plan, BATCH)) {
    await db.write((tx) => writeEntities(tx, kind, rows), { timeoutMs: 600_000 });
    entities += rows.length;
    if (entities % 100_000 < BATCH) log(`bench: ${entities}/${total} entities`);
  }
  const entitiesDone = performance.now();
  let relationships = 0;
  for (const byType of relationshipBatches(plan, 2 * BATCH)) {
    relationships += await db.write((tx) => writeRelationships(tx, byType), { timeoutMs: 600_000 });
    if (relationships % 200_000 < 2 * BATCH) log(`bench: ${relationships} relationships`);
  }
  const relationshipsDone = performance.now();
  await migrate(db, { indexWaitS: 1800 });
  const done = performance.now();
  const loadSeconds = (done - started) / 1000;
  const phaseSeconds = {
    entities: (entitiesDone - started) / 1000,
    relationships: (relationshipsDone - entitiesDone) / 1000,
    indexes: (done - relationshipsDone) / 1000,
  };
  const info: LoadInfo = {
    size: plan.size,
    seed: plan.seed,
    entities,
    relationships,
    loadSeconds,
    phaseSeconds,
    itemsPerSecond: Math.round((entities + relationships) / loadSeconds),
    loadedAt: new Date().toISOString(),
    loadedNow: true,
  };
  await db.write((tx) =>
    tx.run(META_WRITE, { id: 'meta', meta: { size: plan.size, seed: plan.seed, version: GENERATOR_VERSION, info: JSON.stringify(info) } }),
  );
  return info;
}

async function readMeta(db: Database, plan: GraphPlan): Promise<LoadInfo | null> {
  const [row] = await db.read((tx) => tx.run(META_READ, { id: 'meta' }));
  const m = row?.m as { size: number; seed: number; version: number; info: string } | undefined;
  if (!m || m.size !== plan.size || m.seed !== plan.seed || m.version !== GENERATOR_VERSION) return null;
  return { ...(JSON.parse(m.info) as LoadInfo), loadedNow: false };
}

export const benchDataDir = (size: number): string => path.join(projectRoot(), '.data', `bench-${size}`);

/**
 * Starts the bench Neo4j for a graph size (data under .data/bench-<size>), and loads the synthetic graph unless
 * that folder already holds it. A folder holding anything else (an interrupted load) is wiped and reloaded.
 */
export async function openBenchDatabase(size: number, options: { dataDir?: string; log: (l: string) => void; seed?: number }): Promise<BenchDatabase> {
  const plan = planFor(size, options.seed);
  const dataDir = options.dataDir ?? benchDataDir(size);
  for (let attempt = 0; ; attempt++) {
    const neo4j = await startLocalNeo4j({
      dataDir,
      port: 0,
      heap: size >= 1e6 ? '3g' : '2g',
      pageCacheMb: size >= 1e6 ? 2048 : 1024,
      quickStart: false,
      log: options.log,
    });
    const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 60_000, poolSize: 100 });
    const stop = async (): Promise<void> => {
      await db.close();
      await neo4j.stop();
    };
    const existing = await readMeta(db, plan);
    if (existing) {
      await migrate(db);
      return { neo4j, db, load: existing, stop };
    }
    const dirty = (await db.read((tx) => tx.run(ANY_ENTITY))).length > 0;
    if (dirty && attempt === 0) {
      options.log(`bench: ${dataDir} holds another graph; wiping it`);
      await stop();
      rmSync(dataDir, { recursive: true, force: true });
      continue;
    }
    options.log(`bench: generating and loading ${totalEntities(plan)} entities into ${dataDir}`);
    const load = await loadGraph(db, plan, options.log);
    options.log(
      `bench: loaded ${load.entities} entities and ${load.relationships} relationships in ${load.loadSeconds.toFixed(1)} s (${load.itemsPerSecond}/s)`,
    );
    return { neo4j, db, load, stop };
  }
}
