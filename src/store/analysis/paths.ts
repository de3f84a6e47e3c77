import type { Database } from '../../db/database.js';
import { dbDate, dbInt } from '../../db/mapping.js';
import { RELATIONSHIP_TYPE_NAMES } from '../../graph/ontology.js';
import { validAt } from '../cypher.js';
import { relRow, toPath, toRelRows } from './common.js';
import type { AnalysisLimits, PathModel } from './models.js';

const RELS_OK = `all(r IN relationships(p) WHERE type(r) IN $types
    AND ${validAt('r', 'asOf')})`;

const RETURN_PATH = `RETURN [n IN nodes(p) | n] AS nodes, [r IN relationships(p) | ${relRow('r')}] AS rels`;

// Every step must land on an :Entity, so no path runs through a large import's staged entities before it is
// published (src/store/staged-writer.ts).

/**
 * One shortest path, ignoring direction, by breadth-first search. With every relationship type and no asOf the
 * step tests are left out of the text (`filtered` false): `$asOf IS NULL OR …` is not decided at planning, so the
 * search read the validity properties of every relationship it touched (PROFILE at 10^6: 18,478 db hits against
 * 3,908 for the same path). Cypher cannot take a path length as a parameter,
 * so maxLength is written into the text: a whole number checked against MAX_PATH_LENGTH, never user text.
 */
export const SHORTEST_PATH = (maxLength: number, filtered = true): string => `
  MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
  MATCH p = ANY SHORTEST (a)((x)-[r]-(y) WHERE y:Entity${
    filtered
      ? ` AND type(r) IN $types
    AND ${validAt('r', 'asOf')}`
      : ''
  }){0,${maxLength}}(b)
  ${RETURN_PATH}`;

/**
 * Paths without repeated entities, shortest first: a bounded variable-length match (maxLength a checked whole
 * number, as above), filtered on types, validity and simplicity, cut at $first.
 */
export const PATHS = (maxLength: number): string => `
  MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
  MATCH p = (a)-[*0..${maxLength}]-(b)
  WHERE ${RELS_OK}
    AND all(n IN nodes(p) WHERE n:Entity AND single(m IN nodes(p) WHERE m = n))
  WITH p
  ORDER BY length(p), [n IN nodes(p) | n.id]
  LIMIT $first
  ${RETURN_PATH}`;

export interface PathArgs {
  readonly from: string;
  readonly to: string;
  readonly types: readonly string[];
  readonly asOf: string | null;
  readonly maxLength: number;
}

const checked = (n: number): number => {
  if (!Number.isInteger(n) || n < 0) throw new Error(`path length must be checked before: ${n}`);
  return n;
};

const params = (args: PathArgs): Record<string, unknown> => ({ from: args.from, to: args.to, types: args.types, asOf: args.asOf ? dbDate(args.asOf) : null });

/** A shortest path between two entities, or null when none exists within maxLength (or either id is unknown). */
export async function shortestPath(db: Database, args: PathArgs, limits: AnalysisLimits): Promise<PathModel | null> {
  const filtered = args.asOf != null || RELATIONSHIP_TYPE_NAMES.some((t) => !args.types.includes(t));
  const rows = await db.read((tx) => tx.run(SHORTEST_PATH(checked(args.maxLength), filtered), params(args)), { timeoutMs: limits.timeoutMs });
  const row = rows[0];
  return row ? toPath(row.nodes, toRelRows(row.rels)) : null;
}

/** Up to `first` simple paths between two entities, shortest first; empty when there are none. */
export async function paths(db: Database, args: PathArgs & { first: number }, limits: AnalysisLimits): Promise<PathModel[]> {
  const rows = await db.read((tx) => tx.run(PATHS(checked(args.maxLength)), { ...params(args), first: dbInt(args.first) }), {
    timeoutMs: limits.timeoutMs,
  });
  return rows.map((row) => toPath(row.nodes, toRelRows(row.rels)));
}
