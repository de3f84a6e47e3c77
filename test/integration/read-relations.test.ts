import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';
import { relationshipsOf, sorted } from './read-helpers.js';

const server = useTestServer();

const REL = 'type direction from to validFrom validTo confidence notes chipCount gpuHours licenseRequirement sources { __typename id }';
const neighbourIds = (list: { node: { id: string } }[]): string[] => sorted(list.map((x) => x.node.id));

/** One item of a relationship field: the neighbour, and the relationship fields the query selects. */
interface Item<R = Record<string, unknown>> {
  node: { id: string; [field: string]: unknown };
  relationship: R;
}
type Sourced = { confidence: string; sources: { id: string; __typename: string }[] };
type Entity<F extends string, R = Record<string, unknown>> = { entity: Record<F, Item<R>[]> };

describe('relationship fields with asOf', () => {
  const H20 = 'usg-2025-04-h20-license-requirement';
  const query = `query ($asOf: Date) { entity(id: "nvidia-h20") { ... on Chip { restrictedBy(asOf: $asOf) { node { id } relationship { ${REL} } } } } }`;

  it('shows no restriction on the H20 on 2025-01-01, before the April 2025 licence requirement', async () => {
    const data = await server.data<Entity<'restrictedBy'>>(query, { asOf: '2025-01-01' });
    expect(data.entity.restrictedBy).toEqual([]);
  });

  it('shows the April 2025 licence requirement on the H20 on 2025-06-01 and without asOf', async () => {
    const expected = sorted(
      relationshipsOf('RESTRICTS')
        .filter((r) => r.to === 'nvidia-h20' && (!r.validFrom || r.validFrom <= '2025-06-01') && (!r.validTo || r.validTo > '2025-06-01'))
        .map((r) => r.from),
    );
    expect(expected).toContain(H20);
    const onDate = await server.data<Entity<'restrictedBy'>>(query, { asOf: '2025-06-01' });
    expect(neighbourIds(onDate.entity.restrictedBy)).toEqual(expected);
    const always = await server.data<Entity<'restrictedBy'>>(query, {});
    expect(neighbourIds(always.entity.restrictedBy)).toEqual(
      sorted(
        relationshipsOf('RESTRICTS')
          .filter((r) => r.to === 'nvidia-h20')
          .map((r) => r.from),
      ),
    );
  });

  it('returns the relationship with its validity, confidence, licence text and sources as Source nodes', async () => {
    const seedRel = relationshipsOf('RESTRICTS').find((r) => r.from === H20 && r.to === 'nvidia-h20')!;
    const data = await server.data<Entity<'restrictedBy', Sourced>>(query, { asOf: '2025-06-01' });
    const found = data.entity.restrictedBy.find((x) => x.node.id === H20)!;
    expect(found.relationship).toMatchObject({
      type: 'RESTRICTS',
      direction: 'IN',
      from: H20,
      to: 'nvidia-h20',
      validFrom: seedRel.validFrom,
      validTo: null,
      confidence: (seedRel.confidence ?? 'high').toUpperCase(),
      notes: seedRel.notes ?? null,
      licenseRequirement: seedRel.properties?.licenseRequirement,
    });
    expect(sorted(found.relationship.sources.map((s) => s.id))).toEqual(sorted(seedRel.sources));
    expect(found.relationship.sources.every((s) => s.__typename === 'Source')).toBe(true);
  });

  it('shows the same relationship from the other end: the requirement restricts the H20 from its effective date', async () => {
    const q = `query ($asOf: Date) { entity(id: "${H20}") { ... on Regulation { restricts(asOf: $asOf) { node { id } relationship { direction from to } } } } }`;
    expect((await server.data<Entity<'restricts'>>(q, { asOf: '2025-04-08' })).entity.restricts).toEqual([]);
    const data = await server.data<Entity<'restricts'>>(q, { asOf: '2025-04-09' });
    expect(data.entity.restricts).toContainEqual({ node: { id: 'nvidia-h20' }, relationship: { direction: 'OUT', from: H20, to: 'nvidia-h20' } });
  });

  it('ends a relationship on its validTo day: the AI Diffusion rule no longer restricts the H100 on 2025-05-13', async () => {
    const q = `query ($asOf: Date) { entity(id: "nvidia-h100") { ... on Chip { restrictedBy(asOf: $asOf) { node { id } relationship { validTo } } } } }`;
    const rule = 'bis-2025-01-15-ai-diffusion-rule';
    const before = await server.data<Entity<'restrictedBy'>>(q, { asOf: '2025-05-12' });
    expect(neighbourIds(before.entity.restrictedBy)).toContain(rule);
    const on = await server.data<Entity<'restrictedBy'>>(q, { asOf: '2025-05-13' });
    expect(neighbourIds(on.entity.restrictedBy)).not.toContain(rule);
  });
});

