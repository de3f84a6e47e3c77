import { dbDate, dbInt } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { relationshipStats, type RelationshipStat } from '../graph/aggregation.js';
import type { EntityKind } from '../graph/ontology.js';
import { filterAsOf, statColumns, where, type AggregateArgs, type StatColumn } from './aggregate-query.js';
import { entityColumn, hopPattern, validAt } from './cypher.js';
import type { GroupKeyPlan } from './group-keys.js';

export interface GroupArgs extends AggregateArgs {
  readonly keys: readonly GroupKeyPlan[];
  /** Relationship group fields asked for (`chipsChipCount`); min, max, sum and avg are computed for each. */
  readonly relationshipStats: readonly string[];
  readonly first: number;
  readonly byKey: boolean;
  readonly descending: boolean;
}

/** A relationship statistic the statement computes: its group field and the column prefix of its four values. */
export interface RelationshipColumn {
  readonly field: string;
  readonly column: string;
}

export interface CompiledGroups {
  readonly query: string;
  readonly params: Record<string, unknown>;
  readonly columns: readonly StatColumn[];
  readonly relationshipColumns: readonly RelationshipColumn[];
}

/** The OPTIONAL MATCH of key `i`'s path, or nothing for a key on the entity itself. */
function keyMatch(key: GroupKeyPlan, i: number): string {
  if (key.hops.length === 0) return '';
  const pattern = key.hops.map((hop, h) => `${hopPattern(hop.spec.type, hop.direction, `k${i}r${h}`)}(k${i}n${h}:${hop.neighbour})`).join('');
  const held = key.hops.map((_, h) => validAt(`k${i}r${h}`, 'asOf')).join(' AND ');
  return `\n    OPTIONAL MATCH (n)${pattern} WHERE ${held}`;
}

/** The key's value on a row: the entity reached, or a property of it (a date truncated to its year or quarter). */
function keyExpr(key: GroupKeyPlan, i: number): string {
  const at = key.hops.length === 0 ? 'n' : `k${i}n${key.hops.length - 1}`;
  if (!key.prop) return at;
  const value = `${at}.${key.prop.name}`;
  return key.datePart ? `date.truncate('${key.datePart.toLowerCase()}', ${value})` : value;
}

/** ORDER BY terms of key `i`: nulls last, entities by name (then id), values in their own order. */
const keyOrder = (key: GroupKeyPlan, i: number, direction: string): string[] =>
  key.prop ? [`g${i} IS NULL`, `g${i} ${direction}`] : [`g${i} IS NULL`, `g${i}.nameKey ${direction}`, `g${i}.id`];

/** The relationship statistics asked for whose relationship starts one of the keys' paths (others stay null). */
function relationshipColumns(kind: EntityKind, keys: readonly GroupKeyPlan[], fields: readonly string[]) {
  const known = new Map(relationshipStats(kind).map((s) => [s.groupField, s]));
  return fields.flatMap((name): { stat: RelationshipStat; rel: string; column: string }[] => {
    const stat = known.get(name);
    if (!stat) throw badInput(`${kind} groups have no relationship statistic "${name}".`, { field: name });
    const i = keys.findIndex((k) => k.hops[0]?.field === stat.relation.field);
    return i < 0 ? [] : [{ stat, rel: `k${i}r0`, column: `r${name}` }];
  });
}

/**
 * Whether an entity can reach one key value twice (a property of a multi-valued neighbour, two hops, a symmetric
 * hop), so rows must be made distinct per (entity, keys) before counting. One relationship exists per (from, type,
 * to), so a one-hop entity key never repeats; skipping DISTINCT there saves holding every row of a large kind.
 */
const needsDistinct = (keys: readonly GroupKeyPlan[]): boolean =>
  keys.some((k) => k.hops.length > 1 || (k.hops.length === 1 && (k.prop !== null || (k.hops[0]!.spec.symmetric ?? false))));

/**
 * A count grouped by one property of the kind itself, over the whole kind (no filter, no statistic but the
 * count; asOf only dates relationships, so it changes nothing here): the groups are read from the property's values alone (`WHERE … IS NOT NULL`, which a range index
 * answers with its values, touching no node) and the group without a value is the kind's count, from the count
 * store, less theirs. The general statement reads every node of the kind and its property instead.
 */
