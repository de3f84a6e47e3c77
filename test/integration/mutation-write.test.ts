import { afterAll, describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/graph/ontology.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const p = uniquePrefix('write');
const created: string[] = [];
const SRC_A = 'src-epoch-notable-models';
const SRC_B = 'src-deepseek-v3-tech-report';
const ERRORS = 'errors { code field message }';

afterAll(async () => {
  await removeEntities(server, created);
});

async function create(kind: string, input: Record<string, unknown>): Promise<void> {
  const data = await server.data<Record<string, { entity: { id: string }; errors: unknown[] }>>(
    `mutation($input: Create${kind}Input!) { create${kind}(input: $input) { entity { id } ${ERRORS} } }`,
    { input },
    asEditor,
  );
  expect(data[`create${kind}`]!.errors).toEqual([]);
  created.push(String(input.id));
}

describe('entity mutations', () => {
  it('creates, updates and deletes an entity of every kind', async () => {
    for (const kind of ENTITY_KINDS) {
      const id = `${p}-${kind.toLowerCase()}`;
      await create(kind, { id, name: `${kind} one`, aliases: ['First'], description: 'made by a test', sources: [SRC_A] });
      const updated = await server.data<Record<string, { entity: { name: string; aliases: string[]; description: string | null }; errors: unknown[] }>>(
        `mutation { update${kind}(id: "${id}", input: { name: "${kind} two", description: null }) { entity { name aliases description } ${ERRORS} } }`,
        {},
        asEditor,
      );
      expect(updated[`update${kind}`]).toEqual({ entity: { name: `${kind} two`, aliases: ['First'], description: null }, errors: [] });
      const deleted = await server.data<{ deleteEntity: { deletedId: string } }>(
        `mutation { deleteEntity(id: "${id}") { deletedId ${ERRORS} } }`,
        {},
        asEditor,
      );
      expect(deleted.deleteEntity.deletedId, kind).toBe(id);
      expect((await server.data<{ entity: null }>(`{ entity(id: "${id}") { id } }`)).entity).toBeNull();
    }
  });

  it('stores kind properties with their types and reads them back through the read API', async () => {
    const id = `${p}-chip`;
    await create('Chip', {
      id,
      name: 'Test Accelerator',
      sources: [SRC_A],
      vendor: 'Acme',
      releaseDate: '2024-03-01',
      memoryGb: 96,
      tpp: 2368,
      eccn: '3A090.a',
    });
    const data = await server.data<{ entity: Record<string, unknown> }>(
      `{ entity(id: "${id}") { ... on Chip { vendor releaseDate memoryGb tpp eccn sources { id } } } }`,
    );
    expect(data.entity).toEqual({ vendor: 'Acme', releaseDate: '2024-03-01', memoryGb: 96, tpp: 2368, eccn: '3A090.a', sources: [{ id: SRC_A }] });
  });

  it('records every write in the audit trail with the record before and after, newest first', async () => {
    const id = `${p}-audited`;
    await create('Company', { id, name: 'Audited Co', sources: [SRC_A], foundedYear: 2001 });
    await server.data(`mutation { updateCompany(id: "${id}", input: { foundedYear: 2002 }) { ${ERRORS} } }`, {}, asEditor);
    const data = await server.data<{ changes: { edges: { node: { operation: string; before: string | null; after: string | null; at: string } }[] } }>(
      `{ changes(entity: "${id}") { edges { node { operation before after at } } } }`,
    );
    const [update, creation] = data.changes.edges.map((e) => e.node);
    expect(update!.operation).toBe('UPDATE_ENTITY');
    expect(JSON.parse(update!.before!).foundedYear).toBe(2001);
    expect(JSON.parse(update!.after!).foundedYear).toBe(2002);
    expect(creation!.operation).toBe('CREATE_ENTITY');
    expect(creation!.before).toBeNull();
    const since = await server.data<{ changes: { edges: unknown[] } }>(`{ changes(entity: "${id}", since: "${update!.at}") { edges { cursor } } }`);
    expect(since.changes.edges).toHaveLength(1);
  });

  it('pages through the audit trail with first and after', async () => {
    const id = `${p}-paged`;
    await create('Company', { id, name: 'Paged Co', sources: [SRC_A] });
    for (const year of [2001, 2002, 2003])
      await server.data(`mutation { updateCompany(id: "${id}", input: { foundedYear: ${year} }) { ${ERRORS} } }`, {}, asEditor);
    const query = `query($after: String) { changes(entity: "${id}", first: 3, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const first = await server.data<{ changes: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } }>(query);
    expect(first.changes.edges).toHaveLength(3);
    expect(first.changes.pageInfo.hasNextPage).toBe(true);
    const second = await server.data<{ changes: { edges: { node: { id: string } }[]; pageInfo: { hasNextPage: boolean } } }>(query, {
      after: first.changes.pageInfo.endCursor,
    });
    expect(second.changes.edges).toHaveLength(1);
    expect(second.changes.pageInfo.hasNextPage).toBe(false);
    expect(first.changes.edges.map((e) => e.node.id)).not.toContain(second.changes.edges[0]!.node.id);
  });
});

describe('relationship mutations', () => {
  const assertRel = `mutation($input: RelationshipInput!) { assertRelationship(input: $input) { created relationship { type from to chipCount confidence validFrom sources { id } } ${ERRORS} } }`;

  it('keeps one relationship citing both sources when the same fact is asserted again with another source', async () => {
    const [model, chip] = [`${p}-m1`, `${p}-c1`];
    await create('Model', { id: model, name: 'Upsert Model', sources: [SRC_A] });
    await create('Chip', { id: chip, name: 'Upsert Chip', sources: [SRC_A] });
    const first = await server.data<{ assertRelationship: { created: boolean } }>(
      assertRel,
      { input: { type: 'TRAINED_ON', from: model, to: chip, sources: [SRC_A], chipCount: 2048 } },
      asEditor,
    );
    expect(first.assertRelationship.created).toBe(true);
    const again = await server.data<{ assertRelationship: { created: boolean; relationship: Record<string, unknown> } }>(
      assertRel,
      { input: { type: 'TRAINED_ON', from: model, to: chip, sources: [SRC_B], confidence: 'MEDIUM' } },
      asEditor,
    );
    expect(again.assertRelationship.created).toBe(false);
    expect(again.assertRelationship.relationship).toMatchObject({ chipCount: 2048, confidence: 'MEDIUM', sources: [{ id: SRC_A }, { id: SRC_B }] });
    const read = await server.data<{ entity: { trainingChips: { node: { id: string }; relationship: { sources: { id: string }[] } }[] } }>(
      `{ entity(id: "${model}") { ... on Model { trainingChips { node { id } relationship { sources { id } } } } } }`,
    );
    expect(read.entity.trainingChips).toEqual([{ node: { id: chip }, relationship: { sources: [{ id: SRC_A }, { id: SRC_B }] } }]);
  });

  it('writes nothing and records nothing when the same fact is asserted with nothing new', async () => {
    const [a, b] = [`${p}-pa`, `${p}-pb`];
    await create('Company', { id: a, name: 'Partner A', sources: [SRC_A] });
    await create('Company', { id: b, name: 'Partner B', sources: [SRC_A] });
    const input = { type: 'PARTNERS_WITH', from: a, to: b, sources: [SRC_A], validFrom: '2024-01-01' };
    await server.data(assertRel, { input }, asEditor);
    // A symmetric fact asserted from the other side is the same fact.
    const reversed = await server.data<{ assertRelationship: { created: boolean } }>(assertRel, { input: { ...input, from: b, to: a } }, asEditor);
    expect(reversed.assertRelationship.created).toBe(false);
    const trail = await server.data<{ changes: { edges: { node: { operation: string } }[] } }>(`{ changes(entity: "${b}") { edges { node { operation } } } }`);
    expect(trail.changes.edges.map((e) => e.node.operation)).toEqual(['CREATE_RELATIONSHIP', 'CREATE_ENTITY']);
  });

  it('deletes one relationship and records what it was', async () => {
    const [company, model] = [`${p}-dev`, `${p}-devm`];
    await create('Company', { id: company, name: 'Dev Co', sources: [SRC_A] });
    await create('Model', { id: model, name: 'Dev Model', sources: [SRC_A] });
    await server.data(assertRel, { input: { type: 'DEVELOPS', from: company, to: model, sources: [SRC_A] } }, asEditor);
    const res = await server.data<{ deleteRelationship: { errors: unknown[] } }>(
      `mutation { deleteRelationship(key: { type: DEVELOPS, from: "${company}", to: "${model}" }) { ${ERRORS} } }`,
      {},
      asEditor,
    );
    expect(res.deleteRelationship.errors).toEqual([]);
    const read = await server.data<{ entity: { developers: unknown[] } }>(`{ entity(id: "${model}") { ... on Model { developers { node { id } } } } }`);
    expect(read.entity.developers).toEqual([]);
    const trail = await server.data<{ changes: { edges: { node: { operation: string; relationshipType: string; before: string } }[] } }>(
      `{ changes(entity: "${model}", first: 1) { edges { node { operation relationshipType before } } } }`,
    );
    expect(trail.changes.edges[0]!.node).toMatchObject({ operation: 'DELETE_RELATIONSHIP', relationshipType: 'DEVELOPS' });
    expect(JSON.parse(trail.changes.edges[0]!.node.before).sources).toEqual([SRC_A]);
  });
});
