import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { makeExecutableSchema } from '@graphql-tools/schema';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql/index.js';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { credentialOf, requireReader, resolveViewer } from '../auth/viewer.js';
import type { Config } from '../config.js';
import { queryScope, requestStats, type Database } from '../db/database.js';
import { ChangeFollower } from '../resolvers/change-follower.js';
import { SequenceCache } from '../resolvers/change-sequence.js';
import { buildResolvers } from '../resolvers/index.js';
import { createLoaders } from '../resolvers/loaders.js';
import type { GraphContext } from '../context.js';
import { AnalysisGate, gateAnalysis } from './analysis-gate.js';
import { requestDeadline, signalOf } from './deadline.js';
import { metricsGuard, redactedRequest } from './exposure.js';
import { formatError } from './format-error.js';
import { conditionalGet, httpCachePlugin } from './http-cache.js';
import { costLimits, costLimitsPlugin } from './limits.js';
import { mountLive, subscriptionsElsewhere } from './live.js';
import { createMetrics } from './metrics.js';
import { responseCachePlugins } from './response-cache.js';
import { mountPages } from './pages.js';
import { tokenLimit } from './pre-parse.js';
import { loadTypeDefs } from './schema.js';
import { documentHash, loadTrustedDocuments, manifestCache, trustedOnly } from './trusted-documents.js';
import { corsPolicy, httpErrorHandler, identifyClient, rateLimitPlugin, trustProxySetting } from './security.js';

export interface AtlasServer {
  readonly app: express.Express;
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<GraphContext>;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests and lets in-flight ones finish. */
  stop(): Promise<void>;
}

/** Adds the request id and the database statistics to every response's extensions, and Retry-After to retryable refusals. */
const responseExtensions: ApolloServerPlugin<GraphContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single') {
          const requestId = contextValue.requestId ?? currentRequestId();
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId, stats: requestStats.getStore() };
          // Unknown ids of fields that answered null: the data stays null as the SDL says, the hint rides alongside.
          if (contextValue.suggestions?.size) response.body.singleResult.extensions.suggestions = Object.fromEntries(contextValue.suggestions);
          // A field refused as DATABASE_BUSY or RATE_LIMITED tells the client when to retry, as a request-level refusal does.
          const retry = response.body.singleResult.errors?.map((e) => e.extensions?.retryAfterSeconds).find((s) => typeof s === 'number');
          if (retry !== undefined && !response.http.headers.has('retry-after')) response.http.headers.set('retry-after', String(retry));
        }
      },
    };
  },
};

/**
 * The executable schema (a federation subgraph when FEDERATION=true), shared by Apollo (/graphql) and the
 * change feed (/graphql/stream).
 */
async function buildSchema(config: Config): Promise<GraphQLSchema> {
  // Federation and tracing load their libraries only when switched on: they cost ~0.4 s of start-up.
  // Analysis fields run inside the gate: at most ANALYSIS_CONCURRENCY of the driver's connections at once.
  const resolvers = gateAnalysis(buildResolvers(), new AnalysisGate(config.ANALYSIS_CONCURRENCY, config.ANALYSIS_QUEUE_TIMEOUT_MS));
  return config.FEDERATION
    ? (await import('./federation.js')).subgraphSchema(loadTypeDefs(), resolvers as Record<string, object>)
    : makeExecutableSchema({ typeDefs: loadTypeDefs(), resolvers: resolvers as Record<string, object> });
}

/**
 * The Apollo server: CSRF prevention, introspection per INTROSPECTION, cost limits, rate limits, and errors
 * that never show internals.
 */
function createApollo(
  config: Config,
  log: Logger,
  httpServer: http.Server,
  schema: GraphQLSchema,
  trusted: ReadonlyMap<string, string> | null,
  plugins: ApolloServerPlugin<GraphContext>[],
): ApolloServer<GraphContext> {
  return new ApolloServer<GraphContext>({
    schema,
    // APQ as Apollo ships it (an in-memory cache per replica); with TRUSTED_DOCUMENTS, the manifest, read-only.
    ...(trusted ? { persistedQueries: { cache: manifestCache(trusted) } } : {}),
    introspection: config.INTROSPECTION,
    // No "Did you mean …?" suggestions naming schema fields, types or values when the schema is not public.
    hideSchemaDetailsFromClientErrors: !config.INTROSPECTION,
    csrfPrevention: true,
    // src/index.ts owns SIGINT/SIGTERM: it stops Apollo, then the driver and the local Neo4j, in that order.
    stopOnTerminationSignals: false,
    includeStacktraceInErrorResponses: false,
    parseOptions: { maxTokens: config.MAX_TOKENS },
    formatError: (formatted, error) => formatError(formatted, error, log, currentRequestId()),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      subscriptionsElsewhere,
      httpCachePlugin,
      ApolloServerPluginCacheControl({ defaultMaxAge: config.CACHE_MAX_AGE_S }),
      costLimitsPlugin(costLimits(config)),
      rateLimitPlugin(config),
      responseExtensions,
      ...plugins,
    ],
  });
}

/** The request id: a well-formed incoming `x-request-id`, else a fresh UUID; echoed in the response. */
function requestId(req: http.IncomingMessage, res: http.ServerResponse): string {
  const incoming = req.headers['x-request-id'];
  const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
  res.setHeader('x-request-id', id);
  return id;
}

