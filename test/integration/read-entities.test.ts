import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS } from '../../src/graph/ontology.js';
import { useTestServer } from './harness.js';
import { entitiesOf, seed } from './read-helpers.js';

const server = useTestServer();

const ENUM_KIND: Record<string, string> = {
  Company: 'COMPANY',
  Model: 'MODEL',
  Chip: 'CHIP',
  DataCenter: 'DATA_CENTER',
  Observation: 'OBSERVATION',
  Regulation: 'REGULATION',
  Country: 'COUNTRY',
  Source: 'SOURCE',
};

const LOOKUP = `query ($id: ID!) {
  node(id: $id) { __typename id }
  entity(id: $id) { __typename id kind name aliases description sources { __typename id } }
}`;

describe('looking up an entity by id', () => {
  // Every kind the seed has an entity of (Observations come with the default graph: test/integration/default-graph.test.ts).
  it.each(ENTITY_KINDS.filter((kind) => entitiesOf(kind).length > 0).map((kind) => [kind]))(
    'returns a %s by id from node and entity with its own __typename and kind',
    async (kind) => {
      const expected = entitiesOf(kind)[0]!;
      type Lookup = { node: unknown; entity: { sources: { id: string; __typename: string }[] } };
      const data = await server.data<Lookup>(LOOKUP, { id: expected.id });
      expect(data.node).toEqual({ __typename: kind, id: expected.id });
      expect(data.entity).toMatchObject({ __typename: kind, id: expected.id, kind: ENUM_KIND[kind], name: expected.name, aliases: expected.aliases ?? [] });
      expect(data.entity.sources.map((s) => s.id).sort()).toEqual([...expected.sources].sort());
      expect(data.entity.sources.every((s) => s.__typename === 'Source')).toBe(true);
    },
  );

  it('returns null without an error for an id no entity has', async () => {
    const res = await server.gql(LOOKUP, { id: 'no-such-entity-anywhere' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ node: null, entity: null });
  });

  it('returns the kind-specific fields of a chip as the seed states them', async () => {
    const data = await server.data<{ entity: Record<string, unknown> }>(
      `{ entity(id: "nvidia-h100") { ... on Chip { vendor architecture releaseDate memoryGb memoryBandwidthTBs bf16DenseTflops interconnectBandwidthGBs tdpWatts tpp eccn processNm } } }`,
    );
    const chip = entitiesOf('Chip').find((e) => e.id === 'nvidia-h100')!;
    for (const field of [
      'vendor',
      'architecture',
      'releaseDate',
      'memoryGb',
      'memoryBandwidthTBs',
      'bf16DenseTflops',
      'interconnectBandwidthGBs',
      'tdpWatts',
      'tpp',
      'eccn',
    ]) {
      expect(data.entity[field], field).toEqual(chip[field]);
    }
  });

  it('returns every regulation with its ECCN list, empty where the seed names none', async () => {
    const data = await server.data<{ regulations: { nodes: { id: string; eccns: string[]; rescindedDate: string | null }[] } }>(
      `{ regulations(first: 100) { nodes { id eccns rescindedDate } } }`,
    );
    const regulations = entitiesOf('Regulation');
    expect(data.regulations.nodes).toHaveLength(regulations.length);
    for (const node of data.regulations.nodes) {
      const expected = regulations.find((r) => r.id === node.id)!;
      expect(node.eccns).toEqual(expected.eccns ?? []);
      expect(node.rescindedDate).toBe(expected.rescindedDate ?? null);
    }
  });

  it('returns a company with an empty roles list and a source with no sources of its own without errors', async () => {
    const source = seed.entities.find((e) => e.kind === 'Source' && e.sources.length === 0);
    const ids = ['sophgo', ...(source ? [source.id] : [])];
    for (const id of ids) {
      const res = await server.gql<{ entity: { id: string } }>(
        `query ($id: ID!) { entity(id: $id) { id sources { id } ... on Company { roles foundedYear website } } }`,
        { id },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data?.entity.id).toBe(id);
    }
  });
});
