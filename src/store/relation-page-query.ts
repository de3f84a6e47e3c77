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

/** One relationship field's page as RETURN columns on a parent in scope: `<prefix>page` and, if asked, `<prefix>total`. */
export interface RelationPageColumns {
  /** `, COLLECT {…} AS <prefix>page[, COUNT {…} AS <prefix>total]`, to append to a RETURN with the parent in scope. */
  readonly columns: string;
  readonly params: Record<string, unknown>;
  readonly ordering: CursorOrdering;
}

/**
 * The page of one relationship field of the parent bound to `parent`: a COLLECT of the page (the neighbour filter,
 * the relationship filter and asOf, then the keyset condition of `after`, sorted nulls last then by id, first + 1
 * rows) and, when asked, a COUNT {} of every match, which counts the relationships without returning them. Every
 * parameter is named `<prefix>…`, so several pages can share one statement.
 */
export function relationPageColumns(parent: string, parentKind: EntityKind, hop: GroupHop, args: RelationPageArgs, prefix = ''): RelationPageColumns {
  const { spec, key, required, field } = sortKey(hop.neighbour, args.sortField, args.sortThrough, 'pn');
  const ordering: CursorOrdering = { kind: `${parentKind}.${hop.field}`, field, descending: args.descending };
  const { where: nodeWhere, params } = compileFilter(hop.neighbour, args.node, 'pn');
  const matchWhere = [validAt('pr', 'asOf'), ...nodeWhere, ...relationshipWhere(args.relationship, 'pr', 'rel', params)];
  const pageWhere = [...matchWhere];
  if (args.after) {
    const cursor = decodeCursor(args.after, ordering, spec.type);
    params.cursorId = cursor.id;
    if (cursor.value === null) pageWhere.push(`(${key} IS NULL AND pn.id > $cursorId)`);
    else {
      params.cursorValue = spec.type === 'date' ? dbDate(String(cursor.value)) : cursor.value;
      const cmp = args.descending ? '<' : '>';
      pageWhere.push(`(${key} ${cmp} $cursorValue OR (${key} = $cursorValue AND pn.id > $cursorId)${required ? '' : ` OR ${key} IS NULL`})`);
    }
  }
  const match = `MATCH (${parent})${hopPattern(hop.spec.type, hop.direction, 'pr')}(pn:${hop.neighbour})`;
  const direction = args.descending ? 'DESC' : 'ASC';
  const total = args.withTotal ? `,\n      COUNT { ${match} WHERE ${matchWhere.join(' AND ')} } AS total` : '';
  const columns = `, COLLECT {
        ${match}
        WHERE ${pageWhere.join('\n          AND ')}
        WITH pr, pn, ${key} AS pk
        ORDER BY ${required ? '' : 'pk IS NULL, '}pk ${direction}, pn.id ASC
        LIMIT $limit
        RETURN {node: ${entityColumn('pn')}, rel: pr, from: startNode(pr).id, to: endNode(pr).id, sortKey: pk}
      } AS page${total}`;
  const all = { ...params, asOf: args.asOf ? dbDate(args.asOf) : null, limit: dbInt(args.first + 1) };
  // The subquery variables (pr, pn, pk; named apart from a root statement's n and r) are local to each COLLECT / COUNT, so only names bound outside change.
  return {
    columns: columns.replace(/\$(\w+)/g, (_, name: string) => `$${prefix}${name}`).replace(/ AS (page|total)\b/g, ` AS ${prefix}$1`),
    params: Object.fromEntries(Object.entries(all).map(([name, value]) => [`${prefix}${name}`, value])),
    ordering,
  };
}

/** One page of one relationship field for every parent in `$ids`, in one statement (see relationPageColumns). */
export function buildRelationPageQuery(parentKind: EntityKind, hop: GroupHop, args: RelationPageArgs): RelationPageQuery {
  const { columns, params, ordering } = relationPageColumns('p', parentKind, hop, args);
  const query = `
    UNWIND $ids AS id
    MATCH (p:Entity {id: id})
    RETURN id${columns}`;
  return { query, params, ordering };
}