/**
 * Access logs with pino-http at LOG_LEVEL info or finer. Above that level no request line is ever written, so
 * only the request id and a child logger carrying it are set up: pino-http would still serialise every request
 * into a child logger, about 5 % of the CPU of a small query.
 */
const requestLogger = (log: Logger): express.RequestHandler => {
  if (!log.isLevelEnabled('info')) {
    return (req, res, next) => {
      req.id = requestId(req, res);
      req.log = log.child({ reqId: req.id });
      next();
    };
  }
  return pinoHttp({
    logger: log,
    genReqId: requestId,
    serializers: { req: redactedRequest },
    autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' || req.url === '/metrics' },
  });
};

/** 200 while Neo4j answers within 3 s, else 503 (the process itself stays up: see /healthz). */
const readiness =
  (db: Database): express.RequestHandler =>
  async (_req, res) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 3_000)));
    try {
      await Promise.race([db.verify(), timeout]);
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j does not answer' });
    } finally {
      clearTimeout(timer);
    }
  };

/** Builds the HTTP app: health probes, metrics, pages, then GraphQL at /graphql. Does not listen. */
export async function createServer(config: Config, db: Database, log: Logger): Promise<AtlasServer> {
  const app = express();
  app.disable('x-powered-by');
  // ETags are the change sequence's (http-cache.ts), not express's hash of each body: those differ by request id.
  app.set('etag', false);
  app.set('trust proxy', trustProxySetting(config.TRUST_PROXY));
  // Slow or never-finished requests are cut (408) after these; Node checks them every second.
  const headersTimeout = Math.min(config.HTTP_HEADERS_TIMEOUT_MS, config.HTTP_REQUEST_TIMEOUT_MS);
  const httpServer = http.createServer({ requestTimeout: config.HTTP_REQUEST_TIMEOUT_MS, headersTimeout, connectionsCheckingInterval: 1_000 }, app);
  httpServer.maxConnections = config.MAX_CONNECTIONS;
  const metrics = createMetrics(db);
  const endpoint = config.OTEL_EXPORTER_OTLP_ENDPOINT;
  const tracing = endpoint ? (await import('../tracing.js')).createTracing({ endpoint, serviceName: config.OTEL_SERVICE_NAME }, db) : null;
  const schema = await buildSchema(config);
  const trusted = config.TRUSTED_DOCUMENTS ? loadTrustedDocuments(config.TRUSTED_DOCUMENTS) : null;
  // The same SDL on every replica gives the same digest, so their ETags agree.
  const schemaDigest = documentHash(loadTypeDefs());
  const sequences = new SequenceCache(db, config.HTTP_CACHE_SEQUENCE_MS);
  const responseCache = config.RESPONSE_CACHE
    ? responseCachePlugins({ maxMb: config.RESPONSE_CACHE_MB, sequences, onLookup: (result) => metrics.responseCacheLookup(result) })
    : [];
  const apollo = createApollo(config, log, httpServer, schema, trusted, [metrics.plugin, ...responseCache, ...(tracing ? [tracing.plugin] : [])]);
  await apollo.start();
  const follower = new ChangeFollower(db, { intervalMs: config.LIVE_POLL_MS, onError: (err) => log.warn({ err }, 'reading the change feed failed') });
  follower.start();

  app.use(requestLogger(log), metrics.http);
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', readiness(db));
  app.get('/metrics', metricsGuard(config), metrics.endpoint);
  mountPages(app, config);
  // Before /graphql, which would match /graphql/stream as a prefix.
  const endStreams = mountLive(app, '/graphql/stream', { schema, config, db, follower, log, trusted }, [
    corsPolicy(config.CORS_ORIGINS),
    express.json({ limit: config.BODY_LIMIT }),
    identifyClient,
  ]);
  app.use(
    '/graphql',
    corsPolicy(config.CORS_ORIGINS),
    ...(tracing ? [tracing.middleware] : []),
    express.json({ limit: config.BODY_LIMIT }),
    tokenLimit(costLimits(config)),
    identifyClient,
    requestDeadline(config.REQUEST_TIMEOUT_MS),
    ...(trusted ? [trustedOnly(trusted)] : []),
    conditionalGet(sequences, schemaDigest, config.CACHE_MAX_AGE_S),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const viewer = await resolveViewer(req, config);
        const credentialPresented = credentialOf(req.headers) !== null;
        try {
          requireReader({ viewer, config, credentialPresented });
        } catch (error) {
          // Thrown from context creation, only a GraphQLError keeps its code and HTTP status.
          throw new GraphQLError((error as Error).message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
        }
        return {
          db,
          config,
          loaders: createLoaders(db),
          viewer,
          requestId: String(req.id),
          log: req.log,
          signal: signalOf(res),
          etag: res.locals.etag as string | undefined,
          sequence: res.locals.sequence as number | undefined,
          credentialPresented,
          suggestions: new Map(),
        };
      },
    }),
  );
  app.use(httpErrorHandler(config, log));

  return {
    app,
    httpServer,
    apollo,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          const address = httpServer.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      }),
    stop: async () => {
      follower.stop();
      endStreams();
      await apollo.stop();
      metrics.close();
      await tracing?.shutdown();
    },
  };
}

/** The request id requestDeadline put in the query scope, for errors formatted outside a resolver. */
const currentRequestId = (): string => queryScope.getStore()?.requestId ?? 'unknown';
