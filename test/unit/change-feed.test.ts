import { describe, expect, it } from 'vitest';
import type { Database, Row } from '../../src/db/database.js';
import { ChangeFollower } from '../../src/resolvers/change-follower.js';
import { matchesFilter } from '../../src/resolvers/change-filter.js';
import { changeStream, type StreamItem } from '../../src/resolvers/change-stream.js';
import type { ChangeModel } from '../../src/store/audit-store.js';
import { CHANGES_AFTER, cursorSequence, sequenceCursor, type SequencedChange } from '../../src/store/change-feed.js';

const entityChange = (entityId: string, kind: string): ChangeModel => ({
  id: `c-${entityId}`,
  at: '2026-01-01T00:00:00Z',
  actor: 'test',
  operation: 'CREATE_ENTITY',
  entityId,
  relatedEntityId: null,
  relationshipType: null,
  before: null,
  after: JSON.stringify({ id: entityId, kind, name: entityId }),
});

const relationshipChange = (from: string, type: string, to: string): ChangeModel => ({
  ...entityChange(from, 'Company'),
  operation: 'CREATE_RELATIONSHIP',
  relatedEntityId: to,
  relationshipType: type,
  after: JSON.stringify({ type, from, to }),
});

describe('the change filter', () => {
  it('passes every change without a filter', () => {
    expect(matchesFilter(entityChange('a', 'Chip'), null)).toBe(true);
  });

  it('matches ids at either end of a relationship', () => {
    const rel = relationshipChange('openai', 'TRAINED_ON', 'h100');
    expect(matchesFilter(rel, { ids: ['h100'] })).toBe(true);
    expect(matchesFilter(rel, { ids: ['other'] })).toBe(false);
  });

  it('matches entity changes by the kind in their record and keeps entity changes out of a types filter', () => {
    expect(matchesFilter(entityChange('h100', 'Chip'), { kinds: ['Chip'] })).toBe(true);
    expect(matchesFilter(entityChange('h100', 'Chip'), { kinds: ['Company'] })).toBe(false);
    expect(matchesFilter(entityChange('h100', 'Chip'), { types: ['TRAINED_ON'] })).toBe(false);
  });

  it('requires every field given to match', () => {
    const rel = relationshipChange('openai', 'TRAINED_ON', 'h100');
    expect(matchesFilter(rel, { ids: ['openai'], types: ['TRAINED_ON'] })).toBe(true);
    expect(matchesFilter(rel, { ids: ['openai'], types: ['LOCATED_IN'] })).toBe(false);
  });
});

describe('change-feed cursors', () => {
  it('round-trips a sequence through its cursor', () => {
    expect(cursorSequence(sequenceCursor(42))).toBe(42);
  });

  it('refuses a cursor of the paged audit trail or garbage with BAD_USER_INPUT naming the argument', () => {
    for (const bad of ['garbage', Buffer.from('seq:-1').toString('base64url'), Buffer.from('["2026-01-01",0,"x"]').toString('base64url')]) {
      expect(() => cursorSequence(bad)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument: 'after' } }));
    }
  });
});

/** A Database whose reads answer from a list of sequenced changes, counting the trail reads. */
function fakeTrail(changes: SequencedChange[]): { db: Database; reads: () => number } {
  let reads = 0;
  const query = async (statement: string, params: Record<string, unknown>): Promise<Row[]> => {
    if (statement !== CHANGES_AFTER) return [{ sequence: changes.at(-1)?.sequence ?? 0 }];
    reads += 1;
    const after = Number(params.after);
    return changes.filter((c) => c.sequence > after).map((c) => ({ c: { ...c.change, seq: 0, sequence: c.sequence } }));
  };
  return { db: { query } as unknown as Database, reads: () => reads };
}

describe('the change follower', () => {
  it('reads the trail once per tick however many listeners it serves, and hands each every change once', async () => {
    const changes: SequencedChange[] = [];
    const trail = fakeTrail(changes);
    const follower = new ChangeFollower(trail.db, { intervalMs: 60_000 });
    const received: number[][] = [[], [], []];
    const stops = await Promise.all(received.map((got) => follower.follow((batch) => got.push(...batch.map((c) => c.sequence)))));
    expect(stops.map((s) => s.from)).toEqual([0, 0, 0]);
    changes.push({ sequence: 1, change: entityChange('a', 'Chip') }, { sequence: 2, change: entityChange('b', 'Chip') });
    await follower.tick();
    await follower.tick();
    expect(trail.reads()).toBe(2);
    expect(received).toEqual([
      [1, 2],
      [1, 2],
      [1, 2],
    ]);
    for (const s of stops) s.stop();
    await follower.tick();
    expect(trail.reads()).toBe(2);
  });
});

describe("one subscriber's stream", () => {
  const sequenced = (n: number): SequencedChange => ({ sequence: n, change: entityChange(`e${n}`, 'Chip') });

  it('catches up from its cursor, then goes on live, each change once and in order', async () => {
    const changes = [1, 2, 3].map(sequenced);
    const trail = fakeTrail(changes);
    const follower = new ChangeFollower(trail.db, { intervalMs: 60_000 });
    await follower.tick(); // no listener yet: nothing read
    const stream = changeStream(trail.db, follower, { after: 1, queueLimit: 10 });
    expect((await stream.next()).value).toMatchObject({ event: { sequence: 2 } });
    expect((await stream.next()).value).toMatchObject({ event: { sequence: 3 } });
    changes.push(sequenced(4));
    const live = stream.next();
    await follower.tick();
    expect((await live).value).toMatchObject({ event: { sequence: 4, cursor: sequenceCursor(4) } });
    expect(trail.reads()).toBe(2);
    await stream.return(undefined);
    expect(follower.size).toBe(0);
  });

  it('ends with SLOW_CONSUMER once more changes wait than its queue holds', async () => {
    const changes: SequencedChange[] = [];
    const trail = fakeTrail(changes);
    const follower = new ChangeFollower(trail.db, { intervalMs: 60_000 });
    const stream = changeStream(trail.db, follower, { after: null, queueLimit: 2 });
    const pending = stream.next();
    await new Promise((resolve) => setTimeout(resolve, 0));
    changes.push(...[1, 2, 3, 4].map(sequenced));
    await follower.tick();
    const item = (await pending).value as StreamItem;
    expect('dropped' in item && item.dropped.code).toBe('SLOW_CONSUMER');
    expect((await stream.next()).done).toBe(true);
    expect(follower.size).toBe(0);
  });
});
