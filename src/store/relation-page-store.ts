import type { Database } from '../db/database.js';
import type { RelationPageModel } from '../graph/connection-models.js';
import type { EntityKind } from '../graph/ontology.js';
import type { GroupHop } from './group-keys.js';
import { encodeCursor, sortKey } from './pagination.js';
import { toNeighbour } from './prefetch-query.js';
import { buildRelationPageQuery, type RelationPageArgs } from './relation-page-query.js';
import { maps, num, text } from './rows.js';

/**
 * One page of a relationship field for many parents, in one statement: the batch behind every `...Connection`
 * field. Returns one page per id, in the order of `ids` (an empty page for an id nothing has).
 */
export async function relationPages(
  db: Database,
  parentKind: EntityKind,
  hop: GroupHop,
  ids: readonly string[],
  args: RelationPageArgs,
): Promise<RelationPageModel[]> {
  const { query, params, ordering } = buildRelationPageQuery(parentKind, hop, args);
  const rows = await db.query(query, { ...params, ids });
  const byId = new Map<string, RelationPageModel>();
  for (const row of rows) {
    const id = text(row.id, 'id');
    const page = maps(row.page, 'page');
    byId.set(id, {
      items: page.slice(0, args.first).map((item) => {
        const neighbour = toNeighbour(hop.spec.type, item, id);
        return { ...neighbour, cursor: encodeCursor(ordering, { value: sortKey(item.sortKey), id: neighbour.node.id }) };
      }),
      hasNextPage: page.length > args.first,
      hasPreviousPage: !!args.after,
      totalCount: args.withTotal ? num(row.total, 'total') : null,
    });
  }
  const empty: RelationPageModel = { items: [], hasNextPage: false, hasPreviousPage: !!args.after, totalCount: args.withTotal ? 0 : null };
  return ids.map((id) => byId.get(id) ?? empty);
}
