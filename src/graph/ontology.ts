/**
 * The ontology's lookups, derived from its data (`ontology-data.ts`). The store, the loaders, the validation,
 * the importers, the schema generator and the schema-consistency test all read it; nothing else names a label
 * or a relationship type.
 */
import {
  COMMON_PROPERTIES,
  COMPANY_ROLE,
  CONFIDENCE,
  DATA_CENTER_STATUS,
  DERIVED_RELATION_FIELDS,
  ENTITY_KINDS,
  KINDS,
  RELATIONSHIP_TYPES,
  type EntityKind,
  type EnumSpec,
  type KindSpec,
  type PropertySpec,
  type RelationshipSpec,
} from './ontology-data.js';

export * from './ontology-data.js';

export const COMPANY_ROLES = COMPANY_ROLE.values.map((v) => v.value);
export const DATA_CENTER_STATUSES = DATA_CENTER_STATUS.values.map((v) => v.value);
export const CONFIDENCE_LEVELS = ['high', 'medium', 'low'] as const;
export type Confidence = (typeof CONFIDENCE_LEVELS)[number];

const kindByName = new Map<string, KindSpec>(KINDS.map((k) => [k.name, k]));

/** The spec of a kind (its descriptions, list field and properties). */
export function kindSpec(kind: EntityKind): KindSpec {
  const spec = kindByName.get(kind);
  if (!spec) throw new Error(`ontology: kind ${kind} is listed in ENTITY_KINDS but has no KINDS entry`);
  return spec;
}

/** Each kind's own properties (beyond the common ones). */
export const KIND_PROPERTIES: Readonly<Record<EntityKind, readonly PropertySpec[]>> = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [kind, kindSpec(kind).properties]),
) as Record<EntityKind, readonly PropertySpec[]>;

/** The Query field that lists each kind (`companies`, `chips`...). */
export const LIST_FIELDS: Readonly<Record<EntityKind, string>> = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, kindSpec(kind).listField])) as Record<
  EntityKind,
  string
>;

/** GraphQL enum value of a kind: DataCenter → DATA_CENTER. */
export const constantCase = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase();

/** Every enum the ontology defines, each once: the kinds, the confidence levels and the enum properties. */
export function ontologyEnums(): EnumSpec[] {
  const kinds: EnumSpec = {
    name: 'EntityKind',
    description: 'The kinds of entity in the graph.',
    filter: {},
    values: ENTITY_KINDS.map((kind) => ({ value: kind, name: constantCase(kind), description: kindSpec(kind).summary })),
  };
  const byName = new Map<string, EnumSpec>([
    [kinds.name, kinds],
    [CONFIDENCE.name, CONFIDENCE],
  ]);
  for (const prop of ENTITY_KINDS.flatMap((k) => KIND_PROPERTIES[k])) if (prop.enum) byName.set(prop.enum.name, prop.enum);
  return [...byName.values()];
}

/**
 * Resolver maps for the enums whose stored values differ from their GraphQL names (EntityKind: DATA_CENTER →
 * DataCenter; Confidence: HIGH → high), from the ontology.
 */
export function enumValueMaps(): Record<string, Record<string, string>> {
  const maps: Record<string, Record<string, string>> = {};
  for (const e of ontologyEnums()) {
    if (e.values.every((v) => v.value === v.name)) continue;
    maps[e.name] = Object.fromEntries(e.values.map((v) => [v.name, v.value]));
  }
  return maps;
}

export const RELATIONSHIP_TYPE_NAMES = RELATIONSHIP_TYPES.map((r) => r.type);

const byType = new Map(RELATIONSHIP_TYPES.map((r) => [r.type, r]));

/** A relationship field of a kind: the relationship it lists, from which end, and whether it holds one neighbour. */
export interface RelationshipField {
  readonly field: string;
  readonly spec: RelationshipSpec;
  readonly direction: 'OUT' | 'IN';
  readonly single: boolean;
}

/** The relationship fields of a kind, both directions (a symmetric relationship gives one field). */
export function relationshipFieldsOf(kind: EntityKind): RelationshipField[] {
  const fields: RelationshipField[] = [];
  for (const spec of RELATIONSHIP_TYPES) {
    if (spec.from.includes(kind)) fields.push({ field: spec.outField, spec, direction: 'OUT', single: spec.outSingle ?? false });
    if (spec.to.includes(kind) && !spec.symmetric) fields.push({ field: spec.inField, spec, direction: 'IN', single: false });
  }
  return fields;
}

/** The derived single-neighbour fields of a kind (Model.developer), with their relationship spec. */
export function derivedFieldsOf(kind: EntityKind): (RelationshipField & { readonly description: string })[] {
  return DERIVED_RELATION_FIELDS.filter((d) => d.kind === kind).map((d) => ({
    field: d.field,
    spec: byType.get(d.type)!,
    direction: d.direction,
    single: true,
    description: d.description,
  }));
}

/** The relationship spec for a type name, or undefined for a name the ontology does not know. */
export function relationshipSpec(type: string): RelationshipSpec | undefined {
  return byType.get(type);
}

export function isEntityKind(value: string): value is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(value);
}

/** Every property an entity of this kind may carry (common ones first). */
export function propertiesOf(kind: EntityKind): readonly PropertySpec[] {
  return [...COMMON_PROPERTIES, ...KIND_PROPERTIES[kind]];
}

/** Entity ids are lower-case slugs: letters, digits and single hyphens. */
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
