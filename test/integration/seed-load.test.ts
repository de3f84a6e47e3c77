import { afterAll, describe, expect, it } from 'vitest';
import { validateGraph, type GraphFile } from '../../src/graph/validation.js';
import { loadSeed, SEED_ACTOR } from '../../src/ingest/seed.js';
import { useTestServer } from './harness.js';
import { removeEntities, snapshot, uniquePrefix } from './write-helpers.js';

// The audit trail is read anonymously here: make it public for this server.
const server = useTestServer({ AUDIT_VISIBILITY: 'public' });
const p = uniquePrefix('seed');
const ids = [`${p}-src`, `${p}-co`, `${p}-land`];

afterAll(async () => {
  await removeEntities(server, ids);
});

/** A small seed graph of this test's own: a source, a company and its country. */
function graphOf(companyDescription: string): GraphFile {
  const { graph, issues } = validateGraph({
    entities: [
      { id: ids[0], kind: 'Source', name: 'Seed test source', sources: [] },
      { id: ids[1], kind: 'Company', name: 'Seed Test Co', description: companyDescription, sources: [ids[0]] },
      { id: ids[2], kind: 'Country', name: 'Seedland', sources: [ids[0]] },
    ],
    relationships: [{ type: 'HEADQUARTERED_IN', from: ids[1], to: ids[2], sources: [ids[0]], validFrom: '2020-01-01' }],
  });
  expect(issues).toEqual([]);
  return graph;
}

async function trailOf(id: string): Promise<{ actor: string; operation: string }[]> {
  const data = await server.data<{ changes: { edges: { node: { actor: string; operation: string } }[] } }>(
    `{ changes(entity: "${id}") { edges { node { actor operation } } } }`,
  );
  return data.changes.edges.map((e) => e.node);
}

describe('the seed loader', () => {
  it('writes nothing when the seed graph is loaded into the database it was already loaded into', async () => {
    const result = await loadSeed(server.db);
    expect(result.entities).toBeGreaterThan(200);
    expect(result.changes).toBe(0);
  });

  it('writes through the change writer, audited as the seed, and a second load changes nothing', async () => {
    const first = await loadSeed(server.db, graphOf('First description.'));
    expect(first).toEqual({ entities: 3, relationships: 1, changes: 4 });
    // One load is one call of the change writer: its records keep their order, entities first.
    expect(await trailOf(ids[1]!)).toEqual([
      { actor: SEED_ACTOR, operation: 'CREATE_ENTITY' },
      { actor: SEED_ACTOR, operation: 'CREATE_RELATIONSHIP' },
    ]);
    const read = await server.data<{
      entity: { description: string; headquarters: { node: { id: string }; relationship: { validFrom: string; confidence: string } } };
    }>(`{ entity(id: "${ids[1]}") { ... on Company { description headquarters { node { id } relationship { validFrom confidence } } } } }`);
    expect(read.entity).toEqual({
      description: 'First description.',
      headquarters: { node: { id: ids[2] }, relationship: { validFrom: '2020-01-01', confidence: 'HIGH' } },
    });
    const before = await snapshot(server, { prefix: p });
    expect((await loadSeed(server.db, graphOf('First description.'))).changes).toBe(0);
    expect(await snapshot(server, { prefix: p })).toEqual(before);
  });

  it('records an edited seed record as one update by the seed', async () => {
    await loadSeed(server.db, graphOf('First description.'));
    expect((await loadSeed(server.db, graphOf('Second description.'))).changes).toBe(1);
    expect((await trailOf(ids[1]!))[0]).toEqual({ actor: SEED_ACTOR, operation: 'UPDATE_ENTITY' });
    const read = await server.data<{ entity: { description: string } }>(`{ entity(id: "${ids[1]}") { description } }`);
    expect(read.entity.description).toBe('Second description.');
  });

  it('refuses, writing nothing, an entity the database holds under another kind', async () => {
    await loadSeed(server.db, graphOf('First description.'));
    const before = await snapshot(server, { prefix: p });
    const graph = graphOf('First description.');
    const clash: GraphFile = { entities: [{ ...graph.entities[2]!, id: ids[1]! }], relationships: [] };
    await expect(loadSeed(server.db, clash)).rejects.toThrow(`is a Company in the database`);
    expect(await snapshot(server, { prefix: p })).toEqual(before);
  });
});
