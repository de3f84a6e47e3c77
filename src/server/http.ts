import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import express from 'express';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import type { Config } from '../config.js';
import { requestStats, type Database, type QueryStats } from '../db/database.js';
import { buildResolvers } from '../resolvers/index.js';
import { createLoaders } from '../resolvers/loaders.js';
import type { GraphContext } from './context.js';
import { formatError } from './format-error.js';
import { loadTypeDefs } from './schema.js';

export interface AtlasServer {
  readonly app: express.Express;
  readonly httpServer: http.Server;
  readonly apollo: ApolloServer<GraphContext>;
  /** Starts listening; resolves with the bound port. */
  listen(port: number, host: string): Promise<number>;
  /** Stops accepting requests and lets in-flight ones finish. */
  stop(): Promise<void>;
}

/** Builds the HTTP app: health probes, then GraphQL at /graphql. Does not listen. */
export async function createServer(config: Config, db: Database, log: Logger): Promise<AtlasServer> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<GraphContext>({
    typeDefs: loadTypeDefs(),
    resolvers: buildResolvers(),
    introspection: config.INTROSPECTION,
    csrfPrevention: true,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => formatError(formatted, error, log, currentRequestId()),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      {
        async requestDidStart() {
          return {
            async willSendResponse({ response, contextValue }) {
              if (response.body.kind === 'single') {
                response.body.singleResult.extensions = { ...response.body.singleResult.extensions, requestId: contextValue.requestId, stats: requestStats.getStore() };
              }
            },
          };
        },
      },
    ],
  });
  await apollo.start();

  app.use(
    pinoHttp({
      logger: log,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[\w.-]{1,64}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/readyz', async (_req, res) => {
    try {
      await db.verify();
      res.json({ status: 'ready' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'Neo4j does not answer' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: config.BODY_LIMIT }),
    (req, _res, next) => requestIdStore.run(String(req.id), () => requestStats.run({ dbQueries: 0, dbMillis: 0 } satisfies QueryStats, next)),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const controller = new AbortController();
        res.on('close', () => controller.abort());
        return {
          db,
          config,
          loaders: createLoaders(db),
          viewer: null,
          requestId: String(req.id),
          log: req.log,
          signal: controller.signal,
        };
      },
    }),
  );

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
    stop: () => apollo.stop(),
  };
}

const requestIdStore = new AsyncLocalStorage<string>();
const currentRequestId = (): string => requestIdStore.getStore() ?? 'unknown';
