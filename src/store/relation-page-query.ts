import { dbDate, dbInt } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { COMMON_RELATIONSHIP_PROPERTIES, RELATIONSHIP_TYPES, type EntityKind, type PropertySpec } from '../graph/ontology.js';
import type { GroupHop } from './group-keys.js';
import { entityColumn, hopPattern, validAt } from './cypher.js';
import { SCALAR_OPS, allowedOps, compileFilter, toParam, type EntityFilter } from './filters.js';
import { sortKeyOf, sortProperty } from './list-query.js';
import { decodeCursor, type CursorOrdering } from './pagination.js';

/** Conditions on a relationship: confidence levels, and operators per property (`chipCount: {gte: 1000}`). */
export type RelationshipFilter = Record<string, unknown>;

export interface RelationPageArgs {
  readonly node?: EntityFilter | null;
  readonly relationship?: RelationshipFilter | null;
  readonly sortField: string;
  readonly descending: boolean;
  readonly first: number;
  readonly after?: string | null;
  readonly asOf?: string | null;
  readonly withTotal: boolean;
}

export interface RelationPageQuery {
  readonly query: string;
  readonly params: Record<string, unknown>;
  readonly ordering: CursorOrdering;
}

/** Every relationship property a RelationshipFilter may name, from the ontology (validity dates and type-specific ones). */
const RELATIONSHIP_PROPS = new Map<string, PropertySpec>([
  ...COMMON_RELATIONSHIP_PROPERTIES.filter((p) => p.type === 'date').map((p): [string, PropertySpec] => [p.name, p]),
  ...RELATIONSHIP_TYPES.flatMap((t) => t.properties).map((p): [string, PropertySpec] => [p.name, p]),
]);

/** Predicates over `r`; a property or operator the ontology does not allow is BAD_USER_INPUT naming filter. */
function relationshipWhere(filter: RelationshipFilter | null | undefined, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  for (const [name, condition] of Object.entries(filter ?? {})) {
    if (condition == null) continue;
    if (name === 'confidence') {
      params.relConfidence = condition;
      // A relationship stored without a confidence reads as high (toRelationship).
      where.push(`coalesce(r.confidence, 'high') IN $relConfidence`);
      continue;
    }
    const spec = RELATIONSHIP_PROPS.get(name);
    if (!spec) throw badInput(`Relationships have no filter field "${name}".`, { argument: 'filter', field: name });
    for (const [op, value] of Object.entries(condition as Record<string, unknown>)) {
      if (value == null) continue;
      if (!allowedOps(spec).includes(op)) throw badInput(`Operator "${op}" cannot be used on relationship ${name}.`, { argument: 'filter', field: name });
      const param = `rel${Object.keys(params).length}`;
      params[param] = toParam(spec, value);
      where.push(SCALAR_OPS[op]!(`r.${spec.name}`, `$${param}`));
    }
  }
  return where;
}

/**
 * One page of one relationship field for every parent in `$ids`, in one statement: per parent a COLLECT of the
 * page (the neighbour filter, the relationship filter and asOf, then the keyset condition of `after`, sorted
 * nulls last then by id, first + 1 rows) and, when asked, a COUNT {} of every match, which counts the
 * relationships without returning them.
 */
export function buildRelationPageQuery(parentKind: EntityKind, hop: GroupHop, args: RelationPageArgs): RelationPageQuery {
  const spec = sortProperty(hop.neighbour, args.sortField);
  const ordering: CursorOrdering = { kind: `${parentKind}.${hop.field}`, field: spec.name, descending: args.descending };
  const { where: nodeWhere, params } = compileFilter(hop.neighbour, args.node);
  const matchWhere = [validAt('r', 'asOf'), ...nodeWhere, ...relationshipWhere(args.relationship, params)];
  const { key, required } = sortKeyOf(spec);
  const pageWhere = [...matchWhere];
  if (args.after) {
    const cursor = decodeCursor(args.after, ordering, spec.type);
    params.cursorId = cursor.id;
    if (cursor.value === null) pageWhere.push(`(${key} IS NULL AND n.id > $cursorId)`);
    else {
      params.cursorValue = spec.type === 'date' ? dbDate(String(cursor.value)) : cursor.value;
      const cmp = args.descending ? '<' : '>';
      pageWhere.push(`(${key} ${cmp} $cursorValue OR (${key} = $cursorValue AND n.id > $cursorId)${required ? '' : ` OR ${key} IS NULL`})`);
    }
  }
  const match = `MATCH (p)${hopPattern(hop.spec.type, hop.direction, 'r')}(n:${hop.neighbour})`;
  const direction = args.descending ? 'DESC' : 'ASC';
  const total = args.withTotal ? `,\n      COUNT { ${match} WHERE ${matchWhere.join(' AND ')} } AS total` : '';
  const query = `
    UNWIND $ids AS id
    MATCH (p:Entity {id: id})
    RETURN id, COLLECT {
        ${match}
        WHERE ${pageWhere.join('\n          AND ')}
        WITH r, n, ${key} AS sortKey
        ORDER BY ${required ? '' : 'sortKey IS NULL, '}sortKey ${direction}, n.id ASC
        LIMIT $limit
        RETURN {node: ${entityColumn('n')}, rel: r, from: startNode(r).id, to: endNode(r).id, sortKey: sortKey}
      } AS page${total}`;
  return { query, params: { ...params, asOf: args.asOf ? dbDate(args.asOf) : null, limit: dbInt(args.first + 1) }, ordering };
}
