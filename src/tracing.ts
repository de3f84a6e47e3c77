import { AsyncLocalStorage } from 'node:async_hooks';
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { context, SpanKind, SpanStatusCode, trace, type Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { Database } from './db/database.js';

/** OpenTelemetry tracing of one server: a span per GraphQL operation, a child span per Neo4j query. */
export interface Tracing {
  readonly plugin: ApolloServerPlugin;
  /** Opens the request's span and runs the rest of the chain inside it; the span ends with the response. */
  readonly middleware: RequestHandler;
  /** Flushes the spans not yet exported and stops the exporter. */
  shutdown(): Promise<void>;
}

export interface TracingOptions {
  /** OTLP/HTTP base URL (OTEL_EXPORTER_OTLP_ENDPOINT); spans go to `<endpoint>/v1/traces`. */
  readonly endpoint: string;
  readonly serviceName: string;
}

const currentSpan = new AsyncLocalStorage<Span>();

/**
 * Starts tracing when OTEL_EXPORTER_OTLP_ENDPOINT is set. The provider is this server's own (not registered
 * globally), so it adds nothing to processes that do not ask for it.
 */
export function createTracing(options: TracingOptions, db: Database): Tracing {
  const exporter = new OTLPTraceExporter({ url: `${options.endpoint.replace(/\/+$/, '')}/v1/traces` });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName }),
    spanProcessors: [new BatchSpanProcessor(exporter, { scheduledDelayMillis: 1_000 })],
  });
  const tracer = provider.getTracer('compute-atlas');
  const stopObserving = db.addQueryListener((mode, millis, failed) => {
    const parent = currentSpan.getStore();
    if (!parent) return;
    const end = Date.now();
    const span = tracer.startSpan(
      `neo4j ${mode}`,
      { kind: SpanKind.CLIENT, startTime: end - millis, attributes: { 'db.system': 'neo4j', 'db.operation': mode } },
      trace.setSpan(context.active(), parent),
    );
    if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(end);
  });
  const middleware: RequestHandler = (req, res, next) => {
    const span = tracer.startSpan('graphql.request', {
      kind: SpanKind.SERVER,
      attributes: { 'http.request.method': req.method, 'compute_atlas.request_id': String(req.id) },
    });
    res.on('close', () => {
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    });
    currentSpan.run(span, next);
  };
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      const span = currentSpan.getStore();
      return {
        async didResolveOperation({ operationName, operation }) {
          span?.updateName(`graphql ${operation?.operation ?? 'query'} ${operationName ?? 'anonymous'}`);
          span?.setAttributes({ 'graphql.operation.name': operationName ?? '', 'graphql.operation.type': operation?.operation ?? '' });
        },
        async willSendResponse({ response }) {
          const body = response.body.kind === 'single' ? response.body.singleResult : null;
          const codes = (body?.errors ?? []).map((e) => String(e.extensions?.code ?? ''));
          if (codes.length > 0) span?.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(',') });
        },
      };
    },
  };
  return {
    plugin,
    middleware,
    shutdown: async () => {
      stopObserving();
      await provider.shutdown();
    },
  };
}
