import { dbDate } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { propertiesOf, relationshipFieldsOf, type EntityKind, type PropertySpec, type RelationshipField } from '../graph/ontology.js';
import { hopPattern, validAt } from './cypher.js';
import { textOrNull, texts } from './rows.js';

/** A filter on an entity list, keyed by ontology property names and relationship field names. */
export type EntityFilter = Record<string, Record<string, unknown> | null | undefined>;

export const SCALAR_OPS: Record<string, (p: string, v: string) => string> = {
  eq: (p, v) => `${p} = ${v}`,
  in: (p, v) => `${p} IN ${v}`,
  contains: (p, v) => `toLower(${p}) CONTAINS toLower(${v})`,
  startsWith: (p, v) => `toLower(${p}) STARTS WITH toLower(${v})`,
  gt: (p, v) => `${p} > ${v}`,
  gte: (p, v) => `${p} >= ${v}`,
  lt: (p, v) => `${p} < ${v}`,
  lte: (p, v) => `${p} <= ${v}`,
  includes: (p, v) => `${v} IN ${p}`,
  includesAny: (p, v) => `any(x IN ${v} WHERE x IN ${p})`,
};

/** Relationship fields a kind has (both directions), as filter keys. */
export const relationFields = (kind: EntityKind): Map<string, RelationshipField> => new Map(relationshipFieldsOf(kind).map((f) => [f.field, f]));

export const toParam = (spec: PropertySpec, value: unknown): unknown => {
  if (spec.type !== 'date') return value;
  return Array.isArray(value) ? value.map((v) => dbDate(String(v))) : dbDate(String(value));
};

/** Operators that make sense for a property: list ones for lists, ranges for numbers and dates, text ones for text. */
export function allowedOps(spec: PropertySpec): readonly string[] {
  if (spec.list) return ['includes', 'includesAny'];
  if (spec.type === 'string') return spec.values ? ['eq', 'in'] : ['eq', 'in', 'contains', 'startsWith'];
  if (spec.type === 'boolean') return ['eq'];
  return ['eq', 'in', 'gt', 'gte', 'lt', 'lte'];
}

interface Compiled {
  readonly where: string[];
  readonly params: Record<string, unknown>;
}

/** `EXISTS { (n)-[r:TYPE]-(m) ... }` for a relationship field, or its negation with `exists: false`. */
function relationPredicate(field: RelationshipField, condition: Record<string, unknown>, name: string, out: Compiled): void {
  const { spec, direction } = field;
  const asOf = textOrNull(condition.asOf, `${name}.asOf`);
  out.params[`${name}ids`] = condition.in == null ? null : texts(condition.in, `${name}.in`);
  out.params[`${name}asOf`] = asOf ? dbDate(asOf) : null;
  const exists = `EXISTS { MATCH (n)${hopPattern(spec.type, direction, 'r')}(m:Entity) WHERE ($${name}ids IS NULL OR m.id IN $${name}ids) AND ${validAt('r', `${name}asOf`)} }`;
  out.where.push(condition.exists === false ? `NOT ${exists}` : exists);
}

/**
 * Compiles a filter into Cypher predicates over `n` and their parameters; all must hold. Property and
 * relationship names come only from the ontology, values only as parameters; an unknown field or an operator
 * that does not fit the property is a BAD_USER_INPUT.
 */
export function compileFilter(kind: EntityKind, filter: EntityFilter | null | undefined): Compiled {
  const out: Compiled = { where: [], params: {} };
  const props = new Map(propertiesOf(kind).map((p) => [p.name, p]));
  props.set('id', { name: 'id', type: 'string' });
  const relations = relationFields(kind);
  let i = 0;
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (condition == null) continue;
    const relation = relations.get(field);
    if (relation) {
      relationPredicate(relation, condition, `f${i++}`, out);
      continue;
    }
    const spec = props.get(field);
    if (!spec) throw badInput(`Unknown filter field "${field}" for ${kind}.`, { field });
    for (const [op, value] of Object.entries(condition)) {
      if (value == null) continue;
      if (!allowedOps(spec).includes(op)) throw badInput(`Operator "${op}" cannot be used on ${kind}.${field}.`, { field });
      const name = `f${i++}`;
      out.params[name] = toParam(spec, value);
      out.where.push(SCALAR_OPS[op]!(`n.${spec.name}`, `$${name}`));
    }
  }
  return out;
}
