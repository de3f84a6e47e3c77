import { dbDate } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { quantifiedRelations, type QuantifiedRelation } from '../graph/aggregation.js';
import { propertiesOf, relationshipFieldsOf, type EntityKind, type RelationshipField } from '../graph/ontology.js';
import { hopPattern, validAt } from './cypher.js';
import { SCALAR_OPS, allowedOps, toParam } from './filter-ops.js';
import { relationshipWhere, type RelationshipFilter } from './relationship-filter.js';
import { textOrNull, texts } from './rows.js';

export { SCALAR_OPS, allowedOps, toParam } from './filter-ops.js';

/** A filter on an entity list, keyed by ontology property names and relationship field names. */
export type EntityFilter = Record<string, Record<string, unknown> | null | undefined>;

/** Relationship fields a kind has (both directions), as filter keys. */
export const relationFields = (kind: EntityKind): Map<string, RelationshipField> => new Map(relationshipFieldsOf(kind).map((f) => [f.field, f]));

interface Compiled {
  readonly where: string[];
  readonly params: Record<string, unknown>;
}

/** Where a filter is compiled: the node variable its predicates read, and the parameter counter they share. */
interface Scope {
  readonly node: string;
  readonly params: Record<string, unknown>;
  readonly counter: { i: number };
}

/** `EXISTS { (n)-[r:TYPE]-(m) ... }` for a relationship field, or its negation with `exists: false`. */
function relationPredicate(field: RelationshipField, condition: Record<string, unknown>, name: string, scope: Scope): string {
  const { spec, direction } = field;
  const asOf = textOrNull(condition.asOf, `${name}.asOf`);
  scope.params[`${name}ids`] = condition.in == null ? null : texts(condition.in, `${name}.in`);
  scope.params[`${name}asOf`] = asOf ? dbDate(asOf) : null;
  const exists = `EXISTS { MATCH (${scope.node})${hopPattern(spec.type, direction, 'r')}(m:Entity) WHERE ($${name}ids IS NULL OR m.id IN $${name}ids) AND ${validAt('r', `${name}asOf`)} }`;
  return condition.exists === false ? `NOT ${exists}` : exists;
}

/**
 * `dataCentersSome: {node, relationship}` and its None and All: whether some, no or every neighbour through the
 * field (and its relationship) meets the conditions. All holds for an entity with no such neighbour.
 */
function quantifiedPredicate(q: QuantifiedRelation, condition: { node?: unknown; relationship?: unknown }, name: string, scope: Scope): string {
  const [r, m] = [`${name}r`, `${name}m`];
  const inner: Scope = { ...scope, node: m };
  const conditions = [
    ...relationshipWhere(condition.relationship as RelationshipFilter | null | undefined, r, `${name}r`, scope.params),
    ...compileIn(q.relation.neighbour, condition.node as EntityFilter | null | undefined, inner),
  ];
  const all = conditions.length ? conditions.join(' AND ') : 'true';
  const match = `MATCH (${scope.node})${hopPattern(q.relation.spec.type, q.relation.direction, r)}(${m}:${q.relation.neighbour})`;
  // A neighbour whose condition is null (it lacks the property) does not meet it, so it fails All.
  if (q.quantifier === 'All') return `NOT EXISTS { ${match} WHERE NOT coalesce(${all}, false) }`;
  const exists = `EXISTS { ${match} WHERE ${all} }`;
  return q.quantifier === 'None' ? `NOT ${exists}` : exists;
}

function compileIn(kind: EntityKind, filter: EntityFilter | null | undefined, scope: Scope): string[] {
  const where: string[] = [];
  const props = new Map(propertiesOf(kind).map((p) => [p.name, p]));
  props.set('id', { name: 'id', type: 'string' });
  const relations = relationFields(kind);
  const quantified = new Map(quantifiedRelations(kind).map((q) => [q.filterField, q]));
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (condition == null) continue;
    const relation = relations.get(field);
    if (relation) {
      where.push(relationPredicate(relation, condition, `f${scope.counter.i++}`, scope));
      continue;
    }
    const q = quantified.get(field);
    if (q) {
      where.push(quantifiedPredicate(q, condition, `f${scope.counter.i++}`, scope));
      continue;
    }
    const spec = props.get(field);
    if (!spec) throw badInput(`Unknown filter field "${field}" for ${kind}.`, { field });
    for (const [op, value] of Object.entries(condition)) {
      if (value == null) continue;
      if (!allowedOps(spec).includes(op)) throw badInput(`Operator "${op}" cannot be used on ${kind}.${field}.`, { field });
      const name = `f${scope.counter.i++}`;
      scope.params[name] = toParam(spec, value);
      where.push(SCALAR_OPS[op]!(`${scope.node}.${spec.name}`, `$${name}`));
    }
  }
  return where;
}

/**
 * Compiles a filter into Cypher predicates over `node` (`n`) and their parameters; all must hold. Property and
 * relationship names come only from the ontology, values only as parameters; an unknown field or an operator
 * that does not fit the property is a BAD_USER_INPUT. Quantified relationship filters nest: the neighbour's
 * conditions compile over the subquery's own variables.
 */
export function compileFilter(kind: EntityKind, filter: EntityFilter | null | undefined, node = 'n'): Compiled {
  const params: Record<string, unknown> = {};
  const where = compileIn(kind, filter, { node, params, counter: { i: 0 } });
  return { where, params };
}
