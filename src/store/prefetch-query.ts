import type { Row } from '../db/database.js';
import { dbDate } from '../db/mapping.js';
import type { Direction, EntityModel, NeighbourModel } from '../graph/models.js';
import { entityColumn, hopPattern, toEntity, toRelationship, validAt } from './cypher.js';
import { maps, text } from './rows.js';

/**
 * A relationship field a request will read, with the relationship fields it reads on each neighbour: the shape
 * of a nested selection, as the store sees it.
 */
export interface RelationSelection {
  readonly type: string;
  readonly direction: Direction;
  readonly asOf: string | null;
  /** The node properties to read (the fields selected on the neighbours); null or absent: all of them. */
  readonly properties?: readonly string[] | null;
  readonly children: readonly RelationSelection[];
}

/** The key of a neighbour list: relationship type, direction and asOf (the request's loaders use it too). */
export const relationKey = (type: string, direction: Direction, asOf: string | null | undefined): string => `${type}|${direction}|${asOf ?? ''}`;

const READ_AHEAD = Symbol('neighbour lists read ahead');
type WithReadAhead = EntityModel & { [READ_AHEAD]?: Map<string, NeighbourModel[]> };

/** The neighbour list read ahead for this entity object under `key`, if the statement that made it read one. */
export const readAhead = (entity: EntityModel, key: string): NeighbourModel[] | undefined => (entity as WithReadAhead)[READ_AHEAD]?.get(key);

/** The neighbours of one entity through one selected relationship, as read ahead. */
export interface Prefetched {
  readonly selection: RelationSelection;
  readonly parentId: string;
  readonly neighbours: NeighbourModel[];
}

/** Extra RETURN columns (one COLLECT subquery per selection) and a reader that turns a row's columns back into lists. */
export interface PrefetchPlan {
  /** `, COLLECT {…} AS p0, …`, to append to a RETURN that has the parent entity in scope. */
  readonly columns: string;
  readonly params: Record<string, unknown>;
  /**
   * Every neighbour list the row holds, the parent's and its neighbours' (depth first). Each list is also attached
   * to the entity object it belongs to (see readAhead), so resolvers answer from it without a promise.
   */
  read(row: Row, parent: EntityModel): Prefetched[];
}

/** Neighbours are listed by name ignoring case, then id: the one order every path that lists them uses. */
export const neighbourOrder = (node: string): string => `toLower(${node}.name), ${node}.id`;

/** A neighbour row (`{node, rel, from, to}` as returned by the queries here) as the domain model, seen from `self`. */
export function toNeighbour(type: string, row: Row, self: string): NeighbourModel {
  return { node: toEntity(row.node), relationship: toRelationship(type, row.rel, text(row.from, 'from'), text(row.to, 'to'), self) };
}

/**
 * Compiles nested relationship selections into COLLECT subqueries on `parent`, so one statement reads a whole
 * subtree that would otherwise take one query per level. Each list has exactly the rows, order and validity
 * filter of `neighbours` in relationship-store.ts.
 */
export function compilePrefetch(parent: string, selections: readonly RelationSelection[]): PrefetchPlan {
  const params: Record<string, unknown> = {};
  const asOfParams = new Map<string, string>();
  let counter = 0;
  const asOfParam = (asOf: string | null): string => {
    const key = asOf ?? '';
    let name = asOfParams.get(key);
    if (!name) {
      name = `prefetchAsOf${asOfParams.size}`;
      asOfParams.set(key, name);
      params[name] = asOf ? dbDate(asOf) : null;
    }
    return name;
  };
  const subquery = (from: string, s: RelationSelection): string => {
    const n = counter++;
    const [rel, node] = [`pr${n}`, `pm${n}`];
    const nested = s.children.map((c, i) => `, c${i}: ${subquery(node, c)}`).join('');
    return `COLLECT { MATCH (${from})${hopPattern(s.type, s.direction, rel)}(${node}:Entity) WHERE ${validAt(rel, asOfParam(s.asOf))}
      WITH ${rel}, ${node} ORDER BY ${neighbourOrder(node)}
      RETURN {node: ${s.properties ? `${node} {${s.properties.map((p) => `.${p}`).join(', ')}}` : entityColumn(node)}, rel: ${rel}, from: startNode(${rel}).id, to: endNode(${rel}).id${nested}} }`;
  };
  const columns = selections.map((s, i) => `,\n    ${subquery(parent, s)} AS p${i}`).join('');

  const readList = (s: RelationSelection, items: Row[], parent: WithReadAhead, out: Prefetched[]): void => {
    const neighbours = items.map((item) => toNeighbour(s.type, item, parent.id));
    out.push({ selection: s, parentId: parent.id, neighbours });
    (parent[READ_AHEAD] ??= new Map()).set(relationKey(s.type, s.direction, s.asOf), neighbours);
    items.forEach((item, k) => s.children.forEach((c, i) => readList(c, maps(item[`c${i}`], `c${i}`), neighbours[k]!.node, out)));
  };
  return {
    columns,
    params,
    read(row, parent) {
      const out: Prefetched[] = [];
      selections.forEach((s, i) => readList(s, maps(row[`p${i}`], `p${i}`), parent, out));
      return out;
    },
  };
}