function propertyCountQuery(kind: EntityKind, key: GroupKeyPlan, order: readonly string[]): string {
  const value = keyExpr(key, 0);
  return `
    CALL { MATCH (n:${kind}) RETURN count(n) AS total }
    CALL { MATCH (n:${kind}) WHERE n.${key.prop!.name} IS NOT NULL WITH ${value} AS g0, count(*) AS count RETURN collect({g0: g0, count: count}) AS valued }
    WITH valued, total - reduce(s = 0, v IN valued | s + v.count) AS unvalued
    UNWIND valued + CASE WHEN unvalued > 0 THEN [{g0: null, count: unvalued}] ELSE [] END AS row
    WITH row.g0 AS g0, row.count AS count
    ORDER BY ${order.join(', ')}
    LIMIT $limit
    RETURN g0, count`;
}

/** Whether a groupBy is a bare count by one property of the kind over the whole kind (see propertyCountQuery). */
const isPropertyCount = (args: GroupArgs, w: readonly string[]): boolean =>
  w.length === 0 &&
  args.stats.length === 0 &&
  args.relationshipStats.length === 0 &&
  args.keys.length === 1 &&
  args.keys[0]!.hops.length === 0 &&
  !!args.keys[0]!.prop &&
  !args.keys[0]!.prop.list;

/**
 * One statement for a groupBy: the filter, an OPTIONAL MATCH per key path (entities without the neighbour fall in
 * the null group), one row per distinct (entity, keys) so an entity reached twice counts once, then count(*) and
 * the statistics per group. Relationship statistics are summed per entity first, then per group.
 */
export function buildGroupQuery(kind: EntityKind, args: GroupArgs): CompiledGroups {
  const { where: w, params } = filterAsOf(kind, args.filter, args.asOf);
  const { columns, exprs } = statColumns(kind, args.stats);
  const rels = relationshipColumns(kind, args.keys, args.relationshipStats);
  const g = args.keys.map((_, i) => `g${i}`);
  const relVars = [...new Set(rels.map((r) => r.rel))];
  const perEntity = rels.flatMap(({ stat, rel, column }) =>
    ['sum', 'min', 'max'].map((op) => `${op}(${rel}.${stat.prop.name}) AS p${column}${op}`).concat(`count(${rel}.${stat.prop.name}) AS p${column}n`),
  );
  const perGroup = rels.flatMap(({ column }) => [
    `sum(p${column}sum) AS ${column}sum`,
    `min(p${column}min) AS ${column}min`,
    `max(p${column}max) AS ${column}max`,
    `sum(p${column}n) AS ${column}n`,
  ]);
  const direction = args.descending ? 'DESC' : 'ASC';
  const order = args.byKey
    ? [...keyOrder(args.keys[0]!, 0, direction), 'count DESC', ...args.keys.slice(1).flatMap((k, i) => keyOrder(k, i + 1, 'ASC'))]
    : [`count ${direction}`, ...args.keys.flatMap((k, i) => keyOrder(k, i, 'ASC'))];
  const returned = args.keys.map((k, i) => (k.prop ? `g${i}` : `${entityColumn(`g${i}`)} AS g${i}`));
  const averages = rels.map(({ column }) => `CASE WHEN ${column}n = 0 THEN null ELSE toFloat(${column}sum) / ${column}n END AS ${column}avg`);
  const query = isPropertyCount(args, w)
    ? propertyCountQuery(kind, args.keys[0]!, order)
    : `
    MATCH (n:${kind})${where(w)}${args.keys.map(keyMatch).join('')}
    WITH ${needsDistinct(args.keys) ? 'DISTINCT ' : ''}n, ${[...args.keys.map((k, i) => `${keyExpr(k, i)} AS g${i}`), ...relVars].join(', ')}${
      perEntity.length ? `\n    WITH n, ${[...g, ...perEntity].join(', ')}` : ''
    }
    WITH ${[...g, 'count(*) AS count', ...exprs, ...perGroup].join(', ')}
    ORDER BY ${order.join(', ')}
    LIMIT $limit
    RETURN ${[...returned, 'count', ...columns.map((c) => c.column), ...rels.flatMap(({ column }) => [`${column}sum`, `${column}min`, `${column}max`]), ...averages].join(', ')}`;
  return {
    query,
    params: { ...params, asOf: args.asOf ? dbDate(args.asOf) : null, limit: dbInt(args.first) },
    columns,
    relationshipColumns: rels.map(({ stat, column }) => ({ field: stat.groupField, column })),
  };
}
