import { afterAll, describe, expect, it, vi } from 'vitest';
import type { EntityKind, KindSpec, RelationshipSpec } from '../../src/graph/ontology-data.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

// A kind the product does not have, added to the ontology's data and nowhere else: the schema, resolvers,
// filters, validation and writes must all follow from it.
vi.mock('../../src/graph/ontology-data.js', async (importOriginal) => {
  const data = await importOriginal<typeof import('../../src/graph/ontology-data.js')>();
  const fab: KindSpec = {
    name: 'Fab' as EntityKind,
    description: 'A semiconductor fabrication plant.',
    summary: 'A fab.',
    noun: 'fab',
    article: 'a',
    listField: 'fabs',
    properties: [
      { name: 'waferStartsPerMonth', type: 'int', description: 'Wafer starts per month.' },
      { name: 'processNodes', type: 'string', list: true, description: 'Process nodes it runs.' },
    ],
  };
  const runsFab: RelationshipSpec = {
    type: 'RUNS_FAB',
    from: ['Company'],
    to: ['Fab' as EntityKind],
    outField: 'fabs',
    inField: 'fabOperators',
    description: 'The company runs the fab.',
    properties: [],
  };
  const fabIn: RelationshipSpec = {
    type: 'FAB_LOCATED_IN',
    from: ['Fab' as EntityKind],
    to: ['Country'],
    outField: 'country',
    inField: 'fabs',
    description: 'The fab is in the country.',
    properties: [],
    outSingle: true,
  };
  return {
    ...data,
    ENTITY_KINDS: [...data.ENTITY_KINDS, 'Fab'],
    KINDS: [...data.KINDS, fab],
    RELATIONSHIP_TYPES: [...data.RELATIONSHIP_TYPES, runsFab, fabIn],
  };
});

const server = useTestServer(WRITE_ENV);
const p = uniquePrefix('fab');
const fabA = `${p}-a`;
const fabB = `${p}-b`;
const SOURCE = 'src-epoch-notable-models';

afterAll(async () => {
  await removeEntities(server, [fabA, fabB]);
  await server.db.write((tx) => tx.run('DROP INDEX fab_name_key IF EXISTS'));
});

const ERRORS = 'errors { code field message }';

describe('a kind added to the ontology data alone', () => {
  it('can be created through its generated mutation, with its own properties', async () => {
    for (const [id, name, starts] of [
      [fabA, 'Fab A', 100_000],
      [fabB, 'Fab B', 20_000],
    ] as const) {
      const data = await server.data<{
        createFab: { entity: { id: string; kind: string; waferStartsPerMonth: number; processNodes: string[] }; errors: unknown[] };
      }>(
        `mutation($input: CreateFabInput!) { createFab(input: $input) { entity { id kind ... on Fab { waferStartsPerMonth processNodes } } ${ERRORS} } }`,
        { input: { id, name, sources: [SOURCE], waferStartsPerMonth: starts, processNodes: ['N3', 'N5'] } },
        asEditor,
      );
      expect(data.createFab.errors).toEqual([]);
      expect(data.createFab.entity).toEqual({ id, kind: 'FAB', waferStartsPerMonth: starts, processNodes: ['N3', 'N5'] });
    }
  });

  it('refuses a value of the wrong type for a new property, naming the field', async () => {
    const res = await server.gql(
      `mutation($input: CreateFabInput!) { createFab(input: $input) { ${ERRORS} } }`,
      { input: { id: `${p}-bad`, name: 'Bad', sources: [SOURCE], waferStartsPerMonth: 'many' } },
      asEditor,
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('input.waferStartsPerMonth');
  });

  it('takes part in new relationship types, both ways', async () => {
    for (const input of [
      { type: 'RUNS_FAB', from: 'tsmc', to: fabA, sources: [SOURCE] },
      { type: 'FAB_LOCATED_IN', from: fabA, to: 'taiwan', sources: [SOURCE], validFrom: '2020-01-01' },
    ]) {
      const data = await server.data<{ assertRelationship: { created: boolean; errors: unknown[] } }>(
        `mutation($input: RelationshipInput!) { assertRelationship(input: $input) { created ${ERRORS} } }`,
        { input },
        asEditor,
      );
      expect(data.assertRelationship).toEqual({ created: true, errors: [] });
    }
    const data = await server.data<{ entity: { fabs: { node: { id: string; country: { node: { id: string } } | null } }[] } }>(
      `{ entity(id: "tsmc") { ... on Company { fabs { node { id country { node { id } } } } } } }`,
    );
    expect(data.entity.fabs).toEqual([{ node: { id: fabA, country: { node: { id: 'taiwan' } } } }]);
    const back = await server.data<{ entity: { fabOperators: { node: { id: string } }[] } }>(
      `{ entity(id: "${fabA}") { ... on Fab { fabOperators { node { id } } } } }`,
    );
    expect(back.entity.fabOperators).toEqual([{ node: { id: 'tsmc' } }]);
  });

  it('refuses a relationship the new types do not allow', async () => {
    const data = await server.data<{ assertRelationship: { errors: { code: string }[] } }>(
      `mutation { assertRelationship(input: { type: RUNS_FAB, from: "${fabA}", to: "tsmc", sources: ["${SOURCE}"] }) { ${ERRORS} } }`,
      {},
      asEditor,
    );
    expect(data.assertRelationship.errors.map((e) => e.code)).toContain('RELATIONSHIP_NOT_ALLOWED');
  });

  it('is listed, filtered on its properties and relationships, and sorted', async () => {
    const data = await server.data<{
      all: { totalCount: number; nodes: { id: string }[] };
      big: { nodes: { id: string }[] };
      run: { nodes: { id: string }[] };
    }>(`{
      all: fabs(filter: { id: { in: ["${fabA}", "${fabB}"] } }, orderBy: { field: WAFER_STARTS_PER_MONTH, direction: ASC }) { totalCount nodes { id } }
      big: fabs(filter: { id: { in: ["${fabA}", "${fabB}"] }, waferStartsPerMonth: { gte: 50000 } }) { nodes { id } }
      run: fabs(filter: { id: { in: ["${fabA}", "${fabB}"] }, fabOperators: { in: ["tsmc"] } }) { nodes { id } }
    }`);
    expect(data.all).toEqual({ totalCount: 2, nodes: [{ id: fabB }, { id: fabA }] });
    expect(data.big.nodes).toEqual([{ id: fabA }]);
    expect(data.run.nodes).toEqual([{ id: fabA }]);
  });

  it('is reached by kind in the neighbourhood', async () => {
    const data = await server.data<{ neighborhood: { nodes: { node: { id: string; kind: string } }[] } }>(
      `{ neighborhood(id: "tsmc", depth: 1, kinds: [FAB], limit: 100) { nodes { node { id kind } } } }`,
    );
    expect(data.neighborhood.nodes.map((n) => n.node)).toContainEqual({ id: fabA, kind: 'FAB' });
  });
});
