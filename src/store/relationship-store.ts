import type { Database } from '../db/database.js';
import { dbDate } from '../db/mapping.js';
import type { Direction, NeighbourModel } from '../graph/models.js';
import { relationshipSpec } from '../graph/ontology.js';
import { entityColumn, hopPattern, validAt } from './cypher.js';
import { neighbourOrder, toNeighbour } from './prefetch-query.js';
import { text } from './rows.js';

/** The statement behind `neighbours` for one relationship type and direction (`$ids`, `$asOf`). */
export function neighboursQuery(type: string, direction: Direction): string {
  const spec = relationshipSpec(type);
  if (!spec) throw new Error(`Unknown relationship type ${type}`);
  return `
    UNWIND $ids AS id
    MATCH (n:Entity {id: id})${hopPattern(spec.type, direction, 'r')}(m:Entity)
    WHERE ${validAt('r', 'asOf')}
    RETURN id, ${entityColumn('m')} AS node, r AS rel, startNode(r).id AS from, endNode(r).id AS to
    ORDER BY ${neighbourOrder('m')}`;
}

/**
 * Neighbours of many entities through one relationship type, in one query: the batch behind every
 * relationship field. Returns one list per id, in the order of `ids`, each sorted by name (ignoring case) then id.
 * A symmetric type is matched without direction, so each partner sees the other.
 */
export async function neighbours(db: Database, type: string, direction: Direction, ids: readonly string[], asOf: string | null): Promise<NeighbourModel[][]> {
  const query = neighboursQuery(type, direction);
  const rows = await db.query(query, { ids, asOf: asOf ? dbDate(asOf) : null });
  const byId = new Map<string, NeighbourModel[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const id = text(row.id, 'id');
    byId.get(id)?.push(toNeighbour(type, row, id));
  }
  return ids.map((id) => byId.get(id) ?? []);
}
