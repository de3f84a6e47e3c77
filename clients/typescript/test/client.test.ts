import { afterAll, describe, expect, it } from 'vitest';
import { useTestServer } from '../../../test/integration/harness.js';
import { within } from '../../../test/integration/wait.js';
import { API_KEY, removeEntities, uniquePrefix, WRITE_ENV } from '../../../test/integration/write-helpers.js';
import {
  AtlasClient,
  AtlasError,
  ChangeCursorDocument,
  changes,
  CreateCompanyDocument,
  DeleteEntityDocument,
  EntityByIdDocument,
  type ChangeEvent,
} from '../src/index.js';

// The client against the real server and the real test Neo4j, with the audit trail for editors only.
const server = useTestServer({ ...WRITE_ENV, AUDIT_VISIBILITY: 'editors', LIVE_POLL_MS: '100' });
const prefix = uniquePrefix('client');
const id = `${prefix}-co`;
const clients: AtlasClient[] = [];
const client = (options: { apiKey?: string } = {}): AtlasClient => {
  const c = new AtlasClient({ url: server.url, ...options });
  clients.push(c);
  return c;
};

afterAll(async () => {
  for (const c of clients) c.dispose();
  await removeEntities(server, [id]);
});

describe('the typed client', () => {
  it('runs a typed query by POST and by GET', async () => {
    const atlas = client();
    const posted = await atlas.request(EntityByIdDocument, { id: 'nvidia-h100' });
    expect(posted.entity).toMatchObject({ id: 'nvidia-h100', kind: 'CHIP' });
    const got = await atlas.request(EntityByIdDocument, { id: 'nvidia-h100' }, { method: 'GET' });
    expect(got).toEqual(posted);
  });

  it('rejects with an AtlasError carrying the server code when a write has no credentials', async () => {
    const refused = client().request(CreateCompanyDocument, { input: { id, name: 'Client Co', sources: ['src-epoch-notable-models'] } });
    await expect(refused).rejects.toBeInstanceOf(AtlasError);
    await expect(refused).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('follows the change feed with its API key and receives a write as it happens', async () => {
    const editor = client({ apiKey: API_KEY });
    const received: ChangeEvent[] = [];
    const errors: AtlasError[] = [];
    // Starting after a cursor read first, the subscriber misses nothing written after that read.
    const { changeCursor } = await editor.request(ChangeCursorDocument);
    const stop = changes(editor, { filter: { ids: [id] }, after: changeCursor }, { next: (e) => received.push(e), error: (e) => errors.push(e) });
    const created = await editor.request(CreateCompanyDocument, { input: { id, name: 'Client Co', sources: ['src-epoch-notable-models'] } });
    expect(created.createCompany.errors).toEqual([]);
    await within(
      'the creation arrives',
      (async () => {
        while (!received.length && !errors.length) await new Promise((r) => setTimeout(r, 50));
      })(),
      5_000,
    );
    expect(errors).toEqual([]);
    expect(received[0]?.change).toMatchObject({ operation: 'CREATE_ENTITY', entityId: id });
    stop();
    await editor.request(DeleteEntityDocument, { id });
  });

  it('reports a refused subscription as an AtlasError with the server code', async () => {
    const errors: AtlasError[] = [];
    const stop = changes(client(), {}, { next: () => undefined, error: (e) => errors.push(e) });
    await within(
      'the refusal arrives',
      (async () => {
        while (!errors.length) await new Promise((r) => setTimeout(r, 50));
      })(),
      5_000,
    );
    stop();
    expect(errors[0]?.code).toBe('UNAUTHENTICATED');
  });
});
