import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../db/database.js';
import { ENTITY_KINDS, relationshipSpec } from '../graph/ontology.js';
import { recordChanges, reserveSequence } from './audit-store.js';
import { batches, entityAudit, groupBy, relationshipAudit, writeUnaudited, WRITE_BATCH, type ChangeSet, type RelationshipChange } from './change-writer.js';
import { nodePropsOf, relPropsOf } from './graph-records.js';
import { runProperties, type ImportRunDetails } from './import-runs.js';
import { discardStaged, sweepAbandoned } from './staged-cleanup.js';

export const OPEN_RUN = `
  CREATE (run:ImportRun {id: $importId, actor: $actor, state: 'STAGED', changes: $changes})
  SET run += $details, run.startedAt = datetime(), run.heartbeatAt = datetime()`;
export const TOUCH_RUN = `
  MATCH (run:ImportRun {id: $importId, state: 'STAGED'})
  SET run.heartbeatAt = datetime()
  RETURN count(run) AS open`;
export const PUBLISH_RUN = `
  MATCH (run:ImportRun {id: $importId, state: 'STAGED'})
  SET run.state = 'PUBLISHED', run.publishedAt = datetime()
  RETURN count(run) AS published`;

// A staged entity has no :Entity and no kind label, so no read query, index or constraint of the graph sees it.
export const STAGE_ENTITIES = `
  UNWIND $rows AS row
  CREATE (n:Staged)
  SET n = row.props, n.importId = $importId, n.createdAt = datetime(), n.updatedAt = datetime()
  SET n.nameKey = toLower(n.name)`;

/** An end is a visible entity or one this import staged. */
const END = (v: string, key: string): string => `
  CALL (row) {
    MATCH (${v}:Entity {id: row.${key}}) RETURN ${v}
    UNION
    MATCH (${v}:Staged {importId: $importId, id: row.${key}}) RETURN ${v}
  }`;

// Staged relationships have their real type but at least one staged end: reads only follow relationships between
// :Entity nodes, so they stay unseen until their staged end is published.
export const STAGE_RELATIONSHIPS = (type: string): string => `
  UNWIND $rows AS row${END('a', 'from')}${END('b', 'to')}
  CREATE (a)-[r:${type}]->(b)
  SET r = row.props
  RETURN count(r) AS written`;

export const PUBLISH_KIND = (kind: string): string => `
  MATCH (n:Staged {importId: $importId})
  WHERE n.kind = $kind
  SET n:Entity:${kind}
  REMOVE n:Staged, n.importId`;

export interface StageOptions {
  /** The import's id (its ImportRun's): a fresh one when omitted. */
  readonly importId?: string;
  /** What the run records besides its state (src/store/import-runs.ts). */
  readonly details?: ImportRunDetails;
  /** Changes per staging transaction (default WRITE_BATCH). */
  readonly batchSize?: number;
  readonly timeoutMs?: number;
  /** Called after each staged batch has committed (changes staged so far), then once before publishing. */
  readonly onProgress?: (stage: 'writing' | 'publishing', done: number) => unknown;
  /** Runs in the publishing transaction once everything is visible: commits with it. */
  readonly onPublish?: (tx: Tx) => Promise<void>;
}

/** Creations of relationships with an end this import creates: staged; the rest are written when publishing. */
const stagedRelationship = (created: ReadonlySet<string>) => (c: RelationshipChange) =>
  c.op === 'create' && (created.has(c.after!.from) || created.has(c.after!.to));

async function stageRelationships(tx: Tx, importId: string, changes: readonly RelationshipChange[]): Promise<void> {
  for (const [type, group] of groupBy(changes, (c) => c.after!.type)) {
    if (!relationshipSpec(type)) throw new Error(`Unknown relationship type ${type}`);
    const rows = group.map((c) => ({ from: c.after!.from, to: c.after!.to, props: relPropsOf(c.after!) }));
    const [row] = await tx.run(STAGE_RELATIONSHIPS(type), { rows, importId });
    if (row?.written !== group.length) throw new Error(`Staged ${String(row?.written)} of ${group.length} ${type} relationships: an endpoint is missing`);
  }
}

