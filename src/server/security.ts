import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import cors from 'cors';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { ANALYSIS_FIELDS } from './analysis-cost.js';
import type { GraphContext } from '../context.js';
import { requestError, sendErrors } from './format-error.js';
import { operationCosts } from './limits.js';

export { ANALYSIS_FIELDS };

/** CORS for the origins in CORS_ORIGINS (`*` allows any); with none listed, browsers allow only same-origin calls. */
export function corsPolicy(origins: readonly string[]): RequestHandler {
  const origin = origins.includes('*') ? true : origins.length > 0 ? [...origins] : false;
  return cors({ origin, methods: ['GET', 'POST', 'OPTIONS'], maxAge: 600 });
}

/** TRUST_PROXY as express's `trust proxy` setting: true/false, a hop count, or addresses and subnets. */
export function trustProxySetting(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/**
 * Body-parser and other errors raised before GraphQL: answered as JSON with a stable code, never with the
 * framework's HTML page (which can carry a stack).
 */
export function httpErrorHandler(config: Config, log: Logger): ErrorRequestHandler {
  return (error: { type?: string; status?: number }, req, res, _next) => {
    if (error.type === 'entity.too.large') {
      sendErrors(res, 413, [
        {
          code: 'BAD_REQUEST',
          message: `The request body is larger than the limit of ${config.BODY_LIMIT} (BODY_LIMIT). Send a smaller request.`,
          details: { limit: config.BODY_LIMIT },
        },
      ]);
    } else if (error.type === 'entity.parse.failed' || error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'The request body is not valid JSON (UTF-8). Send {"query": "...", "variables": {...}}.' }]);
    } else if (error.type === 'request.aborted') {
      // The client went away while sending its body: its problem, not ours, and nobody reads the answer.
      log.warn({ requestId: String(req.id) }, 'request body aborted by the client');
      if (!res.headersSent && res.writable) sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'The request body was not received in full.' }]);
    } else {
      log.error({ err: error, requestId: String(req.id) }, 'request failed before GraphQL');
      sendErrors(res, error.status && error.status < 500 ? error.status : 500, [
        { code: error.status && error.status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message: 'The request could not be handled.' },
      ]);
    }
  };
}

const clientStore = new AsyncLocalStorage<string>();

/**
 * The client's address, for rate limits. Credentials are not looked at here: only a credential that verifies
 * (the request's viewer) earns its own bucket, so made-up keys and tokens count against the address.
 */
export const clientAddress = (req: Request): string => `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;

/** Runs the rest of the chain knowing the client's address (see clientAddress). */
export const identifyClient: RequestHandler = (req, _res, next) => clientStore.run(clientAddress(req), next);

/** The rate-limit bucket of a request: its verified viewer, else its address. */
const bucketOf = (viewer: GraphContext['viewer'] | undefined): string => (viewer ? `viewer:${viewer.id}` : (clientStore.getStore() ?? 'unknown'));

/** A fixed one-minute window per client: at most `limit` requests in it. */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
    /** Whether a fresh window admits one request costing more than the limit (analysis: its cost is capped elsewhere). */
    private readonly admitFirst = false,
  ) {}

  /**
   * Counts a request costing `cost`; returns 0 when allowed, else the milliseconds until the client may retry
   * (a whole window when the request alone costs more than the limit and admitFirst is off).
   */
  take(key: string, cost = 1): number {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (cost > this.limit && !this.admitFirst) return this.windowMs;
      this.windows.set(key, { start: now, count: cost });
      return 0;
    }
    if (window.count + cost > this.limit) return window.start + this.windowMs - now;
    window.count += cost;
    return 0;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}

/** Which budget an operation draws on: writes (mutations), analysis (ANALYSIS_FIELDS at the root), or none. */
export function rateClass(operation: OperationDefinitionNode): 'write' | 'analysis' | null {
  if (operation.operation === 'mutation') return 'write';
  const analysis = operation.selectionSet.selections.some((s) => s.kind === Kind.FIELD && ANALYSIS_FIELDS.has(s.name.value));
  return analysis ? 'analysis' : null;
}

/** Analysis units each client has running; a client may not start more than `cap` at once (one at a time above it). */
export class InFlight {
  private readonly units = new Map<string, number>();

  constructor(readonly cap: number) {}

  /** Adds `units` for `key` and returns true, or returns false when that would pass the cap. */
  acquire(key: string, units: number): boolean {
    const current = this.units.get(key) ?? 0;
    if (current > 0 && current + units > this.cap) return false;
    this.units.set(key, current + units);
    return true;
  }

  release(key: string, units: number): void {
    const left = (this.units.get(key) ?? 0) - units;
    if (left > 0) this.units.set(key, left);
    else this.units.delete(key);
  }
}

const limited = (message: string, limit: number, retryAfterSeconds: number): Error =>
  requestError(new AppError('RATE_LIMITED', message, { limit, retryAfterSeconds }), 429, { 'retry-after': String(retryAfterSeconds) });

/**
 * Per-client rate limits (per replica: each server counts its own requests), counting what an operation costs
 * (src/server/limits.ts records it): writes count root mutation fields, each alias one
 * (WRITE_RATE_LIMIT_PER_MIN); analysis counts analysis units (ANALYSIS_RATE_LIMIT_PER_MIN), and a client may
 * have at most CLIENT_ANALYSIS_IN_FLIGHT units running at once. A client is its verified viewer, else its
 * address. Over a limit the request gets RATE_LIMITED, HTTP 429 and a Retry-After header.
 */
export function rateLimitPlugin(config: Config): ApolloServerPlugin<GraphContext> {
  const limiters = {
    write: new WindowLimiter(config.WRITE_RATE_LIMIT_PER_MIN),
    analysis: new WindowLimiter(config.ANALYSIS_RATE_LIMIT_PER_MIN, 60_000, Date.now, true),
  };
  const inFlight = new InFlight(config.CLIENT_ANALYSIS_IN_FLIGHT);
  return {
    async requestDidStart() {
      let held: { key: string; units: number } | null = null;
      return {
        async didResolveOperation({ operation, request, contextValue }) {
          if (!operation) return;
          // The measured cost sees fields in fragments too; without it (invalid variables) the root fields count.
          const cost = operationCosts.get(request);
          const kind = operation.operation === 'mutation' ? 'write' : (cost ? cost.analysisUnits > 0 : rateClass(operation) === 'analysis') ? 'analysis' : null;
          const units = kind === 'write' ? (cost?.writes ?? 1) : (cost?.analysisUnits ?? 1);
          if (!kind || units === 0) return;
          const key = bucketOf(contextValue.viewer);
          const waitMs = limiters[kind].take(key, units);
          const limit = limiters[kind].limit;
          if (waitMs > 0) {
            const seconds = Math.max(1, Math.ceil(waitMs / 1000));
            const what = kind === 'write' ? 'writes' : 'analysis units';
            throw limited(`Too many ${what} from this client: at most ${limit} a minute (this request costs ${units}). Retry in ${seconds} s.`, limit, seconds);
          }
          if (kind === 'write') return;
          if (!inFlight.acquire(key, units)) {
            throw limited(
              `This client already has analyses running: at most ${inFlight.cap} analysis units at once (this request costs ${units}). Retry in 1 s.`,
              inFlight.cap,
              1,
            );
          }
          held = { key, units };
        },
        async willSendResponse() {
          if (held) inFlight.release(held.key, held.units);
          held = null;
        },
      };
    },
  };
}
