import { VALUE_PROVENANCE, withoutEntries } from '../graph/value-provenance.js';
import type { Database, Tx } from '../db/database.js';
import { relationshipSpec, type EntityKind } from '../graph/ontology.js';
import type { UserErrorModel } from '../errors.js';
import { validateGraph, type GraphIssue } from '../graph/validation.js';
import { isDerived, recomputeDerivedRestrictions } from './derived-restrictions.js';
import { applyChanges, loadEntities, loadRelationships, type RelationshipChange } from './change-writer.js';
import {
  compact,
  entityRecordFrom,
  relationshipKey,
  relationshipRecordFrom,
  relationshipRecordOf,
  sameRecord,
  type EntityRecord,
  type RelationshipRecord,
} from './graph-records.js';
import { mergeRelationship } from './merge.js';
import { map, num, text, texts } from './rows.js';

export interface EntityResult {
  readonly entity: EntityRecord | null;
  readonly errors: UserErrorModel[];
}

export interface RelationshipResult {
  readonly relationship: RelationshipRecord | null;
  readonly created: boolean;
  readonly errors: UserErrorModel[];
}

/** Graph-file issues as user errors, with the file path prefix (`entities[0]`) replaced by `input`. */
export function issuesToErrors(issues: readonly GraphIssue[], prefix: string): UserErrorModel[] {
  return issues.map((i) => {
    const field = i.path.replace(prefix, 'input').replace('.properties.', '.');
    return { code: i.code ?? 'INVALID_VALUE', message: `${field}: ${i.message}`, field };
  });
}

/** The string ids in an input list (validation reports anything else in it). */
const idsIn = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/** Ids to kinds, for the ids that exist: what validateGraph needs to check endpoints and sources. */
async function kindsOf(tx: Tx, ids: readonly string[]): Promise<Map<string, EntityKind>> {
  const found = await loadEntities(tx, ids);
  return new Map([...found.values()].map((e) => [e.id, e.kind]));
}

/** Validates a whole entity record against the ontology and the sources in the graph. */
async function validateEntity(tx: Tx, record: Record<string, unknown>): Promise<{ entity?: EntityRecord; errors: UserErrorModel[] }> {
  const known = await kindsOf(tx, idsIn(record.sources));
  const { graph, issues } = validateGraph({ entities: [record] }, known);
  if (issues.length) return { errors: issuesToErrors(issues, 'entities[0]') };
  return { entity: entityRecordFrom(graph.entities[0]!), errors: [] };
}

/** Creates an entity in one transaction; a taken id or an invalid field comes back as an error. */
export function createEntity(db: Database, actor: string, kind: EntityKind, input: Record<string, unknown>): Promise<EntityResult> {
  return db.write(async (tx) => {
    const { entity, errors } = await validateEntity(tx, { ...compact(input), kind });
    const id = String(input.id);
    if ((await loadEntities(tx, [id])).has(id)) {
      errors.push({
        code: 'DUPLICATE_ID',
        message: `input.id: "${id}" is already used by another entity; choose another id or update that one.`,
        field: 'input.id',
      });
    }
    if (!entity || errors.length) return { entity: null, errors };
    await applyChanges(tx, actor, { entities: [{ op: 'create', before: null, after: entity }], relationships: [] });
    if (entity.kind === 'Chip') await recomputeDerivedRestrictions(tx, [entity.id]);
    return { entity, errors: [] };
  });
}

const notFound = (what: string, field: string): UserErrorModel => ({ code: 'NOT_FOUND', message: `${field}: no ${what}; check the id.`, field });

/**
 * Applies a patch to an entity: given fields replace, null clears; the result is validated as a whole.
 * An unchanged result writes nothing and records nothing.
 */
export function updateEntity(db: Database, actor: string, kind: EntityKind, id: string, patch: Record<string, unknown>): Promise<EntityResult> {
  return db.write(async (tx) => {
    const before = (await loadEntities(tx, [id])).get(id);
    if (!before || before.kind !== kind) return { entity: null, errors: [notFound(`${kind} has the id "${id}"`, 'id')] };
    const merged: Record<string, unknown> = { ...before, ...patch };
    for (const [key, value] of Object.entries(patch)) if (value === null && key !== 'name' && key !== 'sources') delete merged[key];
    // A value the curator sets or clears is theirs: the source's entry for the old value no longer describes it.
    const provenance = withoutEntries(before[VALUE_PROVENANCE], Object.keys(patch));
    if (provenance) merged[VALUE_PROVENANCE] = provenance;
    else delete merged[VALUE_PROVENANCE];
    const { entity, errors } = await validateEntity(tx, merged);
    if (!entity) return { entity: null, errors };
    if (!sameRecord(before, entity)) {
      await applyChanges(tx, actor, { entities: [{ op: 'update', before, after: entity }], relationships: [] });
      // The same transaction: a chip's derived restrictions never lag behind its specs.
      if (entity.kind === 'Chip') await recomputeDerivedRestrictions(tx, [entity.id]);
    }
    return { entity, errors: [] };
  });
}

const RELS_OF = `
  MATCH (n:Entity {id: $id})-[r]-(o:Entity)
  RETURN type(r) AS type, startNode(r).id AS from, endNode(r).id AS to, properties(r) AS p`;
const CITATIONS_OF = `
  OPTIONAL MATCH (e:Entity) WHERE $id IN e.sourceIds AND e.id <> $id
  WITH collect(e.id)[..10] AS entities
  OPTIONAL MATCH ()-[r]->() WHERE $id IN r.sourceIds
  RETURN entities, count(r) AS relationships`;

