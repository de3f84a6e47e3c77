import type { Tx } from '../db/database.js';
import { ENTITY_KINDS, relationshipSpec, type EntityKind } from '../graph/ontology.js';
import { recordChanges, reserveSequence, type ChangeRecord } from './audit-store.js';
import {
  entityRecordOf,
  entityUpdateProps,
  nodePropsOf,
  relationshipKey,
  relationshipRecordOf,
  relPropsOf,
  relUpdateProps,
  sameRecord,
  type EntityRecord,
  type RelationshipRecord,
} from './graph-records.js';
import { map, oneOf, text, texts } from './rows.js';

export type Op = 'create' | 'update' | 'delete';

/** A planned change to one entity: `before` is null for a creation, `after` null for a deletion. */
export interface EntityChange {
  readonly op: Op;
  readonly before: EntityRecord | null;
  readonly after: EntityRecord | null;
}

/** A planned change to one relationship (endpoints as stored). */
export interface RelationshipChange {
  readonly op: Op;
  readonly before: RelationshipRecord | null;
  readonly after: RelationshipRecord | null;
}

/**
 * The change that turns `before` (null: none yet) into `after`: a creation, an update, or null when the two are
 * the same record, which writes and records nothing.
 */
export function changeOf<T extends EntityRecord | RelationshipRecord>(before: T | null, after: T): { op: Op; before: T | null; after: T } | null {
  if (!before) return { op: 'create', before: null, after };
  return sameRecord(before, after) ? null : { op: 'update', before, after };
}

export interface ChangeSet {
  readonly entities: readonly EntityChange[];
  readonly relationships: readonly RelationshipChange[];
}

/** Keys looked up per statement when reading what an import or the seed meets in the graph. */
const READ_BATCH = 5_000;

/** Items in slices of `size` (each slice a copy of at most `size` items). */
export function* batches<T>(items: readonly T[], size: number): Generator<readonly T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

export const ENTITIES_BY_IDS = `
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN properties(n) AS p`;

export const ALL_ENTITIES = `
  MATCH (n:Entity)
  RETURN properties(n) AS p`;

/** Entities by id, as records (ids that match nothing are absent from the map). */
export async function loadEntities(tx: Tx, ids: readonly string[]): Promise<Map<string, EntityRecord>> {
  const out = new Map<string, EntityRecord>();
  for (const batch of batches([...new Set(ids)], READ_BATCH)) {
    for (const r of await tx.run(ENTITIES_BY_IDS, { ids: batch })) {
      const e = entityRecordOf(map(r.p, 'p'));
      out.set(e.id, e);
    }
  }
  return out;
}

/** Every entity, as records: what importers match names against. */
export async function loadAllEntities(tx: Tx): Promise<EntityRecord[]> {
  const rows = await tx.run(ALL_ENTITIES);
  return rows.map((r) => entityRecordOf(map(r.p, 'p')));
}

export const ALL_ENTITY_KEYS = `
  MATCH (n:Entity)
  RETURN n.id AS id, n.kind AS kind, n.name AS name, n.aliases AS aliases`;

/**
 * Every entity's id, kind, name and aliases, as records without properties or sources: what matching needs of
 * the whole graph, a fraction of loadAllEntities' size. Load the full records of the entities matched.
 */
export async function loadEntityKeys(tx: Tx): Promise<EntityRecord[]> {
  const rows = await tx.run(ALL_ENTITY_KEYS);
  return rows.map((r) => ({
    id: text(r.id, 'id'),
    kind: oneOf(ENTITY_KINDS, r.kind, 'kind'),
    name: text(r.name, 'name'),
    aliases: texts(r.aliases, 'aliases'),
    sources: [],
  }));
}

// Both ends are looked up first and the relationship matched between them in a subquery, so Neo4j expands from
// the end with fewer relationships (Expand(Into)): matched in one pattern it expanded every relationship of the
// start, and 3,000 keys from a list that LISTS 3,000 companies took 9 million expansions (4 min instead of 4 s).
export const RELATIONSHIPS_BY_KEYS = `
  UNWIND $keys AS k
  MATCH (a:Entity {id: k.from})
  MATCH (b:Entity {id: k.to})
  CALL (a, b, k) {
    MATCH (a)-[r]-(b)
    WHERE type(r) = k.type AND (k.symmetric OR startNode(r) = a)
    RETURN r
  }
  RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS p`;