/** Stages every creation and every audit record, batch by batch, each batch its own transaction. */
async function stage(db: Database, importId: string, actor: string, set: ChangeSet, options: StageOptions): Promise<void> {
  const size = options.batchSize ?? WRITE_BATCH;
  const created = new Set(set.entities.filter((c) => c.op === 'create').map((c) => c.after!.id));
  const isStaged = stagedRelationship(created);
  const at = new Date().toISOString();
  let seq = 0;
  let done = 0;
  const inBatch = async (count: number, work: (tx: Tx) => Promise<void>): Promise<void> => {
    await db.write(
      async (tx) => {
        const [row] = await tx.run(TOUCH_RUN, { importId });
        if (row?.open !== 1) throw new Error(`Staged import ${importId} was discarded while it was written`);
        await work(tx);
      },
      { timeoutMs: options.timeoutMs },
    );
    seq += count;
    done += count;
    await options.onProgress?.('writing', done);
  };
  for (const batch of batches(set.entities, size)) {
    await inBatch(batch.length, async (tx) => {
      const rows = batch.filter((c) => c.op === 'create').map((c) => ({ props: nodePropsOf(c.after!) }));
      if (rows.length) await tx.run(STAGE_ENTITIES, { rows, importId });
      await recordChanges(tx, actor, batch.map(entityAudit), { at, firstSeq: seq, importId });
    });
  }
  for (const batch of batches(set.relationships, size)) {
    await inBatch(batch.length, async (tx) => {
      await stageRelationships(tx, importId, batch.filter(isStaged));
      await recordChanges(tx, actor, batch.map(relationshipAudit), { at, firstSeq: seq, importId });
    });
  }
}

/** Makes the staged import visible at once: its run marked published, its entities labelled, the rest written. */
async function publish(tx: Tx, importId: string, set: ChangeSet): Promise<void> {
  const [run] = await tx.run(PUBLISH_RUN, { importId });
  if (run?.published !== 1) throw new Error(`Staged import ${importId} was discarded before it was published`);
  // The graph changed: the change sequence moves once, so ETags and caches on every replica see it. The staged
  // records carry no sequence of their own, so the live feed does not replay them (docs/frontends.md).
  await reserveSequence(tx, 1);
  for (const kind of ENTITY_KINDS) await tx.run(PUBLISH_KIND(kind), { importId, kind });
  const created = new Set(set.entities.filter((c) => c.op === 'create').map((c) => c.after!.id));
  const isStaged = stagedRelationship(created);
  await writeUnaudited(tx, {
    entities: set.entities.filter((c) => c.op !== 'create'),
    relationships: set.relationships.filter((c) => !isStaged(c)),
  });
}

/**
 * Writes a change set too large for one transaction, all-or-nothing for readers: creations and audit records are
 * staged in bounded transactions, invisible to every read, then published in one small transaction (labels flipped,
 * updates and relationships between existing entities written). On any failure the staged writes are removed;
 * a process that dies part-way leaves them to the next staged import's sweep. Deletions count as no progress.
 */
export async function writeStaged(db: Database, actor: string, set: ChangeSet, options: StageOptions = {}): Promise<void> {
  await sweepAbandoned(db);
  const importId = options.importId ?? randomUUID();
  const changes = set.entities.length + set.relationships.length;
  const details = runProperties(options.details ?? { records: 0, matchCandidates: [] });
  await db.write((tx) => tx.run(OPEN_RUN, { importId, actor, changes, details }));
  try {
    await stage(db, importId, actor, set, options);
    await options.onProgress?.('publishing', changes);
    await db.write(
      async (tx) => {
        await publish(tx, importId, set);
        await options.onPublish?.(tx);
      },
      { timeoutMs: options.timeoutMs },
    );
  } catch (error) {
    // Best effort: what a failed discard leaves stays invisible and is swept once its run is abandoned.
    await discardStaged(db, importId).catch(() => undefined);
    throw error;
  }
}
