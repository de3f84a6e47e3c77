import { dbDate } from '../db/mapping.js';
import type { PropertySpec } from '../graph/ontology.js';

/** Filter operators as Cypher, over a property expression and a parameter. */
export const SCALAR_OPS: Record<string, (p: string, v: string) => string> = {
  eq: (p, v) => `${p} = ${v}`,
  in: (p, v) => `${p} IN ${v}`,
  contains: (p, v) => `toLower(${p}) CONTAINS toLower(${v})`,
  startsWith: (p, v) => `toLower(${p}) STARTS WITH toLower(${v})`,
  gt: (p, v) => `${p} > ${v}`,
  gte: (p, v) => `${p} >= ${v}`,
  lt: (p, v) => `${p} < ${v}`,
  lte: (p, v) => `${p} <= ${v}`,
  includes: (p, v) => `${v} IN ${p}`,
  includesAny: (p, v) => `any(x IN ${v} WHERE x IN ${p})`,
};

export const toParam = (spec: PropertySpec, value: unknown): unknown => {
  if (spec.type !== 'date') return value;
  return Array.isArray(value) ? value.map((v) => dbDate(String(v))) : dbDate(String(value));
};

/** Operators that make sense for a property: list ones for lists, ranges for numbers and dates, text ones for text. */
export function allowedOps(spec: PropertySpec): readonly string[] {
  if (spec.list) return ['includes', 'includesAny'];
  if (spec.type === 'string') return spec.values ? ['eq', 'in'] : ['eq', 'in', 'contains', 'startsWith'];
  if (spec.type === 'boolean') return ['eq'];
  return ['eq', 'in', 'gt', 'gte', 'lt', 'lte'];
}
