import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer, type TestServer } from './harness.js';
import { removeEntities, uniquePrefix, WRITE_ENV, asEditor } from './write-helpers.js';

const BY_ID = '{ entity(id: "nvidia-h100") { id name } }';
const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

// Apollo's CSRF prevention stays on: a GET must carry a header a simple cross-site request cannot.
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

const server = useTestServer({ ...WRITE_ENV, CACHE_MAX_AGE_S: '30', HTTP_CACHE_SEQUENCE_MS: '0' });

/** A GET of `query` (none when empty: an operation named by its hash alone) with these extra parameters. */
function get(s: TestServer, query: string, headers: Record<string, string> = {}, extra: Record<string, string> = {}): Promise<Response> {
  const params = new URLSearchParams({ ...(query ? { query } : {}), ...extra });
  return fetch(`${s.url}/graphql?${params.toString()}`, { headers: { ...PREFLIGHT, ...headers } });
}

const prefix = uniquePrefix('cache');
afterAll(() => removeEntities(server, [`${prefix}-co`]));

describe('queries over GET with HTTP caching', () => {
  it('answers a query over GET with public Cache-Control from the hints and an ETag', async () => {
    const res = await get(server, BY_ID);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: unknown }).data).toEqual({ entity: { id: 'nvidia-h100', name: expect.any(String) } });
    expect(res.headers.get('cache-control')).toBe('max-age=30, public');
    expect(res.headers.get('etag')).toMatch(/^W\/"\d+-[\w-]+"$/);
  });

  it('answers If-None-Match with 304 without running the query, until a write changes the sequence', async () => {
    const first = await get(server, BY_ID);
    const etag = first.headers.get('etag')!;
    let queries = 0;
    const stop = server.db.addQueryListener(() => (queries += 1));
    const again = await get(server, BY_ID, { 'if-none-match': etag });
    stop();
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe(etag);
    // HTTP_CACHE_SEQUENCE_MS=0 here: the one read is of the sequence (default: at most one a second per replica).
    expect(queries).toBe(1);

    await server.data(
      `mutation { createCompany(input: { id: "${prefix}-co", name: "Cache Co", sources: ["src-epoch-notable-models"] }) { entity { id } } }`,
      {},
      asEditor,
    );
    const changed = await get(server, BY_ID, { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
  });

  it('makes an answer to a caller with credentials private, with its own ETag', async () => {
    const anonymous = await get(server, BY_ID);
    const editor = await get(server, BY_ID, asEditor);
    expect(editor.headers.get('cache-control')).toBe('max-age=30, private');
    expect(editor.headers.get('etag')).not.toBe(anonymous.headers.get('etag'));
    expect(editor.headers.get('vary')).toContain('x-api-key');
  });

  it('sends no-store and no ETag for the audit trail, and refuses a mutation over GET', async () => {
    const changes = await get(server, '{ changes(first: 1) { edges { cursor } } }');
    expect(changes.headers.get('cache-control')).toBe('no-store');
    expect(changes.headers.get('etag')).toBeNull();
    const mutation = await get(server, `mutation { deleteEntity(id: "${prefix}-none") { deletedId } }`, asEditor);
    expect(mutation.status).toBe(405);
  });

  it('refuses a subscription sent to /graphql with BAD_USER_INPUT naming /graphql/stream', async () => {
    const res = await server.gql('subscription { changes { cursor } }', {}, asEditor);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('/graphql/stream');
  });

  it('refuses a GET without a preflight header (CSRF prevention)', async () => {
    const res = await fetch(`${server.url}/graphql?${new URLSearchParams({ query: BY_ID }).toString()}`);
    expect(res.status).toBe(400);
  });

  it('runs an automatic persisted query by hash over GET once it was registered', async () => {
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(BY_ID) } });
    const unknown = (await (await get(server, '', {}, { extensions })).json()) as { errors: { extensions: { code: string } }[] };
    expect(unknown.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    await get(server, BY_ID, {}, { extensions });
    const byHash = (await (await get(server, '', {}, { extensions })).json()) as { data: { entity: { id: string } } };
    expect(byHash.data.entity.id).toBe('nvidia-h100');
  });
});

const trustedDir = mkdtempSync(path.join(tmpdir(), 'atlas-trusted-'));
const manifest = path.join(trustedDir, 'manifest.json');
writeFileSync(manifest, JSON.stringify({ [sha256(BY_ID)]: BY_ID }));
const locked = useTestServer({ TRUSTED_DOCUMENTS: manifest });

describe('trusted-documents mode', () => {
  it('runs a document of the manifest, by its text or by its hash alone', async () => {
    expect(await locked.data(BY_ID)).toEqual({ entity: { id: 'nvidia-h100', name: expect.any(String) } });
    const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(BY_ID) } });
    const byHash = (await (await get(locked, '', {}, { extensions })).json()) as { data: { entity: { id: string } } };
    expect(byHash.data.entity.id).toBe('nvidia-h100');
  });

  it('refuses any other operation with OPERATION_NOT_TRUSTED before running it', async () => {
    const res = await locked.gql('{ entity(id: "nvidia-a100") { id } }');
    expect(res.status).toBe(400);
    expect(res.data).toBeUndefined();
    expect(res.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_TRUSTED');
    const other = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256('{ __typename }') } });
    const byHash = (await (await get(locked, '', {}, { extensions: other })).json()) as { errors: { extensions: { code: string } }[] };
    expect(byHash.errors[0]!.extensions.code).toBe('OPERATION_NOT_TRUSTED');
  });
});
