import type { Database } from '../db/database.js';
import { currentSequence } from '../store/change-feed.js';

/**
 * The graph's change sequence, read from Neo4j at most once per `ttlMs` however many requests ask: what the
 * ETags are keyed on. A write is seen by a replica's ETags at most `ttlMs` after it commits (HTTP_CACHE_SEQUENCE_MS).
 */
export class SequenceCache {
  private value: { sequence: number; readAt: number } | null = null;
  private reading: Promise<number> | null = null;

  constructor(
    private readonly db: Database,
    private readonly ttlMs: number,
  ) {}

  /**
   * The sequence, from the cache while it is fresh, else from one read shared by every caller waiting (with no
   * caller's abort signal: one client leaving must not fail the others' read).
   */
  get(): Promise<number> {
    if (this.value && Date.now() - this.value.readAt < this.ttlMs) return Promise.resolve(this.value.sequence);
    this.reading ??= currentSequence(this.db, new AbortController().signal)
      .then((sequence) => {
        this.value = { sequence, readAt: Date.now() };
        return sequence;
      })
      .finally(() => (this.reading = null));
    return this.reading;
  }
}
