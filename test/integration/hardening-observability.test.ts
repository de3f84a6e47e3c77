import http from 'node:http';
import { describe, expect, inject, it } from 'vitest';
import { startTestServer, useTestServer } from './harness.js';

const server = useTestServer();

const metricsText = async (): Promise<string> => (await fetch(`${server.url}/metrics`)).text();

describe('observability', () => {
  it('exposes Prometheus metrics: operations and latency by name, errors by code, database time and pool use', async () => {
    await server.data('query ChipById { entity(id: "nvidia-h100") { id } }');
    await server.gql('query Broken { entity(id: "nvidia-h100") { nope } }');
    const text = await metricsText();
    expect(text).toMatch(/graphql_operations_total\{operation="ChipById",type="query",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/graphql_operation_duration_seconds_count\{operation="ChipById"\} [1-9]/);
    expect(text).toMatch(/graphql_errors_total\{code="GRAPHQL_VALIDATION_FAILED"\} [1-9]/);
    expect(text).toMatch(/neo4j_query_duration_seconds_count\{mode="read",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/neo4j_pool_connections_in_use 0/);
    expect(text).toMatch(/neo4j_pool_connections_max \d+/);
    expect(text).toMatch(/neo4j_available 1/);
    expect(text).toMatch(/process_cpu_seconds_total/);
  });

  it('keeps client-chosen operation names from flooding the metric labels', async () => {
    await server.gql('query Not{ __typename }'.replace('Not', `N${'x'.repeat(100)}`));
    const text = await metricsText();
    expect(text).not.toMatch(/x{100}/);
    expect(text).toMatch(/operation="other"/);
  });
});

describe('OpenTelemetry tracing', () => {
  it('sends a span per operation, named after it, to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const received: string[] = [];
    const collector = http.createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString('latin1')));
      req.on('end', () => {
        received.push(`${req.url} ${body}`);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    const port = (collector.address() as { port: number }).port;
    const traced = await startTestServer({ OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}` });
    await traced.data('query TracedLookup { entity(id: "nvidia-h100") { id } }');
    await traced.close(); // flushes the spans
    await new Promise<void>((resolve) => collector.close(() => resolve()));
    const all = received.join('\n');
    expect(all).toContain('/v1/traces');
    expect(all).toContain('graphql query TracedLookup');
    expect(all).toContain('neo4j read');
  });
});

describe('scale-out', () => {
  it('serves through neo4j:// routing against a single instance', async () => {
    const routed = await startTestServer({ NEO4J_URI: inject('neo4jUri').replace(/^bolt:/, 'neo4j:') });
    try {
      const data = await routed.data<{ entity: { id: string }; chips: { totalCount: number } }>(
        '{ entity(id: "nvidia-h100") { id } chips(first: 1) { totalCount } }',
      );
      expect(data.entity.id).toBe('nvidia-h100');
      expect(data.chips.totalCount).toBeGreaterThan(0);
    } finally {
      await routed.close();
    }
  });

  it('runs as an Apollo Federation subgraph with entities keyed by id when FEDERATION=true', async () => {
    const subgraph = await startTestServer({ FEDERATION: 'true' });
    try {
      const sdl = (await subgraph.data<{ _service: { sdl: string } }>('{ _service { sdl } }'))._service.sdl;
      expect(sdl).toMatch(/type Chip implements Node & Entity\s+@key\(fields: "id"\)/);
      const data = await subgraph.data<{ _entities: ({ id: string; name: string } | null)[] }>(
        'query R($r: [_Any!]!) { _entities(representations: $r) { ... on Chip { id name } ... on Company { id name } } }',
        {
          r: [
            { __typename: 'Chip', id: 'nvidia-h100' },
            { __typename: 'Company', id: 'nvidia-h100' },
          ],
        },
      );
      expect(data._entities[0]).toMatchObject({ id: 'nvidia-h100' });
      expect(data._entities[1]).toBeNull();
      expect((await subgraph.data<{ entity: { id: string } }>('{ entity(id: "nvidia-h100") { id } }')).entity.id).toBe('nvidia-h100');
    } finally {
      await subgraph.close();
    }
  });

  it('keeps the plain schema, without federation fields, when FEDERATION is off', async () => {
    const res = await server.gql('{ _service { sdl } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
