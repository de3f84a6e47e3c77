import type { Database, Row } from '../db/database.js';
import type { AggregateModel, GroupKeyModel, GroupModel, StatsModel } from '../graph/aggregation.js';
import type { EntityKind } from '../graph/ontology.js';
import { buildAggregateQuery, type AggregateArgs, type StatColumn } from './aggregate-query.js';
import { toEntity } from './cypher.js';
import type { GroupKeyPlan } from './group-keys.js';
import { buildGroupQuery, type GroupArgs, type RelationshipColumn } from './group-query.js';
import { num } from './rows.js';

/** A statistic's value as the row holds it: a number, an ISO date (min/max of a date) or null. */
function statValue(value: unknown, what: string): number | string | null {
  if (value == null || typeof value === 'string') return value ?? null;
  return num(value, what);
}

function statsOf(row: Row, columns: readonly StatColumn[], relationships: readonly RelationshipColumn[] = []): Record<string, StatsModel> {
  const stats: Record<string, Record<string, number | string | null>> = {};
  for (const { column, field, op } of columns) (stats[field] ??= {})[op] = statValue(row[column], column);
  for (const { field, column } of relationships) {
    stats[field] = Object.fromEntries(['sum', 'min', 'max', 'avg'].map((op) => [op, statValue(row[`${column}${op}`], `${column}${op}`)]));
  }
  return stats;
}

/** Counts and statistics over a kind's matches: one statement, one row. */
export async function aggregateEntities(db: Database, kind: EntityKind, args: AggregateArgs): Promise<AggregateModel> {
  const { query, params, columns } = buildAggregateQuery(kind, args);
  const [row] = await db.query(query, params);
  return { count: row ? num(row.count, 'count') : 0, stats: row ? statsOf(row, columns) : {} };
}

function keyOf(key: GroupKeyPlan, value: unknown): GroupKeyModel {
  const none = { path: key.path, entity: null, value: null, number: null, year: null, quarter: null };
  if (value == null) return none;
  if (!key.prop) return { ...none, entity: toEntity(value) };
  if (typeof value === 'number') return { ...none, value: String(value), number: value };
  if (key.prop.type === 'date' && typeof value === 'string') {
    const year = Number(value.slice(0, 4));
    if (key.datePart === 'YEAR') return { ...none, value: String(year), year };
    if (key.datePart === 'QUARTER') {
      const quarter = Math.floor((Number(value.slice(5, 7)) - 1) / 3) + 1;
      return { ...none, value: `${year}-Q${quarter}`, year, quarter };
    }
    return { ...none, value, year };
  }
  return { ...none, value: String(value) };
}

/** A kind's matches grouped by the keys, with each group's count and statistics: one statement. */
export async function groupEntities(db: Database, kind: EntityKind, args: GroupArgs): Promise<GroupModel[]> {
  const { query, params, columns, relationshipColumns } = buildGroupQuery(kind, args);
  const rows = await db.query(query, params);
  return rows.map((row) => ({
    keys: args.keys.map((key, i) => keyOf(key, row[`g${i}`])),
    count: num(row.count, 'count'),
    stats: statsOf(row, columns, relationshipColumns),
  }));
}
