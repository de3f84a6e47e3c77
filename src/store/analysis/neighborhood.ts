import type { Database } from '../../db/database.js';
import { dbDate, dbInt } from '../../db/mapping.js';
import type { EntityKind } from '../../graph/ontology.js';
import { toEntity, validAt } from '../cypher.js';
import { flag, maps, num } from '../rows.js';
import { relRow, toEdge, toRelRows } from './common.js';
import type { AnalysisLimits, NeighborhoodModel } from './models.js';

// b:Entity keeps the walk off a large import's staged entities (src/store/staged-writer.ts) until it is published.
const STEP_FILTER = `b:Entity AND type(r) IN $types
  AND ${validAt('r', 'asOf')}
  AND ($kinds IS NULL OR b.kind IN $kinds)`;

/**
 * The neighbourhood of an entity in one statement: a breadth-first ANY SHORTEST search gives every reachable
 * entity with its distance; then every relationship among the kept entities. Cypher cannot take the depth as a
 * parameter, so it is written into the text: a whole number checked against MAX_NEIGHBORHOOD_DEPTH, never user text.
 */
export const NEIGHBORHOOD = (depth: number): string => `
  MATCH (center:Entity {id: $id})
  CALL (center) {
    MATCH p = ANY SHORTEST (center)((a)-[r]-(b) WHERE ${STEP_FILTER}){1,${depth}}(n:Entity)
    WHERE n <> center
    WITH n, length(p) AS distance
    ORDER BY distance, n.name, n.id
    LIMIT $limit + 1
    RETURN collect({node: n, distance: distance}) AS reached
  }
  WITH center, reached[..$limit] AS kept, size(reached) > $limit AS nodesCut
  CALL (center, kept) {
    WITH [center] + [k IN kept | k.node] AS members
    UNWIND members AS a
    MATCH (a)-[r]->(b)
    WHERE b IN members AND type(r) IN $types
      AND ${validAt('r', 'asOf')}
    WITH r ORDER BY type(r), startNode(r).id, endNode(r).id
    LIMIT $edgeLimit
    RETURN collect(${relRow('r')}) AS edges
  }
  RETURN center, kept, nodesCut, edges`;

export interface NeighborhoodArgs {
  readonly id: string;
  readonly depth: number;
  readonly types: readonly string[];
  readonly kinds: readonly EntityKind[] | null;
  readonly asOf: string | null;
  readonly limit: number;
}

/** The subgraph around an entity, or null when no entity has the id. */
export async function neighborhood(db: Database, args: NeighborhoodArgs, limits: AnalysisLimits): Promise<NeighborhoodModel | null> {
  if (!Number.isInteger(args.depth) || args.depth < 1) throw new Error(`depth must be checked before: ${args.depth}`);
  const params = {
    id: args.id,
    types: args.types,
    kinds: args.kinds,
    asOf: args.asOf ? dbDate(args.asOf) : null,
    limit: dbInt(args.limit),
    edgeLimit: dbInt(limits.maxResults + 1),
  };
  const [row] = await db.read((tx) => tx.run(NEIGHBORHOOD(args.depth), params), { timeoutMs: limits.timeoutMs });
  if (!row) return null;
  const center = toEntity(row.center);
  const nodes = maps(row.kept, 'kept').map((k) => ({ node: toEntity(k.node), distance: num(k.distance, 'kept.distance') }));
  const distance = new Map<string, number>([[center.id, 0], ...nodes.map((n): [string, number] => [n.node.id, n.distance])]);
  const rels = toRelRows(row.edges);
  const edges = rels.slice(0, limits.maxResults).map((r) => toEdge(r, (distance.get(r.from) ?? 0) <= (distance.get(r.to) ?? 0) ? r.from : r.to));
  return { center, nodes, edges, truncated: flag(row.nodesCut, 'nodesCut') || rels.length > limits.maxResults };
}
