import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import { changesAfter, sequenceCursor, type SequencedChange } from '../store/change-feed.js';
import type { ChangeFollower } from './change-follower.js';
import { matchesFilter, type ChangeFilterInput } from './change-filter.js';

/** What one subscriber's stream yields: a change event, or the reason it was dropped (its last item). */
export type StreamItem = { readonly event: SequencedChange & { readonly cursor: string } } | { readonly dropped: AppError };

export interface StreamOptions {
  readonly filter?: ChangeFilterInput | null;
  /** Resume after this sequence; from the follower's head when null. */
  readonly after: number | null;
  /** Changes a subscriber may have waiting before it is dropped (LIVE_QUEUE_LIMIT). */
  readonly queueLimit: number;
}

const slowConsumer = (limit: number): AppError =>
  new AppError(
    'SLOW_CONSUMER',
    `This subscriber fell more than ${limit} changes behind and was dropped; subscribe again with the cursor of the last change it received.`,
    {
      limit,
    },
  );

const CATCH_UP_BATCH = 500;

/** What a stream waits on: a wake-up when changes arrive or the subscriber leaves. */
class Signal {
  private resolve: (() => void) | null = null;
  closed = false;
  wait(): Promise<void> {
    return new Promise((resolve) => (this.resolve = resolve));
  }
  notify(): void {
    this.resolve?.();
    this.resolve = null;
  }
}

/**
 * One subscriber's changes: those after its cursor read from the trail first (catching up), then those the
 * process's follower hands over, each once, in sequence order, filtered. Changes wait in a queue of at most
 * `queueLimit`; past that the stream ends with a SLOW_CONSUMER item instead of buffering without bound.
 */
export function changeStream(db: Database, follower: ChangeFollower, options: StreamOptions): AsyncGenerator<StreamItem, undefined> {
  const signal = new Signal();
  const items = streamItems(db, follower, options, signal);
  // An async generator waiting on a promise only sees return() at its next yield; waking it lets a subscriber
  // that leaves while no change comes stop following at once.
  const original = items.return.bind(items);
  items.return = (value?: unknown) => {
    signal.closed = true;
    signal.notify();
    return original(value as undefined);
  };
  return items;
}

async function* streamItems(db: Database, follower: ChangeFollower, options: StreamOptions, signal: Signal): AsyncGenerator<StreamItem, undefined> {
  const queue: SequencedChange[] = [];
  let overflow = false;
  const following = await follower.follow((batch) => {
    queue.push(...batch);
    if (queue.length > options.queueLimit) overflow = true;
    signal.notify();
  });
  try {
    let last = options.after ?? following.from;
    const emit = (c: SequencedChange): StreamItem | null => {
      if (c.sequence <= last) return null;
      last = c.sequence;
      return matchesFilter(c.change, options.filter) ? { event: { ...c, cursor: sequenceCursor(c.sequence) } } : null;
    };
    while (last < following.from && !overflow && !signal.closed) {
      const batch = await changesAfter(db, last, CATCH_UP_BATCH);
      if (!batch.length) break;
      for (const item of batch.map(emit)) if (item) yield item;
    }
    while (!signal.closed) {
      if (overflow) {
        yield { dropped: slowConsumer(options.queueLimit) };
        return;
      }
      const next = queue.shift();
      const item = next ? emit(next) : null;
      if (item) yield item;
      else if (!next) await signal.wait();
    }
  } finally {
    following.stop();
  }
}
