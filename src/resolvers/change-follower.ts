import type { Database } from '../db/database.js';
import { changesAfter, currentSequence, type SequencedChange } from '../store/change-feed.js';

/** Receives every change the follower reads, in sequence order, in batches. */
export type ChangeListener = (changes: readonly SequencedChange[]) => void;

export interface ChangeFollowerOptions {
  /** Milliseconds between two reads of the trail (LIVE_POLL_MS). */
  readonly intervalMs: number;
  /** Changes read per statement; a tick reads on while batches come back full. */
  readonly batchSize?: number;
  /** Told about a failed read; the next tick tries again from the same place. */
  readonly onError?: (error: unknown) => void;
}

/**
 * Follows the audit trail in Neo4j for every subscriber of this process: one read per tick, whatever the
 * number of subscribers, and none while there are none. Each replica runs its own follower over the same
 * trail, so a write on any replica reaches the subscribers of all of them (no in-memory bus between them).
 */
export class ChangeFollower {
  private readonly listeners = new Set<ChangeListener>();
  /** The last sequence read; null while no one listens (the next listener starts from the head again). */
  private head: number | null = null;
  private headRead: Promise<number> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private reading = false;

  constructor(
    private readonly db: Database,
    private readonly options: ChangeFollowerOptions,
  ) {}

  /**
   * Starts the ticks. Called where the server is built, outside any request, so the timer does not inherit a
   * request's deadline or abort signal.
   */
  start(): void {
    this.timer ??= setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.listeners.clear();
  }

  /** Subscribers right now. */
  get size(): number {
    return this.listeners.size;
  }

  /**
   * Adds a listener; resolves with the sequence it starts after: it receives every change with a greater
   * sequence (and possibly a few at or below it, which it skips). `stop` removes it.
   */
  async follow(listener: ChangeListener): Promise<{ from: number; stop: () => void }> {
    this.listeners.add(listener);
    try {
      return { from: this.head ?? (await this.readHead()), stop: () => this.unfollow(listener) };
    } catch (error) {
      this.unfollow(listener);
      throw error;
    }
  }

  /** The head from the database, read once however many listeners wait for it. */
  private readHead(): Promise<number> {
    this.headRead ??= currentSequence(this.db).then(
      (sequence) => (this.head ??= sequence),
      (error: unknown) => {
        this.headRead = null;
        throw error;
      },
    );
    return this.headRead;
  }

  private unfollow(listener: ChangeListener): void {
    this.listeners.delete(listener);
    if (!this.listeners.size && !this.reading) this.forget();
  }

  private forget(): void {
    this.head = null;
    this.headRead = null;
  }

  /** One read of the trail after the head (more while batches come back full), handed to every listener. */
  async tick(): Promise<void> {
    if (this.reading || !this.listeners.size) return;
    this.reading = true;
    const batchSize = this.options.batchSize ?? 500;
    try {
      let head = this.head ?? (await this.readHead());
      for (;;) {
        const batch = await changesAfter(this.db, head, batchSize);
        if (!batch.length) break;
        head = this.head = batch[batch.length - 1]!.sequence;
        for (const listener of this.listeners) listener(batch);
        if (batch.length < batchSize) break;
      }
    } catch (error) {
      // The next tick reads again from the same head: nothing is skipped.
      this.options.onError?.(error);
    } finally {
      this.reading = false;
      if (!this.listeners.size) this.forget();
    }
  }
}
