import type { z } from 'zod';
import type { Row } from '../db/database.js';

/**
 * Typed reads of the columns a statement returns: the one place the store turns `unknown` row values into
 * types. A value of the wrong type is a bug in a statement (or data written around the API), never user input,
 * so it throws and the client sees INTERNAL_SERVER_ERROR. Plain checks, not a schema parse: they run for every
 * row of by-id reads and traversals; cold paths with many columns (the audit trail) parse with a zod schema.
 */
export class RowShapeError extends Error {
  override readonly name = 'RowShapeError';
}

function wrong(what: string, expected: string, value: unknown): never {
  throw new RowShapeError(`${what}: expected ${expected}, got ${value === null ? 'null' : Array.isArray(value) ? 'a list' : typeof value}`);
}

const isMap = (value: unknown): value is Row => typeof value === 'object' && value !== null && !Array.isArray(value);

export const text = (value: unknown, what: string): string => (typeof value === 'string' ? value : wrong(what, 'a string', value));

/** A string, or null for a missing value. */
export const textOrNull = (value: unknown, what: string): string | null => (value == null ? null : text(value, what));

export const num = (value: unknown, what: string): number => (typeof value === 'number' ? value : wrong(what, 'a number', value));

export const flag = (value: unknown, what: string): boolean => (typeof value === 'boolean' ? value : wrong(what, 'a boolean', value));

/** A list of strings; a missing list is empty. */
export function texts(value: unknown, what: string): string[] {
  if (value == null) return [];
  if (!Array.isArray(value)) return wrong(what, 'a list of strings', value);
  for (const item of value) if (typeof item !== 'string') wrong(`${what}[]`, 'a string', item);
  return value;
}

/** A map (a node's or relationship's properties, a projected map). */
export const map = (value: unknown, what: string): Row => (isMap(value) ? value : wrong(what, 'a map', value));

/** A list of maps (a COLLECT of projections); a missing list is empty. */
export function maps(value: unknown, what: string): Row[] {
  if (value == null) return [];
  if (!Array.isArray(value)) return wrong(what, 'a list of maps', value);
  for (const item of value) if (!isMap(item)) wrong(`${what}[]`, 'a map', item);
  return value;
}

/** A list of anything (nodes a mapper reads one by one); a missing list is empty. */
export const list = (value: unknown, what: string): unknown[] => (value == null ? [] : Array.isArray(value) ? value : wrong(what, 'a list', value));

/** One of a fixed set of strings (an enum the ontology or the query defines). */
export function oneOf<T extends string>(values: readonly T[], value: unknown, what: string): T {
  const found = values.find((v) => v === value);
  return found ?? wrong(what, `one of ${values.join(', ')}`, value);
}

/** A value parsed with a zod schema, for rows off the hot paths. */
export function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new RowShapeError(`${what}: ${result.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  return result.data;
}
