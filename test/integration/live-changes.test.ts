import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { databaseOptions, testServerEnv } from './connection.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from './server-process.js';
import { subscribe, type EventStream, type SseEvent } from './sse.js';
import { within } from './wait.js';
import { uniquePrefix } from './write-helpers.js';

const KEY = 'live-editor-key-0123456789';
const asEditor = { 'x-api-key': KEY };
// Two replicas of one database: each follows the audit trail itself, so nothing passes between them but Neo4j.
const ENV = { API_KEYS: `live:${KEY}`, WRITE_RATE_LIMIT_PER_MIN: '100000', LIVE_POLL_MS: '100' };

const FEED = `subscription($filter: ChangeFilter, $after: String) {
  changes(filter: $filter, after: $after) { cursor sequence change { operation entityId actor } }
}`;

interface Delivered {
  changes: { cursor: string; sequence: number; change: { operation: string; entityId: string; actor: string } };
}

const prefix = uniquePrefix('live');
const id = `${prefix}-co`;
let writer: ServerProcess;
let reader: ServerProcess;
const streams: EventStream[] = [];

async function gql(server: ServerProcess, query: string, headers: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...asEditor, ...headers },
    body: JSON.stringify({ query }),
  });
  const body = (await res.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data!;
}

async function open(server: ServerProcess, variables: Record<string, unknown>, headers: Record<string, string> = asEditor): Promise<EventStream> {
  const stream = await subscribe(server.url, FEED, variables, headers);
  streams.push(stream);
  return stream;
}

/** The next `next` event's payload, failing when none comes within `ms`. */
async function nextChange(stream: EventStream, ms: number): Promise<Delivered['changes']> {
  const event: SseEvent | null = await within('a change event arrives', stream.next(), ms);
  expect(event?.event).toBe('next');
  const payload = event!.data as { data?: Delivered; errors?: unknown };
  expect(payload.errors).toBeUndefined();
  return payload.data!.changes;
}

const create = `mutation { createCompany(input: { id: "${id}", name: "Live Feed Co", sources: ["src-epoch-notable-models"] }) { entity { id } } }`;
const rename = `mutation { updateCompany(id: "${id}", input: { name: "Live Feed Co renamed" }) { entity { id } } }`;
const remove = `mutation { deleteEntity(id: "${id}") { deletedId } }`;

beforeAll(async () => {
  // The processes log at info: startServerProcess waits for their ready line.
  const env = testServerEnv(inject('neo4jUri'), ENV);
  delete env.LOG_LEVEL;
  [writer, reader] = await Promise.all([startServerProcess(env, 90_000), startServerProcess(env, 90_000)]);
}, 180_000);

afterAll(async () => {
  for (const s of streams) s.close();
  await killServerProcesses();
  const db = new Database(databaseOptions(loadConfig(testServerEnv(inject('neo4jUri')))));
  await db.write(async (tx) => {
    await tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
    await tx.run('MATCH (c:Change) WHERE c.entityId STARTS WITH $prefix DELETE c', { prefix });
  });
  await db.close();
});

describe('the change feed across replicas', () => {
  it('delivers a write on one replica to a subscriber of the other within a second, then resumes from a cursor', async () => {
    const stream = await open(reader, { filter: { ids: [id] } });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('cache-control')).toBe('no-store');
    await gql(writer, create);
    const created = await nextChange(stream, 1_000);
    expect(created.change).toEqual({ operation: 'CREATE_ENTITY', entityId: id, actor: 'api-key:live' });

    await gql(writer, rename);
    await gql(writer, remove);
    // A new subscriber resuming after the creation catches up on what it missed, in order, from the trail.
    const resumed = await open(writer, { filter: { ids: [id] }, after: created.cursor });
    const missed = [await nextChange(resumed, 5_000), await nextChange(resumed, 5_000)];
    expect(missed.map((c) => c.change.operation)).toEqual(['UPDATE_ENTITY', 'DELETE_ENTITY']);
    expect(missed[0]!.sequence).toBeGreaterThan(created.sequence);
    expect(missed[1]!.sequence).toBeGreaterThan(missed[0]!.sequence);
    // The first subscriber saw the same two, live.
    expect((await nextChange(stream, 1_000)).sequence).toBe(missed[0]!.sequence);
    expect((await nextChange(stream, 1_000)).sequence).toBe(missed[1]!.sequence);
  });

  it('starts from Query.changeCursor without missing a write made after it was read', async () => {
    const { changeCursor } = (await gql(reader, '{ changeCursor }')) as { changeCursor: string };
    const other = `${prefix}-later`;
    await gql(writer, `mutation { createCompany(input: { id: "${other}", name: "Later Co", sources: ["src-epoch-notable-models"] }) { entity { id } } }`);
    const stream = await open(reader, { filter: { ids: [other], kinds: ['COMPANY'] }, after: changeCursor });
    expect((await nextChange(stream, 5_000)).change.entityId).toBe(other);
    await gql(writer, `mutation { deleteEntity(id: "${other}") { deletedId } }`);
    expect((await nextChange(stream, 1_000)).change.operation).toBe('DELETE_ENTITY');
  });

  it('refuses an anonymous subscriber while the audit trail is for editors, with UNAUTHENTICATED', async () => {
    const stream = await open(reader, {}, {});
    const event = await within('the refusal arrives', stream.next(), 5_000);
    const payload = event?.data as { errors: { extensions: { code: string } }[] };
    expect(payload.errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    expect((await stream.next())?.event).toBe('complete');
  });

  it('answers a cursor that is not one with BAD_USER_INPUT naming the argument', async () => {
    const stream = await open(reader, { after: 'not-a-cursor' });
    const payload = (await within('the refusal arrives', stream.next(), 5_000))?.data as {
      errors: { message: string; extensions: { code: string; argument: string } }[];
    };
    expect(payload.errors[0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
  });

  it('refuses a query sent to the stream with BAD_USER_INPUT, pointing to /graphql', async () => {
    const stream = await subscribe(reader.url, '{ changeCursor }', {}, asEditor);
    expect(stream.status).toBe(400);
    expect(stream.refusal?.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(stream.refusal?.errors[0]!.message).toContain('/graphql');
  });
});
