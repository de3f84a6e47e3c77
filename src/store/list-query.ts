import { dbDate, dbInt } from '../db/mapping.js';
import type { EntityKind } from '../graph/ontology.js';
import { entityColumn } from './cypher.js';
import { compileFilter, type EntityFilter } from './filters.js';
import { decodeCursor, type CursorOrdering } from './pagination.js';
import { sortKey } from './sort-key.js';

export { sortProperty } from './sort-key.js';

export interface ListArgs {
  readonly filter?: EntityFilter | null;
  /** A property name (`releaseDate`) or its sort-enum spelling (`RELEASE_DATE`). */
  readonly sortField: string;
  /** Sort by `field` of the neighbour through this single-valued relationship field (`country`) instead. */
  readonly sortThrough?: string | null;
  readonly descending: boolean;
  readonly first: number;
  readonly after?: string | null;
  /** Whether to count every match (totalCount); skipped when the client did not ask for it. */
  readonly withTotal?: boolean;
}

export interface ListQuery {
  /** Returns `n` and `sortKey` for at most first + 1 rows (the extra row tells whether a next page exists). */
  readonly pageQuery: string;
  readonly countQuery: string;
  readonly params: Record<string, unknown>;
  readonly ordering: CursorOrdering;
}

/**
 * Compiles one page of a kind's list: the filter, then the keyset condition of `after`, ordered by the sort key
 * (nulls last in both directions) and then by id. Labels and property names come from the ontology only.
 * `columns` are extra RETURN columns over the page's `n` (prefetched relationships), computed after the LIMIT.
 */
export function buildListQuery(kind: EntityKind, args: ListArgs, columns = ''): ListQuery {
  const { spec, key, required, field } = sortKey(kind, args.sortField, args.sortThrough);
  const ordering: CursorOrdering = { kind, field, descending: args.descending };
  const { where, params } = compileFilter(kind, args.filter);
  const pageWhere = required ? [`${key} IS NOT NULL`, ...where] : [...where];
  if (args.after) {
    const cursor = decodeCursor(args.after, ordering, spec.type);
    params.cursorId = cursor.id;
    if (cursor.value === null) {
      pageWhere.push(`(${key} IS NULL AND n.id > $cursorId)`);
    } else {
      const cmp = args.descending ? '<' : '>';
      params.cursorValue = spec.type === 'date' ? dbDate(String(cursor.value)) : cursor.value;
      pageWhere.push(`(${key} ${cmp} $cursorValue OR (${key} = $cursorValue AND n.id > $cursorId)${required ? '' : ` OR ${key} IS NULL`})`);
    }
  }
  const clause = (w: string[]): string => (w.length ? `\n    WHERE ${w.join('\n      AND ')}` : '');
  const direction = args.descending ? 'DESC' : 'ASC';
  const pageQuery = `
    MATCH (n:${kind})${clause(pageWhere)}
    WITH n, ${key} AS sortKey
    ORDER BY ${required ? '' : 'sortKey IS NULL, '}sortKey ${direction}, n.id ASC
    LIMIT $limit
    RETURN ${entityColumn('n')} AS n, sortKey${columns}`;
  const countQuery = `
    MATCH (n:${kind})${clause(where)}
    RETURN count(n) AS total`;
  return { pageQuery, countQuery, params: { ...params, limit: dbInt(args.first + 1) }, ordering };
}
