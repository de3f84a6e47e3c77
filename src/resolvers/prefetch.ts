import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type FieldsByTypeName, type ResolveTree } from 'graphql-parse-resolve-info';
import type { Direction } from '../graph/models.js';
import { derivedFieldsOf, ENTITY_KINDS, isEntityKind, KIND_PROPERTIES, relationshipFieldsOf, type EntityKind } from '../graph/ontology.js';
import { relationKey, type RelationSelection } from '../store/prefetch-query.js';

/** A relationship field of an entity type, as the resolvers and the read-ahead see it. */
export interface RelationField {
  readonly field: string;
  readonly type: string;
  readonly direction: Direction;
  readonly single: boolean;
}

/**
 * The relationship fields of every kind, read off the ontology (with derived ones such as Model.developer): the
 * one map the field resolvers and the read-ahead both use.
 */
export const RELATION_FIELDS: Readonly<Record<EntityKind, readonly RelationField[]>> = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    [...[...relationshipFieldsOf(kind), ...derivedFieldsOf(kind)].map(({ field, spec, direction, single }) => ({ field, type: spec.type, direction, single }))],
  ]),
) as Record<EntityKind, RelationField[]>;

const FIELD_BY_NAME = new Map(ENTITY_KINDS.map((kind) => [kind, new Map(RELATION_FIELDS[kind].map((f) => [f.field, f]))]));

/**
 * Relationship levels read ahead in the root statement. Deeper ones fall back to the batched loaders (one query
 * per level), which de-duplicate parents; a deep tree compiled into one statement would repeat shared subtrees.
 */
export const PREFETCH_DEPTH = 3;

/** The `node` selections under a relationship field (`{ node { … } relationship { … } }`). */
const nodeSelections = (field: ResolveTree): FieldsByTypeName[] =>
  Object.values(field.fieldsByTypeName).flatMap((fields) =>
    Object.values(fields)
      .filter((f) => f.name === 'node')
      .map((f) => f.fieldsByTypeName),
  );

/** A selected relationship field of an entity, with its loader key and the entity selections under its `node`. */
interface SelectedRelation {
  readonly field: RelationField;
  readonly asOf: string | null;
  readonly key: string;
  readonly below: FieldsByTypeName[];
}

/** The relationship fields selected on entities (their `fieldsByTypeName`), merged by loader key (type, direction, asOf). */
function relationsOf(entitySelections: readonly FieldsByTypeName[]): SelectedRelation[] {
  const merged = new Map<string, SelectedRelation>();
  for (const byType of entitySelections) {
    for (const [typeName, fields] of Object.entries(byType)) {
      if (!isEntityKind(typeName)) continue;
      for (const selected of Object.values(fields)) {
        const field = FIELD_BY_NAME.get(typeName)!.get(selected.name);
        if (!field) continue;
        const asOf = (selected.args.asOf as string | null | undefined) ?? null;
        const key = relationKey(field.type, field.direction, asOf);
        const entry = merged.get(key) ?? { field, asOf, key, below: [] };
        entry.below.push(...nodeSelections(selected));
        merged.set(key, entry);
      }
    }
  }
  return [...merged.values()];
}

/** Stored properties a selected field reads: itself for a property, `sourceIds` for `sources`. */
const PROPERTY_FIELDS = new Set(['aliases', 'description', ...ENTITY_KINDS.flatMap((k) => KIND_PROPERTIES[k].map((p) => p.name))]);
const propertyOf = (field: string): string | null => (field === 'sources' ? 'sourceIds' : PROPERTY_FIELDS.has(field) ? field : null);

/**
 * The node properties each loader key's lists must carry, over the whole query: a list read ahead is primed
 * into the loader of its key, and every field reading that key anywhere in the query (at any depth) may be
 * answered from it, so it carries the union of what all of them select (plus id, kind and name).
 */
function propertiesByKey(entitySelections: readonly FieldsByTypeName[], out = new Map<string, Set<string>>()): Map<string, Set<string>> {
  for (const relation of relationsOf(entitySelections)) {
    const props = out.get(relation.key) ?? new Set(['id', 'kind', 'name']);
    for (const byType of relation.below) {
      for (const f of Object.values(byType).flatMap((fields) => Object.values(fields))) {
        const prop = propertyOf(f.name);
        if (prop) props.add(prop);
      }
    }
    out.set(relation.key, props);
    propertiesByKey(relation.below, out);
  }
  return out;
}

/** Store selections for the relationship fields selected on entities, up to PREFETCH_DEPTH levels. */
function selectionsOf(entitySelections: readonly FieldsByTypeName[], depth: number, properties: Map<string, Set<string>>): RelationSelection[] {
  if (depth >= PREFETCH_DEPTH) return [];
  return relationsOf(entitySelections).map(({ field, asOf, key, below }) => ({
    type: field.type,
    direction: field.direction,
    asOf,
    properties: [...(properties.get(key) ?? [])],
    children: selectionsOf(below, depth + 1, properties),
  }));
}

/** The selections on the entity (or entities) the current field returns, by type. */
export function rootEntitySelections(info: GraphQLResolveInfo): FieldsByTypeName[] {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  return tree ? [tree.fieldsByTypeName] : [];
}

/** The selections on the items of a connection (`edges { node }` and `nodes`), by type. */
export function connectionItemSelections(info: GraphQLResolveInfo): FieldsByTypeName[] {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  if (!tree) return [];
  const items: FieldsByTypeName[] = [];
  for (const fields of Object.values(tree.fieldsByTypeName)) {
    for (const f of Object.values(fields)) {
      if (f.name === 'nodes') items.push(f.fieldsByTypeName);
      if (f.name === 'edges') items.push(...nodeSelections(f));
    }
  }
  return items;
}

/** Store selections for the relationship fields selected on these entity selections, up to PREFETCH_DEPTH levels. */
export const relationSelectionsOf = (entitySelections: FieldsByTypeName[]): RelationSelection[] =>
  selectionsOf(entitySelections, 0, propertiesByKey(entitySelections));
