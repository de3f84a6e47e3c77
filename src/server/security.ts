import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import cors from 'cors';
import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { Kind, type OperationDefinitionNode } from 'graphql';
import type { Logger } from 'pino';
import { credentialOf, keyFingerprint } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { AppError } from '../errors.js';
import { requestError, sendErrors } from './format-error.js';
import { analysisResolvers } from '../resolvers/analysis.resolvers.js';

/** Root query fields that run graph analysis or full-text search: rate limited like writes, with their own budget. */
export const ANALYSIS_FIELDS: ReadonlySet<string> = new Set(Object.keys(analysisResolvers.Query));

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
      sendErrors(res, 413, [{ code: 'BAD_REQUEST', message: `The request body is larger than the limit of ${config.BODY_LIMIT} (BODY_LIMIT). Send a smaller request.`, details: { limit: config.BODY_LIMIT } }]);
    } else if (error.type === 'entity.parse.failed' || error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') {
      sendErrors(res, 400, [{ code: 'BAD_REQUEST', message: 'The request body is not valid JSON (UTF-8). Send {"query": "...", "variables": {...}}.' }]);
    } else {
      log.error({ err: error, requestId: String(req.id) }, 'request failed before GraphQL');
      sendErrors(res, error.status && error.status < 500 ? error.status : 500, [{ code: error.status && error.status < 500 ? 'BAD_REQUEST' : 'INTERNAL_SERVER_ERROR', message: 'The request could not be handled.' }]);
    }
  };
}

const clientStore = new AsyncLocalStorage<string>();

/** Who is asking, for rate limits: the credential presented (hashed; valid or not), else the client address. */
export function clientKey(req: Request): string {
  const key = credentialOf(req.headers);
  if (key) return `key:${keyFingerprint(key)}`;
  return `ip:${req.ip ?? req.socket.remoteAddress ?? 'unknown'}`;
}

/** Runs the rest of the chain knowing the client (see clientKey). */
export const identifyClient: RequestHandler = (req, _res, next) => clientStore.run(clientKey(req), next);

/** A fixed one-minute window per client: at most `limit` requests in it. */
export class WindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly windowMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request; returns 0 when allowed, else the milliseconds until the client may retry. */
  take(key: string): number {
    const now = this.now();
    if (this.windows.size > 10_000) this.sweep(now);
    const window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (window.count >= this.limit) return window.start + this.windowMs - now;
    window.count += 1;
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

/**
 * Per-client rate limits (per replica: each server counts its own requests) on writes
 * (WRITE_RATE_LIMIT_PER_MIN) and analysis queries (ANALYSIS_RATE_LIMIT_PER_MIN). Over the limit the request
 * gets RATE_LIMITED, HTTP 429 and a Retry-After header.
 */
export function rateLimitPlugin(config: Config): ApolloServerPlugin {
  const limiters = { write: new WindowLimiter(config.WRITE_RATE_LIMIT_PER_MIN), analysis: new WindowLimiter(config.ANALYSIS_RATE_LIMIT_PER_MIN) };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation }) {
          const kind = operation && rateClass(operation);
          if (!kind) return;
          const waitMs = limiters[kind].take(clientStore.getStore() ?? 'unknown');
          if (waitMs === 0) return;
          const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
          const limit = limiters[kind].limit;
          const error = new AppError(
            'RATE_LIMITED',
            `Too many ${kind === 'write' ? 'write' : 'analysis'} requests from this client: at most ${limit} a minute. Retry in ${retryAfterSeconds} s.`,
            { limit, retryAfterSeconds },
          );
          throw requestError(error, 429, { 'retry-after': String(retryAfterSeconds) });
        },
      };
    },
  };
}
