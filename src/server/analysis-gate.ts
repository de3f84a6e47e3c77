import type { GraphQLFieldResolver } from 'graphql';
import { AppError } from '../errors.js';
import { ANALYSIS_FIELDS } from './analysis-cost.js';
import { requestError } from './format-error.js';

/** Seconds a client is told to wait (Retry-After) when the analysis share of the pool is saturated. */
export const BUSY_RETRY_AFTER_S = 1;

const busy = (size: number): Error =>
  requestError(
    new AppError(
      'DATABASE_BUSY',
      `The server is running as many analyses as it allows at once (${size}, ANALYSIS_CONCURRENCY); retry in ${BUSY_RETRY_AFTER_S} s.`,
      {
        limit: size,
        retryAfterSeconds: BUSY_RETRY_AFTER_S,
      },
    ),
    503,
    { 'retry-after': String(BUSY_RETRY_AFTER_S) },
  );

/**
 * A counting semaphore bounding how many analysis fields run at once, server-wide: each holds one driver
 * connection, so with ANALYSIS_CONCURRENCY below NEO4J_POOL_SIZE the rest of the pool stays free for plain
 * reads and writes. A field waits at most `queueTimeoutMs` for a slot, and no more than four times the slots
 * may wait; past either it gets DATABASE_BUSY (HTTP 503, Retry-After), a retryable refusal.
 */
export class AnalysisGate {
  private active = 0;
  private readonly waiting: { resolve: () => void; timer: NodeJS.Timeout }[] = [];

  constructor(
    readonly size: number,
    private readonly queueTimeoutMs: number,
    private readonly maxQueue = size * 4,
  ) {}

  /** Analyses running now. */
  get running(): number {
    return this.active;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await work();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.active < this.size) {
      this.active += 1;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxQueue || this.queueTimeoutMs === 0) return Promise.reject(busy(this.size));
    return new Promise((resolve, reject) => {
      const entry = {
        resolve,
        timer: setTimeout(() => {
          this.waiting.splice(this.waiting.indexOf(entry), 1);
          reject(busy(this.size));
        }, this.queueTimeoutMs),
      };
      this.waiting.push(entry);
    });
  }

  /** Hands the slot to the next waiting field, if any (so `active` stays as it is), else frees it. */
  private release(): void {
    const next = this.waiting.shift();
    if (!next) {
      this.active -= 1;
      return;
    }
    clearTimeout(next.timer);
    next.resolve();
  }
}

type Resolvers = Record<string, unknown> & { Query?: Record<string, unknown> };

/** The resolvers with every analysis field of Query (ANALYSIS_FIELDS) run inside the gate. */
export function gateAnalysis<R extends Resolvers>(resolvers: R, gate: AnalysisGate): R {
  const query = { ...resolvers.Query };
  for (const field of ANALYSIS_FIELDS) {
    const resolve = query[field] as GraphQLFieldResolver<unknown, unknown> | undefined;
    if (typeof resolve === 'function') query[field] = (...args: Parameters<typeof resolve>) => gate.run(async () => resolve(...args));
  }
  return { ...resolvers, Query: query };
}
