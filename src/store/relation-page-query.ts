import { dbDate, dbInt } from '../db/mapping.js';
import type { EntityKind } from '../graph/ontology.js';
import type { GroupHop } from './group-keys.js';
import { entityColumn, hopPattern, validAt } from './cypher.js';
import { compileFilter, type EntityFilter } from './filters.js';
import { relationshipWhere, type RelationshipFilter } from './relationship-filter.js';
import { sortKey } from './sort-key.js';
import { decodeCursor, type CursorOrdering } from './pagination.js';

export type { RelationshipFilter };

export interface RelationPageArgs {
  readonly node?: EntityFilter | null;
  readonly relationship?: RelationshipFilter | null;
  readonly sortField: string;
  readonly sortThrough?: string | null;
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

/**
 * One page of one relationship field for every parent in `$ids`, in one statement: per parent a COLLECT of the
 * page (the neighbour filter, the relationship filter and asOf, then the keyset condition of `after`, sorted
 * nulls last then by id, first + 1 rows) and, when asked, a COUNT {} of every match, which counts the
 * relationships without returning them.
 */
export function buildRelationPageQuery(parentKind: EntityKind, hop: GroupHop, args: RelationPageArgs): RelationPageQuery {
  const { spec, key, required, field } = sortKey(hop.neighbour, args.sortField, args.sortThrough);
  const ordering: CursorOrdering = { kind: `${parentKind}.${hop.field}`, field, descending: args.descending };
  const { where: nodeWhere, params } = compileFilter(hop.neighbour, args.node);
  const matchWhere = [validAt('r', 'asOf'), ...nodeWhere, ...relationshipWhere(args.relationship, 'r', 'rel', params)];
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