export interface DeleteResult {
  readonly deletedId: string | null;
  readonly deletedRelationships: number;
  readonly errors: UserErrorModel[];
}

const describeRel = (r: RelationshipRecord): string => `${r.from} -${r.type}-> ${r.to}`;

async function citationError(tx: Tx, id: string): Promise<UserErrorModel | null> {
  const [row] = await tx.run(CITATIONS_OF, { id });
  const entities = texts(row?.entities, 'entities');
  const relationships = row ? num(row.relationships, 'relationships') : 0;
  if (!entities.length && !relationships) return null;
  const message = `Source "${id}" is still cited by ${entities.length ? `entities (${entities.join(', ')})` : 'no entity'} and ${relationships} relationship(s); cite another source there first.`;
  return { code: 'HAS_DEPENDENTS', message, field: 'id' };
}

/**
 * Deletes an entity with its outgoing relationships. Relationships from others (and symmetric ones) make it
 * refuse unless `cascade`; a Source still cited anywhere is always refused. One transaction, audited.
 */
export function deleteEntity(db: Database, actor: string, id: string, cascade: boolean): Promise<DeleteResult> {
  return db.write(async (tx) => {
    const before = (await loadEntities(tx, [id])).get(id);
    if (!before) return { deletedId: null, deletedRelationships: 0, errors: [notFound(`entity has the id "${id}"`, 'id')] };
    const cited = before.kind === 'Source' ? await citationError(tx, id) : null;
    if (cited) return { deletedId: null, deletedRelationships: 0, errors: [cited] };
    const rels = (await tx.run(RELS_OF, { id })).map((r) => relationshipRecordOf(text(r.type, 'type'), text(r.from, 'from'), text(r.to, 'to'), map(r.p, 'p')));
    const records = [...new Map(rels.map((r) => [relationshipKey(r.type, r.from, r.to), r])).values()];
    // Restrictions the rules derived go with the chip: they are the chip's own specs read through the rules.
    const pointing = records.filter((r) => !isDerived(r) && (r.to === id || relationshipSpec(r.type)?.symmetric));
    if (pointing.length && !cascade) {
      const list = pointing.slice(0, 10).map(describeRel).join(', ');
      const message = `"${id}" has ${pointing.length} relationship(s) from other entities: ${list}${pointing.length > 10 ? ', …' : ''}. Delete them first, or pass cascade: true to delete them with it.`;
      return { deletedId: null, deletedRelationships: 0, errors: [{ code: 'HAS_DEPENDENTS', message, field: 'id' }] };
    }
    const relChanges: RelationshipChange[] = records.map((r) => ({ op: 'delete', before: r, after: null }));
    await applyChanges(tx, actor, { entities: [{ op: 'delete', before, after: null }], relationships: relChanges });
    return { deletedId: id, deletedRelationships: records.length, errors: [] };
  });
}

/** The relationship input as a graph-file relationship: type-specific fields go under `properties`. */
function rawRelationship(input: Record<string, unknown>): Record<string, unknown> {
  const base = ['type', 'from', 'to', 'sources', 'validFrom', 'validTo', 'confidence', 'notes'];
  const raw = compact(Object.fromEntries(base.map((k) => [k, input[k]])));
  // Fields of other types are kept, so validation names them ("is not a property of TRAINED_AT").
  const properties = compact(Object.fromEntries(Object.entries(input).filter(([k]) => !base.includes(k))));
  return Object.keys(properties).length ? { ...raw, properties } : raw;
}

/**
 * Creates a relationship or merges into the existing one with the same type and endpoints: sources are added,
 * given fields replace. Unknown endpoints, kinds the ontology does not allow and unknown sources are errors.
 */
export function assertRelationship(db: Database, actor: string, input: Record<string, unknown>): Promise<RelationshipResult> {
  return db.write(async (tx) => {
    const raw = rawRelationship(input);
    const known = await kindsOf(tx, [String(input.from), String(input.to), ...idsIn(input.sources)]);
    const { graph, issues } = validateGraph({ relationships: [raw] }, known);
    if (issues.length) return { relationship: null, created: false, errors: issuesToErrors(issues, 'relationships[0]') };
    const parsed = graph.relationships[0]!;
    const incoming = relationshipRecordFrom(parsed);
    const existing = (await loadRelationships(tx, [parsed])).get(relationshipKey(parsed.type, parsed.from, parsed.to)) ?? null;
    const after = mergeRelationship(existing, existing ? { ...incoming, from: existing.from, to: existing.to } : incoming, 'assert');
    if (!sameRecord(existing, after)) {
      await applyChanges(tx, actor, { entities: [], relationships: [{ op: existing ? 'update' : 'create', before: existing, after }] });
    }
    return { relationship: after, created: !existing, errors: [] };
  });
}

/** Deletes one relationship (either direction for symmetric types); audited. */
export function deleteRelationship(db: Database, actor: string, key: { type: string; from: string; to: string }): Promise<RelationshipResult> {
  return db.write(async (tx) => {
    const existing = (await loadRelationships(tx, [key])).get(relationshipKey(key.type, key.from, key.to));
    if (!existing) return { relationship: null, created: false, errors: [notFound(`${key.type} relationship from "${key.from}" to "${key.to}"`, 'key')] };
    await applyChanges(tx, actor, { entities: [], relationships: [{ op: 'delete', before: existing, after: null }] });
    return { relationship: null, created: false, errors: [] };
  });
}
