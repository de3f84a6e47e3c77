import { badInput } from '../errors.js';

export interface CursorValue {
  readonly field: string;
  readonly value: unknown;
  readonly id: string;
}

/** Opaque keyset cursor: the sort field, the row's sort value and its id. */
export function encodeCursor(cursor: CursorValue): string {
  return Buffer.from(JSON.stringify([cursor.field, cursor.value ?? null, cursor.id])).toString('base64url');
}

/** Decodes a cursor made for `field`; a forged, damaged or foreign cursor is a BAD_USER_INPUT. */
export function decodeCursor(raw: string, field: string): CursorValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw badInput('The "after" cursor is not valid; use a cursor from a previous page.', { argument: 'after' });
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || typeof parsed[0] !== 'string' || typeof parsed[2] !== 'string') {
    throw badInput('The "after" cursor is not valid; use a cursor from a previous page.', { argument: 'after' });
  }
  const value = parsed[1];
  if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
    throw badInput('The "after" cursor is not valid; use a cursor from a previous page.', { argument: 'after' });
  }
  if (parsed[0] !== field) {
    throw badInput(`The "after" cursor was made for another ordering (${parsed[0]}); start again without it.`, { argument: 'after' });
  }
  return { field, value, id: parsed[2] };
}
