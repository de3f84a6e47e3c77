import { dbDate } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { COMMON_RELATIONSHIP_PROPERTIES, RELATIONSHIP_TYPES, type PropertySpec } from '../graph/ontology.js';
import { heldOn } from './cypher.js';
import { SCALAR_OPS, allowedOps, toParam } from './filter-ops.js';

/** Conditions on a relationship: confidence levels, a day it held, and operators per property (`chipCount: {gte: 1000}`). */
export type RelationshipFilter = Record<string, unknown>;

/** Every relationship property a RelationshipFilter may name, from the ontology (validity dates and type-specific ones). */
const RELATIONSHIP_PROPS = new Map<string, PropertySpec>([
  ...COMMON_RELATIONSHIP_PROPERTIES.filter((p) => p.type === 'date').map((p): [string, PropertySpec] => [p.name, p]),
  ...RELATIONSHIP_TYPES.flatMap((t) => t.properties).map((p): [string, PropertySpec] => [p.name, p]),
]);

/**
 * Predicates over the relationship variable `r`, parameters named `${prefix}…`; a property or operator the
 * ontology does not allow is BAD_USER_INPUT naming filter.
 */
export function relationshipWhere(filter: RelationshipFilter | null | undefined, r: string, prefix: string, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  let i = 0;
  for (const [name, condition] of Object.entries(filter ?? {})) {
    if (condition == null) continue;
    if (name === 'confidence') {
      const param = `${prefix}${i++}`;
      params[param] = condition;
      // A relationship stored without a confidence reads as high (toRelationship).
      where.push(`coalesce(${r}.confidence, 'high') IN $${param}`);
      continue;
    }
    if (name === 'heldOn') {
      const param = `${prefix}${i++}`;
      params[param] = dbDate(String(condition));
      where.push(heldOn(r, param));
      continue;
    }
    const spec = RELATIONSHIP_PROPS.get(name);
    if (!spec) throw badInput(`Relationships have no filter field "${name}".`, { argument: 'filter', field: name });
    for (const [op, value] of Object.entries(condition as Record<string, unknown>)) {
      if (value == null) continue;
      if (!allowedOps(spec).includes(op)) throw badInput(`Operator "${op}" cannot be used on relationship ${name}.`, { argument: 'filter', field: name });
      const opParam = `${prefix}${i++}`;
      params[opParam] = toParam(spec, value);
      where.push(SCALAR_OPS[op]!(`${r}.${spec.name}`, `$${opParam}`));
    }
  }
  return where;
}
