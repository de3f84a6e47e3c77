import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { Neo4jGraphQL } from '@neo4j/graphql';
import express from 'express';
import neo4j from 'neo4j-driver';
import { announceReady, benchEnv } from './ready.js';
import { peerTypeDefs } from './peer-typedefs.js';

/**
 * The peer: @neo4j/graphql 7 over the same database, on the same stack as ours (express 5, Apollo Server 5,
 * the express5 integration, JSON body parser). It compiles each GraphQL operation into one Cypher query.
 */
async function main(): Promise<void> {
  const env = benchEnv();
  const driver = neo4j.driver(env.uri, neo4j.auth.basic('neo4j', ''), { maxConnectionPoolSize: 50 });
  await driver.verifyConnectivity();
  const schema = await new Neo4jGraphQL({ typeDefs: peerTypeDefs(), driver }).getSchema();
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer({ schema, csrfPrevention: true, includeStacktraceInErrorResponses: false });
  await apollo.start();
  app.get('/readyz', (_req, res) => void res.json({ status: 'ready' }));
  app.use('/graphql', express.json({ limit: '256kb' }), expressMiddleware(apollo, { context: async () => ({ sessionConfig: { database: 'neo4j' } }) }));
  httpServer.listen(env.port, '127.0.0.1', () => announceReady(httpServer));
  process.on(
    'SIGTERM',
    () =>
      void apollo
        .stop()
        .then(() => driver.close())
        .then(() => process.exit(0)),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`peer server failed: ${(error as Error).stack}\n`);
  process.exit(1);
});
