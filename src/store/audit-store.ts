import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Database, Tx } from '../db/database.js';
import { dbDateTime, dbInt } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { parsed } from './rows.js';

const CHANGE_OPERATIONS = ['CREATE_ENTITY', 'UPDATE_ENTITY', 'DELETE_ENTITY', 'CREATE_RELATIONSHIP', 'UPDATE_RELATIONSHIP', 'DELETE_RELATIONSHIP'] as const;
export type ChangeOperation = (typeof CHANGE_OPERATIONS)[number];

/** A change to record: the record before and after (null for a creation / a deletion). */
export interface ChangeRecord {
  readonly operation: ChangeOperation;
  readonly entityId: string;
  readonly relatedEntityId?: string | null;
  readonly relationshipType?: string | null;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
}

/** A recorded change as the audit trail returns it; before/after are JSON text. */
export interface ChangeModel {
  readonly id: string;
  readonly at: string;
  readonly actor: string;
  readonly operation: ChangeOperation;
  readonly entityId: string;
  readonly relatedEntityId: string | null;
  readonly relationshipType: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

export const RECORD_CHANGES = `
  UNWIND $rows AS row
  CREATE (c:Change)
  SET c = row, c.at = datetime($at)
  RETURN count(c) AS recorded`;

/** Where a batch of change records goes in the trail: the timestamp its whole write shares, and its first position. */
export interface ChangeBatch {
  readonly at?: string;
  readonly firstSeq?: number;
  /** The staged import the records belong to: hidden from the trail until that import is published. */
  readonly importId?: string;
  /** The graph's change sequence before this write (from reserveSequence); a record's sequence is base + 1 + its position. */
  readonly base?: number;
}

// `SET l.sequence = l.sequence + $count` reads the property it writes, so Cypher takes the node's write lock before
// reading it (Neo4j operations manual, "Lost updates"): writes are serialised on this one node until they commit,
// so sequences are handed out in commit order and a follower reading `sequence > n` never skips a later commit.
export const RESERVE_SEQUENCE = `
  MERGE (l:ChangeLog {id: 'changes'})
  ON CREATE SET l.sequence = 0
  SET l.sequence = l.sequence + $count
  RETURN l.sequence - $count AS base`;

/**
 * Reserves `count` positions of the graph's change sequence in the caller's write transaction; returns the
 * sequence before them. Every audited write calls it once, first, so the lock is held for the whole write.
 */
export async function reserveSequence(tx: Tx, count: number): Promise<number> {
  const [row] = await tx.run(RESERVE_SEQUENCE, { count: dbInt(count) });
  return parsed(z.number(), row?.base, 'base');
}

/**
 * Records changes as (:Change) nodes inside the caller's write transaction, so a change and its record are
 * committed together or not at all. All changes of one call share one timestamp and keep their order; a write
 * recorded in several batches passes each the same `at` and where it starts.
 */
export async function recordChanges(tx: Tx, actor: string, changes: readonly ChangeRecord[], batch: ChangeBatch = {}): Promise<void> {
  if (!changes.length) return;
  const at = batch.at ?? new Date().toISOString();
  const first = batch.firstSeq ?? 0;
  const rows = changes.map((c, i) => ({
    id: randomUUID(),
    seq: first + i,
    sequence: batch.base === undefined ? null : dbInt(batch.base + 1 + first + i),
    actor,
    operation: c.operation,
    entityId: c.entityId,
    relatedEntityId: c.relatedEntityId ?? null,
    relationshipType: c.relationshipType ?? null,
    before: c.before ? JSON.stringify(c.before) : null,
    after: c.after ? JSON.stringify(c.after) : null,
    ...(batch.importId ? { importId: batch.importId } : {}),
  }));
  await tx.run(RECORD_CHANGES, { rows, at });
}

export interface ChangeQuery {
  readonly since?: string | null;
  readonly entity?: string | null;
  readonly first: number;
  readonly after?: string | null;
}

const nullable = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

/** A (:Change) node as listChanges reads it. */
export const changeRow = z.object({
  id: z.string(),
  at: z.string(),
  seq: z.number(),
  actor: z.string(),
  operation: z.enum(CHANGE_OPERATIONS),
  entityId: z.string(),
  relatedEntityId: nullable,
  relationshipType: nullable,
  before: nullable,
  after: nullable,
});

const cursorShape = z.tuple([z.string().refine((at) => !Number.isNaN(Date.parse(at))), z.number(), z.string()]);

const LIST_CHANGES = `
  MATCH (c:Change)
  WHERE ($since IS NULL OR c.at >= $since)
    AND ($entity IS NULL OR c.entityId = $entity OR c.relatedEntityId = $entity)
    AND (c.importId IS NULL OR EXISTS { MATCH (run:ImportRun {id: c.importId}) WHERE run.state = 'PUBLISHED' })
    AND ($afterAt IS NULL OR c.at < $afterAt OR (c.at = $afterAt AND (c.seq > $afterSeq OR (c.seq = $afterSeq AND c.id > $afterId))))
  RETURN c
  ORDER BY c.at DESC, c.seq ASC, c.id ASC
  LIMIT $limit`;

interface ChangeCursor {
  readonly at: string;
  readonly seq: number;
  readonly id: string;
}

const encode = (c: ChangeCursor): string => Buffer.from(JSON.stringify([c.at, c.seq, c.id])).toString('base64url');

function decode(cursor: string): ChangeCursor {
  try {
    const decoded: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    const shape = cursorShape.safeParse(decoded);
    if (shape.success) return { at: shape.data[0], seq: shape.data[1], id: shape.data[2] };
  } catch {
    // falls through to the error below
  }
  throw badInput('The "after" cursor is not valid; use a cursor from a previous page of changes.', { argument: 'after' });
}

/** One page of the audit trail, newest first (changes written together keep their order). */
export async function listChanges(db: Database, q: ChangeQuery): Promise<{ items: { cursor: string; node: ChangeModel }[]; hasNextPage: boolean }> {
  const after = q.after ? decode(q.after) : null;
  const rows = await db.read((tx) =>
    tx.run(LIST_CHANGES, {
      since: q.since ? dbDateTime(q.since) : null,
      entity: q.entity ?? null,
      afterAt: after ? dbDateTime(after.at) : null,
      afterSeq: after ? dbInt(after.seq) : null,
      afterId: after?.id ?? null,
      limit: dbInt(q.first + 1),
    }),
  );
  const items = rows.slice(0, q.first).map((r) => {
    const { seq, ...node } = parsed(changeRow, r.c, 'change');
    return { cursor: encode({ at: node.at, seq, id: node.id }), node };
  });
  return { items, hasNextPage: rows.length > q.first };
}
