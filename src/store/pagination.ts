import { badInput } from '../errors.js';
import type { PropertyType } from '../graph/ontology.js';
import { RowShapeError } from './rows.js';

/** What a cursor is bound to: a list (kind) in one ordering (field and direction). */
export interface CursorOrdering {
  readonly kind: string;
  readonly field: string;
  readonly descending: boolean;
}

export interface CursorValue {
  /** The row's sort key as the query compares it (lower-cased for text), or null when it has none. */
  readonly value: string | number | boolean | null;
  readonly id: string;
}

/** A row's `sortKey` column as a cursor value (null when the row has none). */
export function sortKey(value: unknown): CursorValue['value'] {
  if (value == null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  throw new RowShapeError('sortKey: expected a string, number or boolean');
}

const ordering = (o: CursorOrdering): string => `${o.kind}.${o.field}.${o.descending ? 'desc' : 'asc'}`;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Opaque keyset cursor: the ordering it belongs to, the row's sort key and its id, base64url JSON. */
export function encodeCursor(o: CursorOrdering, cursor: CursorValue): string {
  return Buffer.from(JSON.stringify([ordering(o), cursor.value ?? null, cursor.id])).toString('base64url');
}

const invalid = () => badInput('The "after" cursor is not valid; use a cursor from a previous page.', { argument: 'after' });

/** Whether a decoded sort key has the shape the sort property's type needs. */
function fits(type: PropertyType, value: unknown): value is CursorValue['value'] {
  if (value === null) return true;
  switch (type) {
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value));
    case 'int':
    case 'float':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    default:
      return typeof value === 'string';
  }
}

/**
 * Decodes a cursor made for ordering `o` of a property of type `type`. A forged or damaged cursor, or one made
 * for another list or ordering, is a BAD_USER_INPUT naming the `after` argument.
 */
export function decodeCursor(raw: string, o: CursorOrdering, type: PropertyType): CursorValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[2] !== 'string') throw invalid();
  if (parsed[0] !== ordering(o)) {
    throw badInput('The "after" cursor was made for another list or ordering; start again without "after".', { argument: 'after' });
  }
  const value: unknown = parsed[1];
  if (!fits(type, value)) throw invalid();
  return { value, id: parsed[2] };
}
