import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database } from '../db/database.js';

/** Prometheus metrics of one server: its own registry, so several servers can share a process (tests). */
export interface Metrics {
  readonly registry: Registry;
  /** Counts and times GraphQL operations and counts the error codes clients receive. */
  readonly plugin: ApolloServerPlugin;
  /** Counts HTTP responses by status, including those rejected before GraphQL. */
  readonly http: RequestHandler;
  /** Serves the text exposition format at GET /metrics. */
  readonly endpoint: RequestHandler;
  /** Counts one look-up of the response cache (response-cache.ts) as a hit or a miss. */
  responseCacheLookup(result: 'hit' | 'miss'): void;
  /** Stops observing the database. */
  close(): void;
}

const MAX_OPERATION_NAMES = 200;

/**
 * The label for an operation name: client-chosen, so kept to a safe shape and a bounded set (past
 * MAX_OPERATION_NAMES distinct names, new ones count as `other`).
 */
function operationLabel(seen: Set<string>, name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'other';
  if (seen.has(name)) return name;
  if (seen.size >= MAX_OPERATION_NAMES) return 'other';
  seen.add(name);
  return name;
}

export function createMetrics(db: Database): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const operations = new Counter({
    name: 'graphql_operations_total',
    help: 'GraphQL operations by name, type and outcome.',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'graphql_operation_duration_seconds',
    help: 'GraphQL operation latency by name.',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'graphql_errors_total',
    help: 'Errors returned to clients by extensions.code.',
    labelNames: ['code'],
    registers: [registry],
  });
  const dbTime = new Histogram({
    name: 'neo4j_query_duration_seconds',
    help: 'Time of each Neo4j query by access mode and outcome.',
    labelNames: ['mode', 'outcome'],
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 10],
    registers: [registry],
  });
  const cacheLookups = new Counter({
    name: 'atlas_response_cache_total',
    help: 'Look-ups of the in-process response cache (RESPONSE_CACHE=on) by result: hit or miss.',
    labelNames: ['result'],
    registers: [registry],
  });
  const responses = new Counter({ name: 'http_responses_total', help: 'HTTP responses by status code.', labelNames: ['status'], registers: [registry] });
  new Gauge({
    name: 'neo4j_pool_connections_in_use',
    help: 'Driver connections held by running transactions.',
    registers: [registry],
    collect() {
      this.set(db.pool.inUse);
    },
  });
  new Gauge({
    name: 'neo4j_pool_connections_max',
    help: 'Size of the driver connection pool (NEO4J_POOL_SIZE).',
    registers: [registry],
    collect() {
      this.set(db.pool.size);
    },
  });
  new Gauge({
    name: 'neo4j_available',
    help: '1 while Neo4j answers, 0 while it is marked unavailable.',
    registers: [registry],
    collect() {
      this.set(db.available ? 1 : 0);
    },
  });
  const stopObserving = db.addQueryListener((mode, millis, failed) => dbTime.observe({ mode, outcome: failed ? 'error' : 'ok' }, millis / 1000));
  const seen = new Set<string>();

  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, response }) {
          const name = operationLabel(seen, operationName);
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) errors.inc({ code });
          operations.inc({ operation: name, type: operation?.operation ?? 'unknown', outcome: codes.length > 0 ? 'error' : 'ok' });
          latency.observe({ operation: name }, (performance.now() - started) / 1000);
        },
      };
    },
  };
  return {
    registry,
    plugin,
    http: (_req, res, next) => {
      res.on('finish', () => responses.inc({ status: String(res.statusCode) }));
      next();
    },
    endpoint: async (_req, res) => {
      res.set('content-type', registry.contentType).send(await registry.metrics());
    },
    responseCacheLookup: (result) => cacheLookups.inc({ result }),
    close: () => void stopObserving(),
  };
}
