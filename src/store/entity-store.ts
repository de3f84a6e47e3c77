import type { Database } from '../db/database.js';
import { dbInt } from '../db/mapping.js';
import type { EntityModel, PageModel, SearchHitModel } from '../graph/models.js';
import type { EntityKind } from '../graph/ontology.js';
import { entityColumn, toEntity } from './cypher.js';
import { buildListQuery, type ListArgs } from './list-query.js';
import { encodeCursor, sortKey } from './pagination.js';
import { num } from './rows.js';
import { compilePrefetch, type Prefetched, type RelationSelection } from './prefetch-query.js';
import { compilePagePrefetch, type PageSelection, type PrefetchedPage } from './relation-page-store.js';
import { fulltextQuery, rankHits } from './search-query.js';

const BY_IDS = `
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN ${entityColumn('n')} AS n`;

/** Entities by id, one slot per id in order (null where none exists). */
export async function entitiesByIds(db: Database, ids: readonly string[]): Promise<(EntityModel | null)[]> {
  const rows = await db.query(BY_IDS, { ids });
  const byId = new Map(
    rows.map((r) => {
      const entity = toEntity(r.n);
      return [entity.id, entity];
    }),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

/** An entity with the neighbour lists and `...Connection` pages a request will read under it, read ahead in the same statement. */
export interface EntityWithRelations {
  readonly entity: EntityModel;
  readonly prefetched: Prefetched[];
  readonly pages: PrefetchedPage[];
}

/**
 * Entities by id with the nested relationship selections under them, in one statement (one slot per id, null
 * where none exists): a whole traversal in one round trip instead of one query per level.
 */
export async function entitiesWithRelations(
  db: Database,
  ids: readonly string[],
  selections: readonly RelationSelection[],
  pageSelections: readonly PageSelection[] = [],
): Promise<(EntityWithRelations | null)[]> {
  const plan = compilePrefetch('n', selections);
  const pagePlan = compilePagePrefetch('n', pageSelections);
  const rows = await db.query(`${BY_IDS}${plan.columns}${pagePlan.columns}`, { ...plan.params, ...pagePlan.params, ids });
  const byId = new Map(
    rows.map((r) => {
      const entity = toEntity(r.n);
      return [entity.id, { entity, prefetched: plan.read(r, entity), pages: pagePlan.read(r, entity) }];
    }),
  );
  return ids.map((id) => byId.get(id) ?? null);
}

/** One page of a kind's entities: filtered, sorted by one property (nulls last) then id, keyset-paginated. */
export async function listEntities(
  db: Database,
  kind: EntityKind,
  args: ListArgs,
  selections: readonly RelationSelection[] = [],
  pageSelections: readonly PageSelection[] = [],
): Promise<PageModel<EntityModel> & { prefetched: Prefetched[]; pages: PrefetchedPage[] }> {
  const plan = compilePrefetch('n', selections);
  const pagePlan = compilePagePrefetch('n', pageSelections);
  const { pageQuery, countQuery, params, ordering } = buildListQuery(kind, args, `${plan.columns}${pagePlan.columns}`);
  // Page and count are independent single statements: run side by side, each in one round trip.
  const [rows, [count]] = await Promise.all([
    db.query(pageQuery, { ...plan.params, ...pagePlan.params, ...params }),
    args.withTotal === false ? [] : db.query(countQuery, params),
  ]);
  const page = rows.slice(0, args.first);
  const nodes = page.map((r) => toEntity(r.n));
  return {
    prefetched: page.flatMap((r, i) => plan.read(r, nodes[i]!)),
    pages: page.flatMap((r, i) => pagePlan.read(r, nodes[i]!)),
    items: page.map((r, i) => ({ node: nodes[i]!, cursor: encodeCursor(ordering, { value: sortKey(r.sortKey), id: nodes[i]!.id }) })),
    hasNextPage: rows.length > args.first,
    hasPreviousPage: !!args.after,
    totalCount: count ? num(count.total, 'total') : null,
  };
}

const SEARCH = `
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
  WHERE $kinds IS NULL OR node.kind IN $kinds
  RETURN ${entityColumn('node')} AS node, score
  ORDER BY score DESC, node.id ASC`;

/** Candidates Lucene hands over for re-ranking; enough that a kinds filter rarely starves a page. */
const SEARCH_CANDIDATES = 300;

/**
 * Full-text search over names, aliases and descriptions: case- and accent-insensitive, typo-tolerant, ranked so
 * that a name match beats a mention in a description (see rankHits).
 */
export async function searchEntities(db: Database, text: string, kinds: readonly EntityKind[] | null, first: number): Promise<SearchHitModel[]> {
  const query = fulltextQuery(text);
  if (!query || first === 0) return [];
  const rows = await db.query(SEARCH, { query, kinds: kinds?.length ? kinds : null, candidates: dbInt(Math.max(first * 10, SEARCH_CANDIDATES)) });
  return rankHits(
    text,
    rows.map((r) => ({ node: toEntity(r.node), score: num(r.score, 'score') })),
    first,
  );
}

/** Number of entities in the graph (0 means a fresh database, ready for the seed). */
export async function countEntities(db: Database): Promise<number> {
  const [row] = await db.query('MATCH (n:Entity) RETURN count(n) AS total');
  return row ? num(row.total, 'total') : 0;
}