/** Existing relationships for (type, from, to) triples, keyed by relationshipKey. */
export async function loadRelationships(tx: Tx, keys: readonly { type: string; from: string; to: string }[]): Promise<Map<string, RelationshipRecord>> {
  const out = new Map<string, RelationshipRecord>();
  for (const batch of batches(keys, READ_BATCH)) {
    const params = batch.map((k) => ({ type: k.type, from: k.from, to: k.to, symmetric: relationshipSpec(k.type)?.symmetric ?? false }));
    for (const r of await tx.run(RELATIONSHIPS_BY_KEYS, { keys: params })) {
      const rec = relationshipRecordOf(text(r.type, 'type'), text(r.from, 'from'), text(r.to, 'to'), map(r.p, 'p'));
      out.set(relationshipKey(rec.type, rec.from, rec.to), rec);
    }
  }
  return out;
}

export const CREATE_ENTITIES = (kind: string): string => `
  UNWIND $rows AS row
  CREATE (n:Entity:${kind})
  SET n = row.props, n.createdAt = datetime(), n.updatedAt = datetime()
  SET n.nameKey = toLower(n.name)`;
export const UPDATE_ENTITIES = `
  UNWIND $rows AS row
  MATCH (n:Entity {id: row.id})
  SET n += row.props, n.updatedAt = datetime()
  SET n.nameKey = toLower(n.name)`;
export const DELETE_ENTITIES = `
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  DETACH DELETE n`;
export const CREATE_RELATIONSHIPS = (type: string): string => `
  UNWIND $rows AS row
  MATCH (a:Entity {id: row.from}), (b:Entity {id: row.to})
  CREATE (a)-[r:${type}]->(b)
  SET r = row.props
  RETURN count(r) AS written`;
export const UPDATE_RELATIONSHIPS = (type: string): string => `
  UNWIND $rows AS row
  MATCH (:Entity {id: row.from})-[r:${type}]->(:Entity {id: row.to})
  SET r += row.props`;
export const DELETE_RELATIONSHIPS = (type: string): string => `
  UNWIND $rows AS row
  MATCH (:Entity {id: row.from})-[r:${type}]->(:Entity {id: row.to})
  DELETE r`;

export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const group = out.get(key(item));
    if (group) group.push(item);
    else out.set(key(item), [item]);
  }
  return out;
}

async function writeEntities(tx: Tx, changes: readonly EntityChange[], op: Op): Promise<void> {
  const selected = changes.filter((c) => c.op === op);
  if (!selected.length) return;
  if (op === 'delete') return void (await tx.run(DELETE_ENTITIES, { ids: selected.map((c) => c.before!.id) }));
  if (op === 'update') {
    const rows = selected.map((c) => ({ id: c.after!.id, props: entityUpdateProps(c.before!, c.after!) }));
    return void (await tx.run(UPDATE_ENTITIES, { rows }));
  }
  for (const [kind, group] of groupBy(selected, (c) => c.after!.kind)) {
    if (!ENTITY_KINDS.includes(kind as EntityKind)) throw new Error(`Unknown entity kind ${kind}`);
    await tx.run(CREATE_ENTITIES(kind), { rows: group.map((c) => ({ props: nodePropsOf(c.after!) })) });
  }
}

async function writeRelationships(tx: Tx, changes: readonly RelationshipChange[], op: Op): Promise<void> {
  const selected = changes.filter((c) => c.op === op);
  for (const [type, group] of groupBy(selected, (c) => (c.after ?? c.before)!.type)) {
    if (!relationshipSpec(type)) throw new Error(`Unknown relationship type ${type}`);
    const ends = (c: RelationshipChange) => ({ from: (c.before ?? c.after)!.from, to: (c.before ?? c.after)!.to });
    if (op === 'delete') await tx.run(DELETE_RELATIONSHIPS(type), { rows: group.map(ends) });
    if (op === 'update') await tx.run(UPDATE_RELATIONSHIPS(type), { rows: group.map((c) => ({ ...ends(c), props: relUpdateProps(c.before!, c.after!) })) });
    if (op === 'create') {
      const [row] = await tx.run(CREATE_RELATIONSHIPS(type), { rows: group.map((c) => ({ ...ends(c), props: relPropsOf(c.after!) })) });
      if (row?.written !== group.length) throw new Error(`Created ${String(row?.written)} of ${group.length} ${type} relationships: an endpoint is missing`);
    }
  }
}

