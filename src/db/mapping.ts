import neo4j, { isDate, isDateTime, isInt, isNode, isRelationship, type Integer } from 'neo4j-driver';

/** Converts driver values (Integers, temporal types, nodes, relationships) into plain JS values. */
export function toNative(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (isInt(value as Integer)) return (value as Integer).toNumber();
  if (Array.isArray(value)) return value.map(toNative);
  if (isDate(value as object)) return (value as object).toString();
  if (isDateTime(value as object)) return new Date((value as object).toString()).toISOString();
  if (isNode(value as object) || isRelationship(value as object)) {
    return toNative((value as { properties: unknown }).properties);
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toNative(v);
    return out;
  }
  return value;
}

/** A driver record's fields (`record.toObject()`) as a plain row. */
export function toNativeRow(fields: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) row[key] = toNative(fields[key]);
  return row;
}

/** An ISO `YYYY-MM-DD` string as a Neo4j Date parameter. */
export function dbDate(iso: string): unknown {
  const [y, m, d] = iso.split('-').map(Number);
  return new neo4j.types.Date(y!, m!, d!);
}

/** An ISO timestamp as a Neo4j DateTime parameter. */
export function dbDateTime(iso: string): unknown {
  return neo4j.types.DateTime.fromStandardDate(new Date(iso));
}

/** A JS number as a Neo4j Integer parameter (for LIMIT/SKIP and integer properties). */
export function dbInt(n: number): unknown {
  return neo4j.int(n);
}
