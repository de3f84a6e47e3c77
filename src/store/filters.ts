import { dbDate } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { propertiesOf, RELATIONSHIP_TYPES, type EntityKind, type PropertySpec, type RelationshipSpec } from '../graph/ontology.js';
import { validAt } from './cypher.js';

/** A filter on an entity list, keyed by ontology property names and relationship field names. */
export type EntityFilter = Record<string, Record<string, unknown> | null | undefined>;

const SCALAR_OPS: Record<string, (p: string, v: string) => string> = {
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
export function relationFields(kind: EntityKind): Map<string, { spec: RelationshipSpec; direction: 'OUT' | 'IN' }> {
  const fields = new Map<string, { spec: RelationshipSpec; direction: 'OUT' | 'IN' }>();
  for (const spec of RELATIONSHIP_TYPES) {
    if (spec.from.includes(kind)) fields.set(spec.outField, { spec, direction: 'OUT' });
    if (spec.to.includes(kind) && !spec.symmetric) fields.set(spec.inField, { spec, direction: 'IN' });
  }
  return fields;
}

const toParam = (spec: PropertySpec | undefined, value: unknown): unknown => {
  if (spec?.type !== 'date') return value;
  return Array.isArray(value) ? value.map((v) => dbDate(String(v))) : dbDate(String(value));
};

/**
 * Compiles a filter into a Cypher predicate over `n` and its parameters. Property and relationship names
 * come only from the ontology; values only as parameters.
 */
export function compileFilter(kind: EntityKind, filter: EntityFilter | null | undefined): { where: string[]; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  const props = new Map(propertiesOf(kind).map((p) => [p.name, p]));
  props.set('id', { name: 'id', type: 'string' });
  const relations = relationFields(kind);
  let i = 0;
  for (const [field, condition] of Object.entries(filter ?? {})) {
    if (condition == null) continue;
    const relation = relations.get(field);
    if (relation) {
      const name = `f${i++}`;
      const arrow = relation.spec.symmetric ? ['-', '-'] : relation.direction === 'OUT' ? ['-', '->'] : ['<-', '-'];
      const ids = condition.in as string[] | undefined;
      const asOf = condition.asOf as string | undefined;
      params[`${name}ids`] = ids ?? null;
      params[`${name}asOf`] = asOf ? dbDate(asOf) : null;
      const exists = `EXISTS { MATCH (n)${arrow[0]}[r:${relation.spec.type}]${arrow[1]}(m:Entity) WHERE ($${name}ids IS NULL OR m.id IN $${name}ids) AND ${validAt('r', `${name}asOf`)} }`;
      where.push(condition.exists === false ? `NOT ${exists}` : exists);
      continue;
    }
    const spec = props.get(field);
    if (!spec) throw badInput(`Unknown filter field "${field}" for ${kind}.`, { field });
    for (const [op, value] of Object.entries(condition)) {
      if (value == null) continue;
      const compile = SCALAR_OPS[op];
      if (!compile) throw badInput(`Unknown filter operator "${op}" on ${field}.`, { field });
      const name = `f${i++}`;
      params[name] = toParam(spec, value);
      where.push(compile(`n.${spec.name}`, `$${name}`));
    }
  }
  return { where, params };
}
