import { ENTITY_KINDS } from '../graph/ontology.js';
import type { Database } from './database.js';

/**
 * Constraints and indexes, each idempotent (`IF NOT EXISTS`), applied at every start. Labels come from the
 * ontology: every entity is `:Entity` plus its kind label.
 */
export const MIGRATIONS: readonly string[] = [
  'CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE',
  'CREATE INDEX entity_kind IF NOT EXISTS FOR (n:Entity) ON (n.kind)',
  'CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)',
  'CREATE INDEX model_release IF NOT EXISTS FOR (n:Model) ON (n.releaseDate)',
  'CREATE INDEX chip_release IF NOT EXISTS FOR (n:Chip) ON (n.releaseDate)',
  'CREATE INDEX regulation_effective IF NOT EXISTS FOR (n:Regulation) ON (n.effectiveDate)',
  'CREATE INDEX country_iso IF NOT EXISTS FOR (n:Country) ON (n.isoCode)',
  // The properties aggregates, groups and lists filter and group on most (docs/aggregations.md): a filtered
  // aggregate seeks the index instead of scanning the label.
  'CREATE INDEX data_center_status IF NOT EXISTS FOR (n:DataCenter) ON (n.status)',
  'CREATE INDEX company_founded IF NOT EXISTS FOR (n:Company) ON (n.foundedYear)',
  'CREATE INDEX chip_vendor IF NOT EXISTS FOR (n:Chip) ON (n.vendor)',
  'CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE',
  'CREATE INDEX change_at IF NOT EXISTS FOR (c:Change) ON (c.at)',
  'CREATE INDEX change_entity IF NOT EXISTS FOR (c:Change) ON (c.entityId)',
  // A large import is staged before it is published (src/store/staged-writer.ts): its run, its staged entities
  // found by import and id, its audit records found by import.
  'CREATE CONSTRAINT import_run_id IF NOT EXISTS FOR (r:ImportRun) REQUIRE r.id IS UNIQUE',
  'CREATE INDEX staged_import_id IF NOT EXISTS FOR (n:Staged) ON (n.importId, n.id)',
  'CREATE INDEX change_import IF NOT EXISTS FOR (c:Change) ON (c.importId)',
  // The change feed and the ETags follow the trail by its sequence; the one counter node is merged by id.
  'CREATE INDEX change_sequence IF NOT EXISTS FOR (c:Change) ON (c.sequence)',
  'CREATE CONSTRAINT change_log_id IF NOT EXISTS FOR (l:ChangeLog) REQUIRE l.id IS UNIQUE',
  // Lists sort by the lower-cased name; one index per kind lets a page read in index order.
  ...ENTITY_KINDS.map((kind) => `CREATE INDEX ${kind.toLowerCase()}_name_key IF NOT EXISTS FOR (n:${kind}) ON (n.nameKey)`),
  `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliasText, n.description]
   OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
];

/**
 * One-time data migrations: derived properties that data written before them lacks, filled in batches. Each is
 * recorded as a `:Migration {id}` node once done, so later starts skip it without scanning the graph.
 */
export const DATA_MIGRATIONS: readonly { readonly id: string; readonly statement: string }[] = [
  {
    id: 'entity-name-key',
    statement: `MATCH (n:Entity) WHERE n.nameKey IS NULL OR n.nameKey <> toLower(n.name)
      CALL { WITH n SET n.nameKey = toLower(n.name) } IN TRANSACTIONS OF 10000 ROWS`,
  },
];

/** The name a schema migration creates (`CREATE … INDEX name IF NOT EXISTS …`). */
export const migrationName = (statement: string): string | undefined => /^CREATE (?:FULLTEXT |RANGE |TEXT )?(?:INDEX|CONSTRAINT) (\w+)/.exec(statement)?.[1];

/**
 * Applies the migrations the database lacks and waits until the indexes are online. A database that has them
 * all costs two reads, run at once, not a write per statement: this runs at every start, on a cold JVM that plans
 * each new statement once (about a second each under load), so constraints are read from their backing indexes
 * (`owningConstraint`) rather than by a `SHOW CONSTRAINTS` of their own. New indexes on a large graph take time to
 * populate: `indexWaitS` (60 s) bounds the wait, and the wait's transaction outlives it.
 */
export async function migrate(db: Database, options: { indexWaitS?: number } = {}): Promise<void> {
  const indexWaitS = options.indexWaitS ?? 60;
  const [indexes, applied] = await Promise.all([
    db.query('SHOW INDEXES YIELD name, state, owningConstraint RETURN name, state, owningConstraint'),
    db.query('MATCH (m:Migration) RETURN m.id AS id'),
  ]);
  const existing = new Set(indexes.flatMap((r) => [r.name as string, ...(r.owningConstraint ? [r.owningConstraint as string] : [])]));
  const missing = MIGRATIONS.filter((statement) => !existing.has(migrationName(statement) ?? ''));
  for (const statement of missing) await db.write((tx) => tx.run(statement));
  const done = new Set(applied.map((r) => r.id as string));
  for (const { id, statement } of DATA_MIGRATIONS.filter((m) => !done.has(m.id))) {
    await db.autoCommit(statement);
    await db.write((tx) => tx.run('MERGE (m:Migration {id: $id}) SET m.appliedAt = datetime()', { id }));
  }
  if (missing.length > 0 || indexes.some((r) => r.state !== 'ONLINE')) {
    await db.write((tx) => tx.run('CALL db.awaitIndexes($seconds)', { seconds: indexWaitS }), { timeoutMs: (indexWaitS + 30) * 1000 });
  }
}
