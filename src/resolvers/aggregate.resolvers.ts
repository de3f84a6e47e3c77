import type { GraphQLResolveInfo } from 'graphql';
import { parseResolveInfo, type ResolveTree } from 'graphql-parse-resolve-info';
import type { GraphContext } from '../context.js';
import { STAT_OPS, aggregateProperties, relationshipStats, type AggregateModel, type StatOp } from '../graph/aggregation.js';
import { ENTITY_KINDS, LIST_FIELDS, type EntityKind } from '../graph/ontology.js';
import type { StatRequest } from '../store/aggregate-query.js';
import { aggregateEntities, groupEntities } from '../store/aggregate-store.js';
import type { EntityFilter } from '../store/filters.js';
import { groupKeys, type GroupByInput } from '../store/group-keys.js';
import { pageSize } from './limits.js';

interface AggregateArgs {
  filter?: EntityFilter | null;
  asOf?: string | null;
}

interface GroupArgs extends AggregateArgs {
  groupBy: GroupByInput[];
  first?: number | null;
  orderBy?: { field: 'COUNT' | 'KEY'; direction: 'ASC' | 'DESC' } | null;
}

/**
 * The statistics the client selected on the aggregate or group type, merged over aliases and fragments, so the
 * one statement computes exactly those: `memoryGb { max } big: memoryGb { sum }` asks for max and sum.
 */
function selectedStats(info: GraphQLResolveInfo, typeName: string): Map<string, Set<StatOp>> {
  const tree = parseResolveInfo(info) as ResolveTree | null;
  const wanted = new Map<string, Set<StatOp>>();
  for (const field of Object.values(tree?.fieldsByTypeName[typeName] ?? {})) {
    const ops = Object.values(field.fieldsByTypeName).flatMap((sub) => Object.values(sub).map((f) => f.name));
    const set = wanted.get(field.name) ?? new Set<StatOp>();
    for (const op of ops) if ((STAT_OPS as readonly string[]).includes(op)) set.add(op as StatOp);
    if (set.size) wanted.set(field.name, set);
  }
  return wanted;
}

function statRequests(kind: EntityKind, wanted: Map<string, Set<StatOp>>): StatRequest[] {
  const props = new Set(aggregateProperties(kind).map((p) => p.name));
  return [...wanted].filter(([name]) => props.has(name)).map(([field, ops]) => ({ field, ops: [...ops] }));
}

function queryFields(kind: EntityKind) {
  const relationFields = new Set(relationshipStats(kind).map((s) => s.groupField));
  const list = LIST_FIELDS[kind];
  return {
    [`${list}Aggregate`]: (_p: unknown, args: AggregateArgs, ctx: GraphContext, info: GraphQLResolveInfo) =>
      aggregateEntities(ctx.db, kind, { filter: args.filter, asOf: args.asOf, stats: statRequests(kind, selectedStats(info, `${kind}Aggregate`)) }),
    [`${list}Groups`]: (_p: unknown, args: GroupArgs, ctx: GraphContext, info: GraphQLResolveInfo) => {
      const wanted = selectedStats(info, `${kind}Group`);
      return groupEntities(ctx.db, kind, {
        filter: args.filter,
        asOf: args.asOf,
        keys: groupKeys(kind, args.groupBy),
        stats: statRequests(kind, wanted),
        relationshipStats: [...wanted.keys()].filter((name) => relationFields.has(name)),
        first: pageSize(args.first, ctx.config.MAX_PAGE_SIZE, 100),
        byKey: args.orderBy?.field === 'KEY',
        descending: (args.orderBy?.direction ?? 'DESC') === 'DESC',
      });
    },
  };
}

/** Each statistics field answers from the aggregate's map (what was not selected was not computed). */
function typeFields(kind: EntityKind, relationship: boolean) {
  const fields: Record<string, (parent: AggregateModel) => unknown> = { count: (parent) => parent.count };
  for (const prop of aggregateProperties(kind)) fields[prop.name] = (parent) => parent.stats[prop.name] ?? {};
  if (relationship) for (const { groupField } of relationshipStats(kind)) fields[groupField] = (parent) => parent.stats[groupField] ?? null;
  return fields;
}

export const aggregateResolvers = {
  Query: Object.assign({}, ...ENTITY_KINDS.map(queryFields)) as Record<string, unknown>,
  ...Object.fromEntries(
    ENTITY_KINDS.flatMap((kind) => [
      [`${kind}Aggregate`, typeFields(kind, false)],
      [`${kind}Group`, typeFields(kind, true)],
    ]),
  ),
};
