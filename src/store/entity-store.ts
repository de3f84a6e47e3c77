import type { Database } from '../db/database.js';
import { dbDate, dbInt } from '../db/mapping.js';
import { badInput } from '../errors.js';
import type { EntityModel, PageModel, SearchHitModel } from '../graph/models.js';
import { propertiesOf, type EntityKind } from '../graph/ontology.js';
import { toEntity } from './cypher.js';
import { compileFilter, type EntityFilter } from './filters.js';
import { decodeCursor, encodeCursor } from './pagination.js';
import { fulltextQuery } from './search-query.js';

const BY_IDS = `
  UNWIND $ids AS id
  MATCH (n:Entity {id: id})
  RETURN n`;

/** Entities by id, one slot per id in order (null where none exists). */
export async function entitiesByIds(db: Database, ids: readonly string[]): Promise<(EntityModel | null)[]> {
  const rows = await db.read((tx) => tx.run(BY_IDS, { ids }));
  const byId = new Map(rows.map((r) => [(r.n as { id: string }).id, toEntity(r.n)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export interface ListArgs {
  readonly filter?: EntityFilter | null;
  readonly sortField: string;
  readonly descending: boolean;
  readonly first: number;
  readonly after?: string | null;
}

function sortSpec(kind: EntityKind, field: string) {
  if (field === 'id') return { name: 'id', type: 'string' as const, list: false };
  const spec = propertiesOf(kind).find((p) => p.name === field);
  if (!spec || spec.list) throw badInput(`Cannot sort ${kind} by "${field}".`, { argument: 'orderBy' });
  return spec;
}

/** One page of a kind's entities: filtered, sorted by one property (nulls last) then id, keyset-paginated. */
export async function listEntities(db: Database, kind: EntityKind, args: ListArgs): Promise<PageModel<EntityModel>> {
  const spec = sortSpec(kind, args.sortField);
  const { where, params } = compileFilter(kind, args.filter);
  const key = `n.${spec.name}`;
  const cmp = args.descending ? '<' : '>';
  const pageWhere = [...where];
  if (args.after) {
    const cursor = decodeCursor(args.after, spec.name);
    params.cursorId = cursor.id;
    if (cursor.value === null) {
      pageWhere.push(`(${key} IS NULL AND n.id > $cursorId)`);
    } else {
      params.cursorValue = spec.type === 'date' ? dbDate(String(cursor.value)) : cursor.value;
      pageWhere.push(`((${key} IS NOT NULL AND (${key} ${cmp} $cursorValue OR (${key} = $cursorValue AND n.id > $cursorId))) OR ${key} IS NULL)`);
    }
  }
  const clause = (w: string[]): string => (w.length ? `WHERE ${w.join(' AND ')}` : '');
  const pageQuery = `
    MATCH (n:${kind}) ${clause(pageWhere)}
    RETURN n ORDER BY (${key} IS NULL), ${key} ${args.descending ? 'DESC' : 'ASC'}, n.id ASC
    LIMIT $limit`;
  const countQuery = `MATCH (n:${kind}) ${clause(where)} RETURN count(n) AS total`;
  return db.read(async (tx) => {
    const rows = await tx.run(pageQuery, { ...params, limit: dbInt(args.first + 1) });
    const [count] = await tx.run(countQuery, params);
    const nodes = rows.slice(0, args.first).map((r) => toEntity(r.n));
    return {
      items: nodes.map((node) => ({ node, cursor: encodeCursor({ field: spec.name, value: node[spec.name] ?? null, id: node.id }) })),
      hasNextPage: rows.length > args.first,
      hasPreviousPage: !!args.after,
      totalCount: (count?.total as number) ?? 0,
    };
  });
}

const SEARCH = `
  CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $candidates}) YIELD node, score
  WHERE $kinds IS NULL OR node.kind IN $kinds
  RETURN node, score
  ORDER BY score DESC, node.name ASC
  LIMIT $first`;

/** Full-text search over names, aliases and descriptions: case- and accent-insensitive, typo-tolerant. */
export async function searchEntities(
  db: Database,
  text: string,
  kinds: readonly EntityKind[] | null,
  first: number,
): Promise<SearchHitModel[]> {
  const query = fulltextQuery(text);
  if (!query) return [];
  const rows = await db.read((tx) =>
    tx.run(SEARCH, { query, kinds: kinds?.length ? kinds : null, first: dbInt(first), candidates: dbInt(Math.max(first * 10, 100)) }),
  );
  return rows.map((r) => ({ node: toEntity(r.node), score: r.score as number }));
}

/** Number of entities in the graph (0 means a fresh database, ready for the seed). */
export async function countEntities(db: Database): Promise<number> {
  const [row] = await db.read((tx) => tx.run('MATCH (n:Entity) RETURN count(n) AS total'));
  return (row?.total as number) ?? 0;
}