describe('relationship properties and both directions', () => {
  it('returns chipCount and gpuHours of a training run on the model and on the chip', async () => {
    const seedRel = relationshipsOf('TRAINED_ON').find((r) => r.from === 'deepseek-v3' && r.to === 'nvidia-h800')!;
    const data = await server.data<{ m: { trainingChips: Item[] }; c: { trainedModels: Item[] } }>(`{
      m: entity(id: "deepseek-v3") { ... on Model { trainingChips { node { id } relationship { ${REL} } } } }
      c: entity(id: "nvidia-h800") { ... on Chip { trainedModels { node { id } relationship { chipCount gpuHours direction } } } }
    }`);
    const run = data.m.trainingChips.find((x) => x.node.id === 'nvidia-h800')!;
    expect(run.relationship).toMatchObject({
      type: 'TRAINED_ON',
      direction: 'OUT',
      chipCount: seedRel.properties!.chipCount,
      gpuHours: seedRel.properties!.gpuHours,
    });
    expect(neighbourIds(data.c.trainedModels)).toEqual(
      sorted(
        relationshipsOf('TRAINED_ON')
          .filter((r) => r.to === 'nvidia-h800')
          .map((r) => r.from),
      ),
    );
    const back = data.c.trainedModels.find((x) => x.node.id === 'deepseek-v3')!;
    expect(back.relationship).toEqual({ chipCount: seedRel.properties!.chipCount, gpuHours: seedRel.properties!.gpuHours, direction: 'IN' });
  });

  it('marks the FT-reported rentals of Alibaba and ByteDance as low confidence with their sources', async () => {
    const data = await server.data<Entity<'tenants', Sourced>>(
      `{ entity(id: "sg-rented-gpu-capacity") { ... on DataCenter { tenants { node { id } relationship { confidence sources { id } } } } } }`,
    );
    const tenants = relationshipsOf('RENTS_CAPACITY_AT').filter((r) => r.to === 'sg-rented-gpu-capacity');
    expect(neighbourIds(data.entity.tenants)).toEqual(sorted(tenants.map((r) => r.from)));
    for (const t of data.entity.tenants) {
      const seedRel = tenants.find((r) => r.from === t.node.id)!;
      expect(t.relationship.confidence).toBe((seedRel.confidence ?? 'high').toUpperCase());
      expect(sorted(t.relationship.sources.map((s) => s.id))).toEqual(sorted(seedRel.sources));
    }
    expect(data.entity.tenants.map((t) => t.relationship.confidence)).toContain('LOW');
  });

  it('returns single-valued fields as one neighbour: a data center country and a company headquarters', async () => {
    const data = await server.data<{ dc: { country: unknown }; co: { headquarters: unknown } }>(`{
      dc: entity(id: "alibaba-cloud-singapore") { ... on DataCenter { country { node { id isoCode } relationship { type direction } } } }
      co: entity(id: "bytedance") { ... on Company { headquarters { node { id name } relationship { type } } } }
    }`);
    expect(data.dc.country).toEqual({ node: { id: 'singapore', isoCode: 'SG' }, relationship: { type: 'LOCATED_IN', direction: 'OUT' } });
    expect(data.co.headquarters).toEqual({ node: { id: 'china', name: 'China' }, relationship: { type: 'HEADQUARTERED_IN' } });
  });

  it('returns a model developer, and the first developer by name when two develop it together', async () => {
    type Developer = { node: { id: string } } | null;
    const data = await server.data<{ a: { developer: Developer }; b: { developer: Developer; developers: Item[] }; c: { developer: Developer } }>(`{
      a: entity(id: "deepseek-r1") { ... on Model { developer { node { id } relationship { type direction } } } }
      b: entity(id: "megascale-production") { ... on Model { developer { node { id name } } developers { node { id } } } }
      c: entity(id: "deepseek-r1") { ... on Model { developer(asOf: "2024-01-01") { node { id } } } }
    }`);
    expect(data.a.developer).toEqual({ node: { id: 'deepseek' }, relationship: { type: 'DEVELOPS', direction: 'IN' } });
    const devs = relationshipsOf('DEVELOPS')
      .filter((r) => r.to === 'megascale-production')
      .map((r) => r.from);
    expect(neighbourIds(data.b.developers)).toEqual(sorted(devs));
    expect(data.b.developer?.node.id).toBe('bytedance');
    expect(data.c.developer).toBeNull();
  });

  it('lists a company models and the countries a regulation applies to, matching the seed', async () => {
    type Lists = {
      co: { models: Item[] };
      reg: { destinations: Item[]; issuers: Item[]; amends: Item[] };
      country: { dataCenters: Item[]; companies: Item[] };
    };
    const data = await server.data<Lists>(`{
      co: entity(id: "alibaba") { ... on Company { models { node { id } } } }
      reg: entity(id: "bis-2023-10-17-ac-s-ifr") { ... on Regulation { destinations { node { id } } issuers { node { __typename id } } amends { node { id } } } }
      country: entity(id: "singapore") { ... on Country { dataCenters { node { id } } companies { node { id } } } }
    }`);
    expect(neighbourIds(data.co.models)).toEqual(
      sorted(
        relationshipsOf('DEVELOPS')
          .filter((r) => r.from === 'alibaba')
          .map((r) => r.to),
      ),
    );
    expect(neighbourIds(data.reg.destinations)).toEqual(
      sorted(
        relationshipsOf('APPLIES_TO')
          .filter((r) => r.from === 'bis-2023-10-17-ac-s-ifr')
          .map((r) => r.to),
      ),
    );
    expect(data.reg.issuers).toEqual([{ node: { __typename: 'Company', id: 'us-bis' } }]);
    expect(neighbourIds(data.reg.amends)).toEqual(['bis-2022-10-07-ac-s-ifr']);
    expect(neighbourIds(data.country.dataCenters)).toEqual(
      sorted(
        relationshipsOf('LOCATED_IN')
          .filter((r) => r.to === 'singapore')
          .map((r) => r.from),
      ),
    );
    expect(neighbourIds(data.country.companies)).toEqual(
      sorted(
        relationshipsOf('HEADQUARTERED_IN')
          .filter((r) => r.to === 'singapore')
          .map((r) => r.from),
      ),
    );
  });

  it('reads a symmetric partnership from both partners, with its start date honoured by asOf', async () => {
    const q = `query ($asOf: Date) { d: entity(id: "deepseek") { ... on Company { partners(asOf: $asOf) { node { id } } } } h: entity(id: "huawei") { ... on Company { partners(asOf: $asOf) { node { id } } } } }`;
    const now = await server.data<{ d: { partners: Item[] }; h: { partners: Item[] } }>(q, { asOf: '2025-06-01' });
    expect(neighbourIds(now.d.partners)).toContain('huawei');
    expect(neighbourIds(now.h.partners)).toContain('deepseek');
    const before = await server.data<{ d: { partners: Item[] }; h: { partners: Item[] } }>(q, { asOf: '2024-06-01' });
    expect(neighbourIds(before.d.partners)).not.toContain('huawei');
  });
});
