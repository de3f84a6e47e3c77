import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readSeedGraph } from '../../src/ingest/seed.js';
import { projectRoot } from '../../src/project-root.js';
import { useTestServer, type GraphQLResponse } from './harness.js';

const fixture = <T>(name: string, shape: z.ZodType<T>): T => shape.parse(JSON.parse(readFileSync(path.join(projectRoot(), 'test', 'fixtures', name), 'utf8')));
const texts = z.array(z.string());
const strings = fixture('hostile-strings.json', z.object({ cypherInjection: texts, unicode: texts, malformedCursors: texts, malformedDates: texts }));
const { requests } = fixture('hostile-queries.json', z.object({ requests: z.array(z.object({ name: z.string(), body: z.unknown() })) }));

const LONG = 'x'.repeat(100_000);
const HOSTILE: string[] = [...strings.cypherInjection, ...strings.unicode, LONG, `nvidia-h100${LONG}`, `' OR 1=1 //${LONG}`];
/** Values of the wrong type, sent as variables where a string is expected. */
const WRONG_TYPES: unknown[] = [42, -1.5, true, ['a'], { $ne: null }, { toString: 'x' }];
/** Codes a hostile request may get: all say "your input was wrong", none "we broke". */
const CLIENT_CODES = new Set([
  'BAD_USER_INPUT',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'QUERY_TOO_COMPLEX',
  'NOT_FOUND',
  'OPERATION_RESOLUTION_FAILURE',
]);
/** What leaks of internals look like; none of the hostile values contains any of these. */
const LEAK =
  /Neo4jError|Neo\.(Client|Transient|Database)Error|neo4j-driver|bolt:\/\/|\bat [\w.<>]+ \(|\.ts:\d+|node_modules|Invalid input '|TypeError|ReferenceError|stacktrace/i;

// A public audit trail, so that changes(entity) is probed with every hostile value too.
const server = useTestServer({ ANALYSIS_RATE_LIMIT_PER_MIN: '1000000', BODY_LIMIT: '1mb', AUDIT_VISIBILITY: 'public' });
const seedIds = readSeedGraph().entities.map((e) => e.id);

/** Counts of the seed graph's nodes, relationships and properties, and of nodes an injection could have marked. */
async function fingerprint(): Promise<unknown> {
  return server.db.read(async (tx) => {
    const [nodes] = await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN count(n) AS n, sum(size(keys(n))) AS props', { ids: seedIds });
    const [rels] = await tx.run('MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN count(r) AS n, sum(size(keys(r))) AS props', {
      ids: seedIds,
    });
    const [marked] = await tx.run('MATCH (n) WHERE n.pwned IS NOT NULL OR n:Pwned RETURN count(n) AS n');
    return { nodes, rels, marked };
  });
}

let before: unknown;
beforeAll(async () => {
  before = await fingerprint();
});

function expectSafe(res: GraphQLResponse & { status: number }, label: string): void {
  expect(res.status, label).toBeLessThan(500);
  for (const error of res.errors ?? []) expect(CLIENT_CODES, `${label}: ${error.message}`).toContain(error.extensions?.code);
  expect(JSON.stringify(res.errors ?? []), label).not.toMatch(LEAK);
}

interface Probe {
  readonly label: string;
  readonly query: string;
  /** The variables with the hostile value in place. */
  readonly variables: (value: unknown) => Record<string, unknown>;
}

/** Every string argument of the read API, with the value passed as a variable. */
const PROBES: Probe[] = [
  { label: 'entity(id)', query: 'query Q($v: ID!) { entity(id: $v) { id } }', variables: (v) => ({ v }) },
  { label: 'node(id)', query: 'query Q($v: ID!) { node(id: $v) { id } }', variables: (v) => ({ v }) },
  { label: 'search(text)', query: 'query Q($v: String!) { search(text: $v) { score node { id } } }', variables: (v) => ({ v }) },
  { label: 'chips(after)', query: 'query Q($v: String) { chips(first: 2, after: $v) { nodes { id } } }', variables: (v) => ({ v }) },
  { label: 'filter id.eq', query: 'query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }', variables: (v) => ({ f: { id: { eq: v } } }) },
  {
    label: 'filter id.in',
    query: 'query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }',
    variables: (v) => ({ f: { id: { in: [v, 'nvidia-h100'] } } }),
  },
  { label: 'filter name.eq', query: 'query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }', variables: (v) => ({ f: { name: { eq: v } } }) },
  {
    label: 'filter name.contains',
    query: 'query Q($f: CompanyFilter) { companies(filter: $f) { totalCount } }',
    variables: (v) => ({ f: { name: { contains: v } } }),
  },
  {
    label: 'filter name.startsWith',
    query: 'query Q($f: CompanyFilter) { companies(filter: $f) { totalCount } }',
    variables: (v) => ({ f: { name: { startsWith: v } } }),
  },
  {
    label: 'filter aliases.includes',
    query: 'query Q($f: CompanyFilter) { companies(filter: $f) { totalCount } }',
    variables: (v) => ({ f: { aliases: { includes: v }, description: { contains: v } } }),
  },
  { label: 'filter relation in', query: 'query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }', variables: (v) => ({ f: { designers: { in: [v] } } }) },
  {
    label: 'filter relation asOf',
    query: 'query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }',
    variables: (v) => ({ f: { designers: { asOf: v } } }),
  },
  { label: 'filter date', query: 'query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }', variables: (v) => ({ f: { releaseDate: { gte: v } } }) },
  {
    label: 'field asOf',
    query: 'query Q($v: Date) { entity(id: "nvidia-h100") { ... on Chip { designers(asOf: $v) { node { id } } } } }',
    variables: (v) => ({ v }),
  },
];

async function tryAll(values: readonly unknown[], probes: readonly Probe[]): Promise<number> {
  let tried = 0;
  for (const probe of probes) {
    // Eight at a time: hostile, not a load test.
    for (let i = 0; i < values.length; i += 8) {
      await Promise.all(
        values.slice(i, i + 8).map(async (value) => {
          const res = await server.gql(probe.query, probe.variables(value));
          expectSafe(res, `${probe.label} = ${JSON.stringify(value).slice(0, 60)}`);
          tried += 1;
        }),
      );
    }
  }
  return tried;
}

describe('hostile input through the HTTP endpoint', () => {
  it(
    'answers injection strings, Unicode edge cases and 100 kB values in every string argument with a result or a validation error',
    { timeout: 240_000 },
    async () => {
      expect(await tryAll(HOSTILE, PROBES)).toBe(HOSTILE.length * PROBES.length);
    },
  );

  it('answers malformed cursors and dates with BAD_USER_INPUT naming the argument', async () => {
    for (const after of strings.malformedCursors.filter(Boolean)) {
      const res = await server.gql('query Q($v: String) { chips(first: 2, after: $v) { nodes { id } } }', { v: after });
      expect(res.errors?.[0]?.extensions?.code, after).toBe('BAD_USER_INPUT');
    }
    for (const date of strings.malformedDates) {
      const res = await server.gql('query Q($v: Date) { entity(id: "nvidia-h100") { ... on Chip { designers(asOf: $v) { node { id } } } } }', { v: date });
      expect(res.errors?.[0]?.extensions?.code, date).toBe('BAD_USER_INPUT');
      expectSafe(res, date);
    }
  });

  it('answers values of the wrong type with a validation error', { timeout: 240_000 }, async () => {
    await tryAll(WRONG_TYPES, PROBES);
    const res = await server.gql('query Q($v: ID!) { entity(id: $v) { id } }', { v: { $ne: null } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('finds an entity by its exact id and nothing by an injected one', async () => {
    const found = await server.data<{ entity: { id: string } | null }>('{ entity(id: "nvidia-h100") { id } }');
    expect(found.entity).toEqual({ id: 'nvidia-h100' });
    const injected = await server.data<{ entity: { id: string } | null }>('query Q($v: ID!) { entity(id: $v) { id } }', { v: "nvidia-h100' OR 1=1 //" });
    expect(injected.entity).toBeNull();
    const counted = await server.data<{ chips: { totalCount: number } }>('query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }', {
      f: { name: { eq: "' OR 1=1 //" } },
    });
    expect(counted.chips.totalCount).toBe(0);
  });

  it('refuses every request of the hostile corpus with a client error and no internals', async () => {
    for (const { name, body } of requests) {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const parsed = (await res.json()) as GraphQLResponse;
      expectSafe({ ...parsed, status: res.status }, name);
      expect(parsed.errors?.length ?? 0, name).toBeGreaterThan(0);
    }
  });

  it('tries every string argument of every root query field, including ones added later', { timeout: 240_000 }, async () => {
    const schema = await server.data<{ __schema: { queryType: { fields: { name: string; args: { name: string; type: TypeRef }[] }[] } } }>(
      '{ __schema { queryType { fields { name args { name type { kind name ofType { kind name ofType { kind name } } } } } } } }',
    );
    const probes = schema.__schema.queryType.fields.flatMap((field) => rootProbes(field.name, field.args));
    expect(probes.length).toBeGreaterThanOrEqual(3);
    await tryAll([...strings.cypherInjection.slice(0, 6), ...strings.unicode.slice(0, 8), LONG], probes);
  });

  it('leaves the graph exactly as it was', async () => {
    expect(await fingerprint()).toEqual(before);
  });
});

interface TypeRef {
  kind: string;
  name: string | null;
  ofType?: TypeRef | null;
}

const named = (t: TypeRef): TypeRef => (t.ofType ? named(t.ofType) : t);
const printType = (t: TypeRef): string => (t.kind === 'NON_NULL' ? `${printType(t.ofType!)}!` : t.kind === 'LIST' ? `[${printType(t.ofType!)}]` : t.name!);
const SAMPLE: Record<string, unknown> = { ID: 'nvidia-h100', String: 'nvidia', Date: '2025-06-01' };

/** For each String/ID/Date argument of a root field, a probe with the hostile value there and samples elsewhere. */
function rootProbes(field: string, args: { name: string; type: TypeRef }[]): Probe[] {
  const required = args.filter((a) => a.type.kind === 'NON_NULL');
  if (required.some((a) => !(named(a.type).name! in SAMPLE))) return [];
  const strings = args.filter((a) => named(a.type).name! in SAMPLE && named(a.type).kind === 'SCALAR');
  return strings.map((target) => {
    const used = [...new Map([...required, target].map((a) => [a.name, a])).values()];
    const isList = (t: TypeRef): boolean => t.kind === 'LIST' || (t.kind === 'NON_NULL' && isList(t.ofType!));
    return {
      label: `${field}(${target.name})`,
      query: `query Q(${used.map((a) => `$${a.name}: ${printType(a.type)}`).join(', ')}) { ${field}(${used.map((a) => `${a.name}: $${a.name}`).join(', ')}) { __typename } }`,
      variables: (value) =>
        Object.fromEntries(
          used.map((a) => {
            const v = a.name === target.name ? value : SAMPLE[named(a.type).name!];
            return [a.name, isList(a.type) ? [v] : v];
          }),
        ),
    };
  });
}
