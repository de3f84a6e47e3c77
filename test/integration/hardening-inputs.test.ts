import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer, type GraphQLResponse, type TestServer } from './harness.js';
import { asEditor, removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer({ ...WRITE_ENV, ANALYSIS_RATE_LIMIT_PER_MIN: '100000' });
const locked = useTestServer({ INTROSPECTION: 'false' });
const p = uniquePrefix('inputs');
afterAll(async () => {
  await removeEntities(server, [`${p}-co`, `${p}-surrogate`]);
});

/** What no client may ever read: library names and engine messages. */
const INTERNALS = /apollo|maximum call stack|RangeError|automaton|Neo4j|Cypher|Invalid input/i;

async function postBody(target: TestServer, body: unknown): Promise<GraphQLResponse & { status: number }> {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const res = await fetch(`${target.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: text });
  return { status: res.status, ...((await res.json()) as GraphQLResponse) };
}

function refusal(res: GraphQLResponse & { status: number }, code: string) {
  expect(res.status).toBeLessThan(500);
  expect(JSON.stringify(res.errors)).not.toMatch(INTERNALS);
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  return res.errors![0]!;
}

/** JSON text of an object nested `depth` deep (written out: JSON.stringify itself would overflow the stack). */
const nested = (depth: number): string => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;

describe('client input that must get a typed error naming the limit', () => {
  it('refuses variables nested 10,000 deep with QUERY_TOO_COMPLEX (nesting, 64)', async () => {
    const res = await postBody(server, `{"query": "query Q($f: ChipFilter) { chips(filter: $f) { totalCount } }", "variables": {"f": ${nested(10_000)}}}`);
    expect(refusal(res, 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ measure: 'nesting', limit: 64 });
  });

  it('refuses a list literal nested 2,000 deep with QUERY_TOO_COMPLEX (nesting, 64)', async () => {
    const res = await postBody(server, { query: `{ search(text: "a", kinds: ${'['.repeat(2_000)}COMPANY${']'.repeat(2_000)}) { score } }` });
    expect(refusal(res, 'QUERY_TOO_COMPLEX').extensions).toMatchObject({ measure: 'nesting', limit: 64, value: 2_000 + 2 });
  });

  it('refuses shortestPath(maxLength: 0) with BAD_USER_INPUT naming maxLength', async () => {
    const res = await server.gql('{ shortestPath(from: "deepseek", to: "nvidia", maxLength: 0) { length } }');
    const error = refusal(res, 'BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ argument: 'maxLength' });
    expect(error.message).toMatch(/1 or more/);
  });

  it('refuses a search word longer than 100 characters, and answers one of 100', async () => {
    const res = await server.gql('query Q($t: String!) { search(text: $t) { score } }', { t: `nvidia ${'h'.repeat(1_500)}` });
    expect(refusal(res, 'BAD_USER_INPUT').extensions).toMatchObject({ argument: 'text', limit: 100, value: 1_500 });
    const longest = await server.gql('query Q($t: String!) { search(text: $t) { score } }', { t: 'q'.repeat(100) });
    expect(longest.errors).toBeUndefined();
  });

  it('refuses an entity id of 100,000 characters as data naming input.id, and an id of 200 is accepted', async () => {
    const create = 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { entity { id } errors { code field message } } }';
    const long = await server.data<{ createCompany: { errors: { code: string; field: string; message: string }[] } }>(
      create,
      { input: { id: 'a'.repeat(100_000), name: 'Long', sources: ['src-epoch-notable-models'] } },
      asEditor,
    );
    expect(long.createCompany.errors).toContainEqual(
      expect.objectContaining({ code: 'INVALID_ID', field: 'input.id', message: expect.stringMatching(/at most 200 characters/) }),
    );
    const id = `${p}-co`.padEnd(200, 'x');
    const ok = await server.data<{ createCompany: { entity: { id: string } | null } }>(
      create,
      { input: { id, name: 'Long enough', sources: ['src-epoch-notable-models'] } },
      asEditor,
    );
    expect(ok.createCompany.entity?.id).toBe(id);
    await removeEntities(server, [id]);
  });

  it("answers a bogus persisted-query hash with Apollo's PERSISTED_QUERY_NOT_FOUND", async () => {
    const res = await postBody(server, { extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } } });
    refusal(res, 'PERSISTED_QUERY_NOT_FOUND');
    const mismatch = await postBody(server, { query: '{ __typename }', extensions: { persistedQuery: { version: 1, sha256Hash: 'not-a-hash' } } });
    expect(mismatch.status).toBe(400);
    expect(JSON.stringify(mismatch.errors)).not.toMatch(INTERNALS);
  });

  it('rejects lone surrogates in variables and literals with BAD_USER_INPUT naming the field, and stores nothing', async () => {
    const create = 'mutation($input: CreateCompanyInput!) { createCompany(input: $input) { entity { id } } }';
    const res = await server.gql(create, { input: { id: `${p}-surrogate`, name: 'Bad \ud800 name', sources: ['src-epoch-notable-models'] } }, asEditor);
    expect(refusal(res, 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'input.name' });
    expect((await server.data<{ entity: unknown }>(`{ entity(id: "${p}-surrogate") { id } }`)).entity).toBeNull();
    const search = await server.gql('query Q($t: String!) { search(text: $t) { score } }', { t: 'nvidia \udfff' });
    expect(refusal(search, 'BAD_USER_INPUT').extensions).toMatchObject({ field: 't' });
    // In a literal, GraphQL's lexer refuses it.
    refusal(await server.gql('{ search(text: "nvidia \ud800") { score } }'), 'GRAPHQL_PARSE_FAILED');
  });
});

describe('errors that reveal nothing', () => {
  it('gives no "Did you mean" suggestions when INTROSPECTION=false', async () => {
    const field = await locked.gql('{ entiti(id: "nvidia-h100") { id } }');
    expect(field.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const value = await locked.gql('{ search(text: "a", kinds: [COMPANI]) { score } }');
    for (const res of [field, value]) expect(JSON.stringify(res.errors)).not.toMatch(/did you mean/i);
    expect(JSON.stringify((await server.gql('{ entiti(id: "x") { id } }')).errors)).toMatch(/did you mean/i);
  });

  it('never names the library: introspection refused, an unsupported method, a deferred fragment', async () => {
    const introspection = await locked.gql('{ __schema { types { name } } }');
    expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
    const put = await fetch(`${server.url}/graphql`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
    const deferred = await server.gql('{ ... @defer { __typename } }');
    for (const text of [JSON.stringify(introspection), await put.text(), JSON.stringify(deferred)]) expect(text).not.toMatch(INTERNALS);
  });
});