const OPERATION = { create: 'CREATE', update: 'UPDATE', delete: 'DELETE' } as const;

export const entityAudit = (c: EntityChange): ChangeRecord => ({
  operation: `${OPERATION[c.op]}_ENTITY`,
  entityId: (c.after ?? c.before)!.id,
  before: c.before,
  after: c.after,
});

export function relationshipAudit(c: RelationshipChange): ChangeRecord {
  const r = (c.after ?? c.before)!;
  return {
    operation: `${OPERATION[c.op]}_RELATIONSHIP`,
    entityId: r.from,
    relatedEntityId: r.to,
    relationshipType: r.type,
    before: c.before,
    after: c.after,
  };
}

/**
 * Changes written per batch: each batch is a few UNWIND statements (one per kind or type and operation) plus one
 * for its audit records, so no statement carries more than this many rows however large the import.
 */
export const WRITE_BATCH = 2_000;

/**
 * Writes a change set and its audit records in the caller's transaction: relationship deletions, entity
 * deletions, entity creations and updates, then relationship creations and updates, in batches of WRITE_BATCH
 * changes, each with its audit records. `onProgress` is called after each batch with the changes written so far
 * (deletions not counted). The audit records share one timestamp and keep the set's order (entities, then
 * relationships), whatever the batches, and take the next positions of the graph's change sequence (reserved
 * first, so concurrent writes queue on it rather than deadlock over it midway).
 */
export async function applyChanges(tx: Tx, actor: string, set: ChangeSet, onProgress?: (done: number) => void): Promise<void> {
  const at = new Date().toISOString();
  const count = set.entities.length + set.relationships.length;
  if (!count) return;
  const base = await reserveSequence(tx, count);
  for (const batch of batches(set.relationships, WRITE_BATCH)) await writeRelationships(tx, batch, 'delete');
  for (const batch of batches(set.entities, WRITE_BATCH)) await writeEntities(tx, batch, 'delete');
  let done = 0;
  let seq = 0;
  const audited = async <T extends { readonly op: Op }>(batch: readonly T[], audit: (c: T) => ChangeRecord): Promise<void> => {
    await recordChanges(tx, actor, batch.map(audit), { at, firstSeq: seq, base });
    seq += batch.length;
    done += batch.filter((c) => c.op !== 'delete').length;
    onProgress?.(done);
  };
  for (const batch of batches(set.entities, WRITE_BATCH)) {
    await writeEntities(tx, batch, 'create');
    await writeEntities(tx, batch, 'update');
    await audited(batch, entityAudit);
  }
  for (const batch of batches(set.relationships, WRITE_BATCH)) {
    await writeRelationships(tx, batch, 'create');
    await writeRelationships(tx, batch, 'update');
    await audited(batch, relationshipAudit);
  }
}

/**
 * Writes a change set without audit records, in the caller's transaction and the order of applyChanges: for the
 * part of a staged import that is written when it is published, whose audit records were staged before.
 */
export async function writeUnaudited(tx: Tx, set: ChangeSet): Promise<void> {
  for (const batch of batches(set.relationships, WRITE_BATCH)) await writeRelationships(tx, batch, 'delete');
  for (const batch of batches(set.entities, WRITE_BATCH)) await writeEntities(tx, batch, 'delete');
  for (const batch of batches(set.entities, WRITE_BATCH)) {
    await writeEntities(tx, batch, 'create');
    await writeEntities(tx, batch, 'update');
  }
  for (const batch of batches(set.relationships, WRITE_BATCH)) {
    await writeRelationships(tx, batch, 'create');
    await writeRelationships(tx, batch, 'update');
  }
}
