import { z } from 'zod';
import type { Database } from '../db/database.js';
import { dbInt } from '../db/mapping.js';
import { badInput } from '../errors.js';
import { changeRow, type ChangeModel } from './audit-store.js';
import { parsed } from './rows.js';

/** A change as the feed delivers it: its place in the graph's change sequence, and the change. */
export interface SequencedChange {
  readonly sequence: number;
  readonly change: ChangeModel;
}

export const CHANGES_AFTER = `
  MATCH (c:Change)
  WHERE c.sequence > $after
  RETURN c
  ORDER BY c.sequence ASC
  LIMIT $limit`;

export const CURRENT_SEQUENCE = `
  OPTIONAL MATCH (l:ChangeLog {id: 'changes'})
  RETURN coalesce(l.sequence, 0) AS sequence`;

const sequenced = changeRow.omit({ seq: true }).extend({ sequence: z.number() });

/** Up to `limit` changes after position `after` of the change sequence, in sequence order. */
export async function changesAfter(db: Database, after: number, limit: number, signal?: AbortSignal): Promise<SequencedChange[]> {
  const rows = await db.query(CHANGES_AFTER, { after: dbInt(after), limit: dbInt(limit) }, { signal });
  return rows.map((r) => {
    const { sequence, ...change } = parsed(sequenced, r.c, 'change');
    return { sequence, change };
  });
}

/** The graph's change sequence: how many changes have been written through the change writer (0 for none yet). */
export async function currentSequence(db: Database, signal?: AbortSignal): Promise<number> {
  const [row] = await db.query(CURRENT_SEQUENCE, {}, { signal });
  return parsed(z.number(), row?.sequence, 'sequence');
}

const CURSOR_PREFIX = 'seq:';

/** The opaque cursor of a position in the change sequence. */
export const sequenceCursor = (sequence: number): string => Buffer.from(`${CURSOR_PREFIX}${sequence}`).toString('base64url');

/** The position a feed cursor names; BAD_USER_INPUT (naming `argument`) when it is not one. */
export function cursorSequence(cursor: string, argument = 'after'): number {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  const n = decoded.startsWith(CURSOR_PREFIX) ? Number(decoded.slice(CURSOR_PREFIX.length)) : NaN;
  if (Number.isSafeInteger(n) && n >= 0) return n;
  throw badInput(`The "${argument}" cursor is not a change-feed cursor; use the cursor of a change event or of Query.changeCursor.`, { argument });
}
