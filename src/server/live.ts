import { STATUS_CODES, type ServerResponse } from 'node:http';
import type express from 'express';
import { getOperationAST, GraphQLError, parse, validate, type GraphQLSchema } from 'graphql/index.js';
import { createHandler, type OperationArgs, type Request as SseRequest } from 'graphql-sse';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from 'pino';
import { credentialOf, requireReader, resolveViewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import type { GraphContext } from '../context.js';
import type { Database } from '../db/database.js';
import { AppError } from '../errors.js';
import type { ChangeFollower } from '../resolvers/change-follower.js';
import { createLoaders } from '../resolvers/loaders.js';
import { formatError, requestError } from './format-error.js';
import { writeSseReply, type SseReply } from './sse-response.js';
import { isTrusted, untrustedOperation } from './trusted-documents.js';

type Raw = express.Request;
/** graphql-sse wants an open record as context. */
type LiveContext = GraphContext & Record<PropertyKey, unknown>;

const json = (status: number, errors: { message: string; extensions: Record<string, unknown> }[]): SseReply => [
  JSON.stringify({ errors }),
  { status, statusText: STATUS_CODES[status] ?? 'Error', headers: { 'content-type': 'application/json; charset=utf-8' } },
];

const refusal = (status: number, error: AppError, requestId: string): SseReply =>
  json(status, [{ message: error.message, extensions: { code: error.code, requestId, ...error.details } }]);

export interface LiveOptions {
  readonly schema: GraphQLSchema;
  readonly config: Config;
  readonly db: Database;
  readonly follower: ChangeFollower;
  readonly log: Logger;
  /** The trusted-documents manifest (TRUSTED_DOCUMENTS), or null when any subscription may run. */
  readonly trusted: ReadonlyMap<string, string> | null;
}

/**
 * The operation a stream request carries, checked as /graphql checks its own: at most MAX_TOKENS, valid, and a
 * subscription (queries and mutations go to /graphql, which applies the cost and rate limits).
 */
function operationOf(schema: GraphQLSchema, query: string, operationName: string | undefined, maxTokens: number): ReturnType<typeof parse> {
  let document;
  try {
    document = parse(query, { maxTokens });
  } catch (error) {
    throw new AppError('BAD_USER_INPUT', error instanceof GraphQLError ? error.message : 'The query could not be parsed.');
  }
  const invalid = validate(schema, document);
  if (invalid.length) throw new AppError('BAD_USER_INPUT', invalid.map((e) => e.message).join(' '));
  if (getOperationAST(document, operationName)?.operation !== 'subscription') {
    throw new AppError('BAD_USER_INPUT', 'Only subscriptions are served at /graphql/stream; send queries and mutations to /graphql.');
  }
  return document;
}

/** Refuses, on /graphql, a subscription (Apollo would run its resolve function once, on nothing), naming where to send it. */
export const subscriptionsElsewhere: ApolloServerPlugin<GraphContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation }) {
        if (operation?.operation !== 'subscription') return;
        throw requestError(
          new AppError('BAD_USER_INPUT', 'Subscriptions are served as Server-Sent Events at /graphql/stream (graphql-sse); send them there.'),
          400,
        );
      },
    };
  },
};

/** The graphql-sse handler: the reader check of /graphql, subscriptions only, errors formatted as /graphql formats them. */
function liveHandler({ schema, config, db, follower, log, trusted }: LiveOptions) {
  return createHandler<Raw, { res: ServerResponse }, LiveContext>({
    schema,
    onSubscribe: async (req: SseRequest<Raw, { res: ServerResponse }>, params): Promise<SseReply | OperationArgs<LiveContext>> => {
      const raw = req.raw;
      const requestId = String(raw.id);
      const viewer = await resolveViewer(raw, config);
      try {
        requireReader({ viewer, config, credentialPresented: credentialOf(raw.headers) !== null });
        if (trusted && !isTrusted(trusted, { document: params.query })) throw untrustedOperation();
        const document = operationOf(schema, params.query, params.operationName ?? undefined, config.MAX_TOKENS);
        const contextValue: LiveContext = {
          db,
          config,
          loaders: createLoaders(db),
          viewer,
          requestId,
          log: raw.log,
          signal: new AbortController().signal,
          changes: follower,
        };
        return { schema, document, operationName: params.operationName, variableValues: params.variables, contextValue };
      } catch (error) {
        if (error instanceof AppError) return refusal(error.code === 'UNAUTHENTICATED' ? 401 : 400, error, requestId);
        throw error;
      }
    },
    onNext: (ctx, _req, result) =>
      result.errors?.length ? { ...result, errors: result.errors.map((e) => formatError(e.toJSON(), e, log, ctx.requestId)) as never } : undefined,
  });
}

/**
 * Mounts the change feed at /graphql/stream: Server-Sent Events in graphql-sse's protocol, fed by the process's
 * ChangeFollower. Returns what ends every open stream (for shutdown).
 */
export function mountLive(app: express.Express, path: string, options: LiveOptions, before: express.RequestHandler[]): () => void {
  const handler = liveHandler(options);
  const open = new Set<ServerResponse>();
  app.use(path, ...before, async (req, res, next) => {
    if (open.size >= options.config.LIVE_MAX_SUBSCRIBERS) {
      const full = new AppError(
        'DATABASE_BUSY',
        `This replica serves its maximum of ${options.config.LIVE_MAX_SUBSCRIBERS} streams (LIVE_MAX_SUBSCRIBERS); retry shortly or on another replica.`,
        { retryAfterSeconds: 5 },
      );
      return void writeSseReply(res.setHeader('retry-after', '5'), refusal(503, full, String(req.id)), options.config.LIVE_BUFFER_BYTES);
    }
    open.add(res);
    res.once('close', () => open.delete(res));
    try {
      const reply = await handler({
        method: req.method,
        url: req.url,
        headers: { get: (k) => headerOf(req, k) },
        body: bodyOf(req),
        raw: req,
        context: { res },
      });
      const outcome = await writeSseReply(res, reply, options.config.LIVE_BUFFER_BYTES);
      if (outcome === 'dropped') options.log.warn({ reqId: req.id, limitBytes: options.config.LIVE_BUFFER_BYTES }, 'slow change-feed client dropped');
    } catch (error) {
      next(error);
    }
  });
  return () => {
    for (const res of open) res.end();
  };
}

/** express.json leaves `{}` on requests without a JSON body (a GET); graphql-sse reads GET params from the URL then. */
const bodyOf = (req: express.Request): Record<string, unknown> | null =>
  req.method === 'GET' ? null : ((req.body as Record<string, unknown> | undefined) ?? null);

const headerOf = (req: express.Request, key: string): string | undefined => {
  const value = req.headers[key];
  return Array.isArray(value) ? value.join('\n') : value;
};
