import type { Database, Row } from '../db/database.js';
import type { RelationPageModel } from '../graph/connection-models.js';
import type { EntityKind } from '../graph/ontology.js';
import type { EntityModel } from '../graph/models.js';
import type { GroupHop } from './group-keys.js';
import { encodeCursor, sortKey, type CursorOrdering } from './pagination.js';
import { toNeighbour } from './prefetch-query.js';
import { buildRelationPageQuery, relationPageColumns, type RelationPageArgs } from './relation-page-query.js';
import { maps, num, text } from './rows.js';

/** A parent's page as read from the columns of relationPageColumns (named `<prefix>page` and `<prefix>total`). */
export function readRelationPage(
  row: Row,
  prefix: string,
  parentId: string,
  hop: GroupHop,
  args: RelationPageArgs,
  ordering: CursorOrdering,
): RelationPageModel {
  const page = maps(row[`${prefix}page`], 'page');
  return {
    items: page.slice(0, args.first).map((item) => {
      const neighbour = toNeighbour(hop.spec.type, item, parentId);
      return { ...neighbour, cursor: encodeCursor(ordering, { value: sortKey(item.sortKey), id: neighbour.node.id }) };
    }),
    hasNextPage: page.length > args.first,
    hasPreviousPage: !!args.after,
    totalCount: args.withTotal ? num(row[`${prefix}total`], 'total') : null,
  };
}

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
  const byId = new Map(rows.map((row) => [text(row.id, 'id'), readRelationPage(row, '', text(row.id, 'id'), hop, args, ordering)]));
  const empty: RelationPageModel = { items: [], hasNextPage: false, hasPreviousPage: !!args.after, totalCount: args.withTotal ? 0 : null };
  return ids.map((id) => byId.get(id) ?? empty);
}

/** A `...Connection` page to read ahead in a root statement: the parent kind, the field and its page arguments. */
export interface PageSelection {
  readonly parentKind: EntityKind;
  readonly hop: GroupHop;
  readonly args: RelationPageArgs;
}

/** A page read ahead for one parent. */
export interface PrefetchedPage {
  readonly selection: PageSelection;
  readonly parentId: string;
  readonly page: RelationPageModel;
}

/**
 * Pages of `...Connection` fields as extra RETURN columns on `parent`, so a root statement reads them with the
 * entities instead of one more statement per field. A selection whose arguments do not compile (a forged cursor)
 * is left out: its field's loader then reports the error where it belongs.
 */
export function compilePagePrefetch(parent: string, selections: readonly PageSelection[]) {
  const compiled = selections.flatMap((selection, i) => {
    try {
      return [{ selection, prefix: `pg${i}_`, ...relationPageColumns(parent, selection.parentKind, selection.hop, selection.args, `pg${i}_`) }];
    } catch {
      return [];
    }
  });
  return {
    columns: compiled.map((c) => c.columns).join(''),
    params: Object.assign({}, ...compiled.map((c) => c.params)) as Record<string, unknown>,
    read(row: Row, parentEntity: EntityModel): PrefetchedPage[] {
      return compiled
        .filter((c) => c.selection.parentKind === parentEntity.kind)
        .map((c) => ({
          selection: c.selection,
          parentId: parentEntity.id,
          page: readRelationPage(row, c.prefix, parentEntity.id, c.selection.hop, c.selection.args, c.ordering),
        }));
    },
  };
}
