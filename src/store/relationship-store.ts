import type { Database } from '../db/database.js';
import { dbDate } from '../db/mapping.js';
import type { Direction, NeighbourModel } from '../graph/models.js';
import { relationshipSpec } from '../graph/ontology.js';
import { toEntity, toRelationship, validAt } from './cypher.js';

const pattern = (type: string, direction: Direction, symmetric: boolean): string =>
  symmetric ? `-[r:${type}]-` : direction === 'OUT' ? `-[r:${type}]->` : `<-[r:${type}]-`;

/**
 * Neighbours of many entities through one relationship type, in one query: the batch behind every
 * relationship field. Returns one list per id, in the order of `ids`, each sorted by name (ignoring case) then id.
 * A symmetric type is matched without direction, so each partner sees the other.
 */
export async function neighbours(
  db: Database,
  type: string,
  direction: Direction,
  ids: readonly string[],
  asOf: string | null,
): Promise<NeighbourModel[][]> {
  const spec = relationshipSpec(type);
  if (!spec) throw new Error(`Unknown relationship type ${type}`);
  const query = `
    UNWIND $ids AS id
    MATCH (n:Entity {id: id})${pattern(spec.type, direction, spec.symmetric ?? false)}(m:Entity)
    WHERE ${validAt('r', 'asOf')}
    RETURN id, m AS node, r AS rel, startNode(r).id AS from, endNode(r).id AS to
    ORDER BY toLower(m.name), m.id`;
  const rows = await db.read((tx) => tx.run(query, { ids, asOf: asOf ? dbDate(asOf) : null }));
  const byId = new Map<string, NeighbourModel[]>(ids.map((id) => [id, []]));
  for (const row of rows) {
    const self = row.id as string;
    byId.get(self)?.push({
      node: toEntity(row.node),
      relationship: toRelationship(spec.type, row.rel, row.from as string, row.to as string, self),
    });
  }
  return ids.map((id) => byId.get(id) ?? []);
}
