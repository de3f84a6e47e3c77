import { dbDate } from '../db/mapping.js';
import { ENTITY_KINDS, propertiesOf, relationshipSpec, type EntityKind } from '../graph/ontology.js';
import { oneOf, text, texts } from './rows.js';
import { VALUE_PROVENANCE } from '../graph/value-provenance.js';

/**
 * An entity as written and audited: id, kind, name, aliases, description, sources and its kind's properties,
 * dates as ISO strings, absent keys meaning "not set". The shape of the graph JSON format.
 */
export interface EntityRecord {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases?: string[];
  readonly sources: string[];
  readonly [property: string]: unknown;
}

/** A relationship as written and audited: type, endpoints (as stored), sources and its properties. */
export interface RelationshipRecord {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly sources: string[];
  readonly [property: string]: unknown;
}

/** The entries that are set: null and undefined mean "not set" in records. */
export const compact = (values: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined));

/**
 * A node's stored properties (as plain values) as an entity record: the ontology's fields (and the values'
 * provenance, a JSON string) only, so
 * housekeeping (createdAt, aliasText…) and anything other features store on nodes is never validated,
 * audited or overwritten by writes.
 */
export function entityRecordOf(props: Record<string, unknown>): EntityRecord {
  const kind = oneOf(ENTITY_KINDS, props.kind, 'entity.kind');
  const allowed = new Set(['id', 'kind', VALUE_PROVENANCE, ...propertiesOf(kind).map((p) => p.name)]);
  const rest = Object.fromEntries(Object.entries(props).filter(([k]) => allowed.has(k)));
  return {
    ...compact(rest),
    id: text(props.id, 'entity.id'),
    kind,
    name: text(props.name, 'entity.name'),
    sources: texts(props.sourceIds, 'entity.sourceIds'),
  };
}

/** A relationship's stored properties as a record. */
export function relationshipRecordOf(type: string, from: string, to: string, props: Record<string, unknown>): RelationshipRecord {
  const { sourceIds, ...rest } = props;
  return { type, from, to, sources: texts(sourceIds, 'relationship.sourceIds'), ...compact(rest) };
}

/** A validated graph-file entity (graph/validation) as a record: unset fields dropped. */
export const entityRecordFrom = (entity: Record<string, unknown>): EntityRecord => compact(entity) as EntityRecord;

/** A validated graph-file relationship as a record: its type's `properties` beside the common ones, unset fields dropped. */
export function relationshipRecordFrom(relationship: { readonly properties?: Record<string, unknown> | null }): RelationshipRecord {
  const { properties, ...rest } = relationship;
  return compact({ ...rest, ...(properties ?? {}) }) as RelationshipRecord;
}

const dateKeysOf = (kind: EntityKind): Set<string> =>
  new Set(
    propertiesOf(kind)
      .filter((p) => p.type === 'date')
      .map((p) => p.name),
  );
const REL_DATE_KEYS = new Set(['validFrom', 'validTo']);

function toDb(values: Record<string, unknown>, dateKeys: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = v != null && dateKeys.has(k) ? dbDate(String(v)) : (v ?? null);
  return out;
}

/** Stored node properties of a kind as the driver takes them: dates as Neo4j dates (the one property encoder). */
export const entityDbProps = (kind: EntityKind, props: Record<string, unknown>): Record<string, unknown> => toDb(props, dateKeysOf(kind));

/** Stored relationship properties as the driver takes them. */
export const relationshipDbProps = (props: Record<string, unknown>): Record<string, unknown> => toDb(props, REL_DATE_KEYS);

/** The node properties to store for a record (aliasText and sourceIds derived), dates as Neo4j dates. */
export function nodePropsOf(record: EntityRecord): Record<string, unknown> {
  const { sources, ...rest } = record;
  const aliases = record.aliases ?? [];
  return entityDbProps(record.kind, { ...rest, aliases, aliasText: aliases.join(' '), sourceIds: sources });
}

/** The relationship properties to store for a record. */
export function relPropsOf(record: RelationshipRecord): Record<string, unknown> {
  const rest: Record<string, unknown> = { ...record, sourceIds: record.sources };
  for (const key of ['type', 'from', 'to', 'sources']) delete rest[key];
  return relationshipDbProps(rest);
}

/**
 * The properties that differ between two stored-property maps: changed or added values, and null for removed
 * keys (so `SET n += diff` turns `before` into `after`).
 */
export function propsDiff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, unknown> {
  const diff: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = after[key] ?? null;
    if (JSON.stringify(before[key] ?? null) !== JSON.stringify(a)) diff[key] = a;
  }
  return diff;
}

/** Whether two records are the same fact with the same details (key order ignored). */
export function sameRecord(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (!a || !b) return a === b;
  return Object.keys(propsDiff(a, b)).length === 0;
}

/** The key of a relationship: symmetric types ignore direction. */
export function relationshipKey(type: string, from: string, to: string): string {
  const [a, b] = relationshipSpec(type)?.symmetric && to < from ? [to, from] : [from, to];
  return `${a}|${type}|${b}`;
}

/** The node properties to SET (`n += …`) to turn entity `before` into `after`. */
export function entityUpdateProps(before: EntityRecord, after: EntityRecord): Record<string, unknown> {
  const { sources, ...diff } = propsDiff(before, after);
  const out: Record<string, unknown> = { ...diff };
  if (sources !== undefined) out.sourceIds = sources ?? [];
  if ('aliases' in diff) out.aliasText = (after.aliases ?? []).join(' ');
  return entityDbProps(after.kind, out);
}

/** The relationship properties to SET to turn `before` into `after`. */
export function relUpdateProps(before: RelationshipRecord, after: RelationshipRecord): Record<string, unknown> {
  const { sources, ...diff } = propsDiff(before, after);
  const out: Record<string, unknown> = { ...diff };
  if (sources !== undefined) out.sourceIds = sources ?? [];
  return relationshipDbProps(out);
}
