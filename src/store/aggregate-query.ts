import { badInput } from '../errors.js';
import { OPS_OF, aggregateProperties, statKind, type StatOp } from '../graph/aggregation.js';
import { type EntityKind } from '../graph/ontology.js';
import { compileFilter, relationFields, type EntityFilter } from './filters.js';

/** The statistics one field of an aggregate asks for: a property (or a relationship group field) and its operators. */
export interface StatRequest {
  readonly field: string;
  readonly ops: readonly StatOp[];
}

export interface AggregateArgs {
  readonly filter?: EntityFilter | null;
  readonly asOf?: string | null;
  readonly stats: readonly StatRequest[];
}

/** A column of an aggregate statement: which field and operator it answers. */
export interface StatColumn {
  readonly column: string;
  readonly field: string;
  readonly op: StatOp;
}

export interface CompiledAggregate {
  readonly query: string;
  readonly params: Record<string, unknown>;
  readonly columns: readonly StatColumn[];
}

const NODE_OPS: Record<StatOp, (expr: string) => string> = {
  min: (e) => `min(${e})`,
  max: (e) => `max(${e})`,
  avg: (e) => `avg(${e})`,
  sum: (e) => `sum(${e})`,
  countDistinct: (e) => `count(DISTINCT ${e})`,
};

/**
 * The filter with `asOf` as the default date of its relationship conditions (those that give none), compiled;
 * so an aggregate's asOf means the same in its filter as on its groupBy paths.
 */
export function filterAsOf(kind: EntityKind, filter: EntityFilter | null | undefined, asOf: string | null | undefined) {
  if (!asOf || !filter) return compileFilter(kind, filter);
  const relations = relationFields(kind);
  const dated = Object.fromEntries(Object.entries(filter).map(([name, c]) => [name, c && relations.has(name) && c.asOf == null ? { ...c, asOf } : c]));
  return compileFilter(kind, dated);
}

/** The node statistics columns over `n`; a field or operator the kind does not aggregate is BAD_USER_INPUT. */
export function statColumns(kind: EntityKind, stats: readonly StatRequest[]): { columns: StatColumn[]; exprs: string[] } {
  const props = new Map(aggregateProperties(kind).map((p) => [p.name, p]));
  const columns: StatColumn[] = [];
  const exprs: string[] = [];
  for (const { field, ops } of stats) {
    const prop = props.get(field);
    if (!prop) throw badInput(`${kind} has no aggregating property "${field}".`, { field });
    for (const op of ops) {
      if (!OPS_OF[statKind(prop)].includes(op)) throw badInput(`${op} does not apply to ${kind}.${field}.`, { field });
      const column = `s${columns.length}`;
      columns.push({ column, field, op });
      exprs.push(`${NODE_OPS[op](`n.${prop.name}`)} AS ${column}`);
    }
  }
  return { columns, exprs };
}

export const where = (w: readonly string[]): string => (w.length ? `\n    WHERE ${w.join('\n      AND ')}` : '');

/**
 * One statement: the count of the kind's matches and the selected statistics. Without a filter, Neo4j answers the
 * count from its count store; with one, it reads the filtered properties and never returns or collects a node.
 */
export function buildAggregateQuery(kind: EntityKind, args: AggregateArgs): CompiledAggregate {
  const { where: w, params } = filterAsOf(kind, args.filter, args.asOf);
  const { columns, exprs } = statColumns(kind, args.stats);
  const query = `
    MATCH (n:${kind})${where(w)}
    RETURN ${['count(*) AS count', ...exprs].join(', ')}`;
  return { query, params, columns };
}
