import type { Database } from '../../db/database.js';
import { dbDate, dbInt } from '../../db/mapping.js';
import { RELATIONSHIP_TYPE_NAMES, type EntityKind } from '../../graph/ontology.js';
import { toEntity, validAt } from '../cypher.js';
import { flag, maps, num } from '../rows.js';
import { relRow, toEdge, toRelRows } from './common.js';
import type { AnalysisLimits, NeighborhoodModel } from './models.js';

/** What a statement filters on: only what was asked for is written into its text (see `relFilter`). */
export interface NeighborhoodShape {
  readonly depth: number;
  /** Whether only some relationship types are followed (all of them need no test). */
  readonly someTypes: boolean;
  /** Whether relationships are tested for validity on $asOf (null asOf: every relationship, whenever it held). */
  readonly dated: boolean;
  readonly someKinds: boolean;
}

/**
 * Tests on a relationship `r`, left out of the text when they would pass anyway: `$x IS NULL OR …` is not
 * decided when the plan is made, so the planner reads every relationship's properties to evaluate it (PROFILE'd
 * on the 10^6 bench graph: the validity test alone read two properties of every relationship the walk touched).
 */
const relFilter = (shape: NeighborhoodShape, r: string): string[] => [
  ...(shape.someTypes ? [`type(${r}) IN $types`] : []),
  ...(shape.dated ? [validAt(r, 'asOf')] : []),
];

/**
 * The neighbourhood of an entity in one statement. A breadth-first `ANY SHORTEST` search gives every reachable
 * entity with its distance, but walks on only through the center and entities with at most $hubDegree
 * relationships: a hub (a country with thousands of companies) is returned, its own neighbours are not, and the
 * answer says `truncated`. Then every relationship among the kept entities, found from the end that has fewer
 * relationships: a member with more than $hubDegree is only matched against the other such members (Expand
 * Into), never expanded. Cypher cannot take the depth as a parameter, so it is written into the text: a whole
 * number checked against MAX_NEIGHBORHOOD_DEPTH, never user text.
 */
export const NEIGHBORHOOD = (shape: NeighborhoodShape): string => {
  // b:Entity keeps the walk off a large import's staged entities (src/store/staged-writer.ts) until it is published.
  const step = ['b:Entity', ...relFilter(shape, 'r'), ...(shape.someKinds ? ['b.kind IN $kinds'] : [])].join(' AND ');
  const rel = relFilter(shape, 'r');
  return `
  MATCH (center:Entity {id: $id})
  CALL (center) {
    MATCH p = ANY SHORTEST (center)((a)-[r]-(b) WHERE ${step}
      AND (a = center OR COUNT { (a)--() } <= $hubDegree)){1,${shape.depth}}(n:Entity)
    WHERE n <> center
    WITH n, length(p) AS distance
    ORDER BY distance, n.name, n.id
    LIMIT $limit + 1
    WITH collect({node: n, distance: distance}) AS reached
    WITH reached[..$limit] AS kept, size(reached) > $limit AS nodesCut
    // A kept hub short of the depth was not walked through: its neighbours may be missing. A hub that was not kept
    // needs no test: the answer is cut already.
    WITH kept, nodesCut, [k IN kept WHERE k.distance < ${shape.depth} | k.node] AS inner
    RETURN kept, nodesCut, any(m IN inner WHERE COUNT { (m)--() } > $hubDegree) AS hubCut
  }
  CALL (center, kept) {
    WITH [center] + [k IN kept | k.node] AS members
    WITH members, [m IN members WHERE COUNT { (m)--() } > $hubDegree] AS hubs
    CALL (members, hubs) {
      UNWIND members AS a
      WITH a WHERE NOT a IN hubs
      MATCH (a)-[r]-(b)
      WHERE ${['b IN members', ...rel].join(' AND ')}
      RETURN r
      UNION
      UNWIND hubs AS a
      UNWIND hubs AS b
      MATCH (a)-[r]->(b)${
        rel.length
          ? `
      WHERE ${rel.join(' AND ')}`
          : ''
      }
      RETURN r
    }
    WITH r ORDER BY type(r), startNode(r).id, endNode(r).id
    LIMIT $edgeLimit
    RETURN collect(${relRow('r')}) AS edges
  }
  RETURN center, kept, nodesCut OR hubCut AS nodesCut, edges`;
};

export interface NeighborhoodArgs {
  readonly id: string;
  readonly depth: number;
  readonly types: readonly string[];
  readonly kinds: readonly EntityKind[] | null;
  readonly asOf: string | null;
  readonly limit: number;
  /** Entities with more relationships than this are returned but not walked through (NEIGHBORHOOD_HUB_DEGREE). */
  readonly hubDegree: number;
}

/** The subgraph around an entity, or null when no entity has the id. */
export async function neighborhood(db: Database, args: NeighborhoodArgs, limits: AnalysisLimits): Promise<NeighborhoodModel | null> {
  if (!Number.isInteger(args.depth) || args.depth < 1) throw new Error(`depth must be checked before: ${args.depth}`);
  const shape: NeighborhoodShape = {
    depth: args.depth,
    someTypes: RELATIONSHIP_TYPE_NAMES.some((t) => !args.types.includes(t)),
    dated: args.asOf != null,
    someKinds: args.kinds != null,
  };
  const params = {
    id: args.id,
    types: args.types,
    kinds: args.kinds,
    asOf: args.asOf ? dbDate(args.asOf) : null,
    limit: dbInt(args.limit),
    hubDegree: dbInt(args.hubDegree),
    edgeLimit: dbInt(limits.maxResults + 1),
  };
  const [row] = await db.read((tx) => tx.run(NEIGHBORHOOD(shape), params), { timeoutMs: limits.timeoutMs });
  if (!row) return null;
  const center = toEntity(row.center);
  const nodes = maps(row.kept, 'kept').map((k) => ({ node: toEntity(k.node), distance: num(k.distance, 'kept.distance') }));
  const distance = new Map<string, number>([[center.id, 0], ...nodes.map((n): [string, number] => [n.node.id, n.distance])]);
  const rels = toRelRows(row.edges);
  const edges = rels.slice(0, limits.maxResults).map((r) => toEdge(r, (distance.get(r.from) ?? 0) <= (distance.get(r.to) ?? 0) ? r.from : r.to));
  return { center, nodes, edges, truncated: flag(row.nodesCut, 'nodesCut') || rels.length > limits.maxResults };
}
