import { describe, expect, it } from 'vitest';
import type { GraphEntity } from '../../src/graph/validation.js';
import { useTestServer } from './harness.js';
import { entitiesOf, relationshipsOf, sorted } from './read-helpers.js';

const server = useTestServer();

/** Ids of every entity a list query returns for a filter (one page of up to 100). */
async function listIds(field: string, filterType: string, filter: Record<string, unknown>): Promise<string[]> {
  const data = await server.data<Record<string, { totalCount: number; nodes: { id: string }[] }>>(
    `query ($filter: ${filterType}) { ${field}(first: 100, filter: $filter) { totalCount nodes { id } } }`,
    { filter },
  );
  const page = data[field]!;
  const list = page.nodes.map((n) => n.id);
  expect(page.totalCount).toBe(list.length);
  return sorted(list);
}

const where = (kind: Parameters<typeof entitiesOf>[0], test: (e: GraphEntity) => boolean): string[] =>
  sorted(
    entitiesOf(kind)
      .filter(test)
      .map((e) => e.id),
  );
const num = (e: GraphEntity, field: string): number | null => (e[field] as number | undefined) ?? null;

describe('property filters on list queries', () => {
  it('filters companies by id eq and id in', async () => {
    expect(await listIds('companies', 'CompanyFilter', { id: { eq: 'nvidia' } })).toEqual(['nvidia']);
    expect(await listIds('companies', 'CompanyFilter', { id: { in: ['tsmc', 'smic', 'not-a-company'] } })).toEqual(['smic', 'tsmc']);
  });

  it('filters by name contains and startsWith ignoring case, and by exact name eq', async () => {
    expect(await listIds('companies', 'CompanyFilter', { name: { contains: 'ALIBABA' } })).toEqual(
      where('Company', (e) => e.name.toLowerCase().includes('alibaba')),
    );
    expect(await listIds('dataCenters', 'DataCenterFilter', { name: { startsWith: 'xai colossus' } })).toEqual(
      where('DataCenter', (e) => e.name.toLowerCase().startsWith('xai colossus')),
    );
    expect(await listIds('companies', 'CompanyFilter', { name: { eq: 'ByteDance' } })).toEqual(['bytedance']);
    expect(await listIds('companies', 'CompanyFilter', { name: { eq: 'bytedance' } })).toEqual([]);
  });

  it('filters by a string property in a list of values', async () => {
    expect(await listIds('chips', 'ChipFilter', { vendor: { in: ['AMD', 'Huawei'] } })).toEqual(
      where('Chip', (e) => ['AMD', 'Huawei'].includes(e.vendor as string)),
    );
    expect(await listIds('countries', 'CountryFilter', { isoCode: { in: ['SG', 'MY'] } })).toEqual(['malaysia', 'singapore']);
  });

  it('filters by number ranges on floats and ints, bounds included or excluded as asked', async () => {
    expect(await listIds('chips', 'ChipFilter', { memoryGb: { gte: 96, lt: 186 } })).toEqual(
      where('Chip', (e) => num(e, 'memoryGb') !== null && num(e, 'memoryGb')! >= 96 && num(e, 'memoryGb')! < 186),
    );
    expect(await listIds('chips', 'ChipFilter', { tpp: { gt: 4800 } })).toEqual(where('Chip', (e) => (num(e, 'tpp') ?? -1) > 4800));
    expect(await listIds('chips', 'ChipFilter', { bf16DenseTflops: { lte: 312 } })).toEqual(
      where('Chip', (e) => num(e, 'bf16DenseTflops') !== null && num(e, 'bf16DenseTflops')! <= 312),
    );
    expect(await listIds('companies', 'CompanyFilter', { foundedYear: { gte: 2015, lte: 2023 } })).toEqual(
      where('Company', (e) => (num(e, 'foundedYear') ?? 0) >= 2015 && (num(e, 'foundedYear') ?? 9999) <= 2023),
    );
    expect(await listIds('companies', 'CompanyFilter', { foundedYear: { eq: 1987 } })).toEqual(['huawei', 'tsmc']);
    expect(await listIds('companies', 'CompanyFilter', { foundedYear: { in: [1993, 1969] } })).toEqual(['amd', 'nvidia']);
    expect(await listIds('dataCenters', 'DataCenterFilter', { powerMw: { gt: 100 } })).toEqual(where('DataCenter', (e) => (num(e, 'powerMw') ?? 0) > 100));
  });

  it('filters by date ranges, comparing calendar dates', async () => {
    const onOrAfter = (d: unknown, from: string): boolean => typeof d === 'string' && d >= from;
    expect(await listIds('models', 'ModelFilter', { releaseDate: { gte: '2025-01-01' } })).toEqual(
      where('Model', (e) => onOrAfter(e.releaseDate, '2025-01-01')),
    );
    expect(await listIds('models', 'ModelFilter', { releaseDate: { gt: '2025-01-20', lt: '2025-02-24' } })).toEqual(
      where('Model', (e) => typeof e.releaseDate === 'string' && e.releaseDate > '2025-01-20' && e.releaseDate < '2025-02-24'),
    );
    expect(await listIds('chips', 'ChipFilter', { releaseDate: { eq: '2023-12-06' } })).toEqual(['amd-mi300x', 'amd-mi308x']);
    expect(await listIds('regulations', 'RegulationFilter', { rescindedDate: { lte: '2025-12-31' } })).toEqual(['bis-2025-01-15-ai-diffusion-rule']);
    expect(await listIds('sources', 'SourceFilter', { publishedDate: { gte: '2025-11-01' } })).toEqual(
      where('Source', (e) => onOrAfter(e.publishedDate, '2025-11-01')),
    );
  });

  it('filters by a boolean property, leaving out entities where it is unknown', async () => {
    expect(await listIds('models', 'ModelFilter', { openWeights: { eq: true } })).toEqual(where('Model', (e) => e.openWeights === true));
    expect(await listIds('models', 'ModelFilter', { openWeights: { eq: false } })).toEqual(where('Model', (e) => e.openWeights === false));
    expect(await listIds('dataCenters', 'DataCenterFilter', { aggregate: { eq: true } })).toEqual(where('DataCenter', (e) => e.aggregate === true));
  });

  it('filters list properties with includes and includesAny', async () => {
    expect(await listIds('regulations', 'RegulationFilter', { eccns: { includes: '3A090.a' } })).toEqual(
      where('Regulation', (e) => ((e.eccns as string[]) ?? []).includes('3A090.a')),
    );
    expect(await listIds('regulations', 'RegulationFilter', { eccns: { includesAny: ['3A090.c', '4E091'] } })).toEqual([
      'bis-2024-12-02-fdpr-hbm-ifr',
      'bis-2025-01-15-ai-diffusion-rule',
    ]);
    expect(await listIds('chips', 'ChipFilter', { aliases: { includes: 'H100' } })).toEqual(['nvidia-h100']);
  });

  it('filters companies by role enum and data centers by status enum', async () => {
    const roles = (e: GraphEntity): string[] => (e.roles as string[]) ?? [];
    expect(await listIds('companies', 'CompanyFilter', { roles: { includes: 'FOUNDRY' } })).toEqual(['smic', 'tsmc']);
    expect(await listIds('companies', 'CompanyFilter', { roles: { includesAny: ['GOVERNMENT_AGENCY', 'DISTRIBUTOR'] } })).toEqual(
      where('Company', (e) => roles(e).includes('GOVERNMENT_AGENCY') || roles(e).includes('DISTRIBUTOR')),
    );
    expect(await listIds('dataCenters', 'DataCenterFilter', { status: { eq: 'PLANNED' } })).toEqual(where('DataCenter', (e) => e.status === 'PLANNED'));
    expect(await listIds('dataCenters', 'DataCenterFilter', { status: { in: ['DECOMMISSIONED', 'UNDER_CONSTRUCTION'] } })).toEqual(
      where('DataCenter', (e) => ['DECOMMISSIONED', 'UNDER_CONSTRUCTION'].includes(e.status as string)),
    );
  });

  it('combines several conditions so that all must hold', async () => {
    expect(await listIds('chips', 'ChipFilter', { vendor: { eq: 'NVIDIA' }, architecture: { eq: 'Hopper' }, memoryGb: { gt: 80 } })).toEqual([
      'nvidia-h20',
      'nvidia-h200',
    ]);
    expect(await listIds('sources', 'SourceFilter', { publisher: { contains: 'financial times' }, language: { eq: 'en' } })).toEqual(
      where(
        'Source',
        (e) =>
          String(e.publisher ?? '')
            .toLowerCase()
            .includes('financial times') && e.language === 'en',
      ),
    );
  });

  it('rejects an enum value the schema does not know as a validation error', async () => {
    const res = await server.gql(`{ companies(filter: { roles: { includes: PIRATE } }) { totalCount } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('relationship filters on list queries', () => {
  it('lists the chips a regulation restricts', async () => {
    const expected = sorted(
      relationshipsOf('RESTRICTS')
        .filter((r) => r.from === 'bis-2023-10-17-ac-s-ifr')
        .map((r) => r.to),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(await listIds('chips', 'ChipFilter', { restrictedBy: { in: ['bis-2023-10-17-ac-s-ifr'] } })).toEqual(expected);
  });

  it('lists the models trained on a chip', async () => {
    expect(await listIds('models', 'ModelFilter', { trainingChips: { in: ['nvidia-h100'] } })).toEqual(
      sorted(
        relationshipsOf('TRAINED_ON')
          .filter((r) => r.to === 'nvidia-h100')
          .map((r) => r.from),
      ),
    );
  });

  it('lists the companies headquartered in a country, and those in neither of two countries', async () => {
    const hq = relationshipsOf('HEADQUARTERED_IN');
    expect(await listIds('companies', 'CompanyFilter', { headquarters: { in: ['singapore'] } })).toEqual(
      sorted(hq.filter((r) => r.to === 'singapore').map((r) => r.from)),
    );
    const inChinaOrUs = new Set(hq.filter((r) => r.to === 'china' || r.to === 'united-states').map((r) => r.from));
    expect(await listIds('companies', 'CompanyFilter', { headquarters: { in: ['china', 'united-states'], exists: false } })).toEqual(
      where('Company', (e) => !inChinaOrUs.has(e.id)),
    );
  });

  it('lists entities that have no neighbour at all through a relationship with exists false', async () => {
    const trained = new Set(relationshipsOf('TRAINED_ON').map((r) => r.from));
    expect(await listIds('models', 'ModelFilter', { trainingChips: { exists: false } })).toEqual(where('Model', (e) => !trained.has(e.id)));
    const restricted = new Set(relationshipsOf('RESTRICTS').map((r) => r.to));
    expect(await listIds('chips', 'ChipFilter', { restrictedBy: { exists: false } })).toEqual(where('Chip', (e) => !restricted.has(e.id)));
  });

  it('applies asOf to a relationship filter: the H20 is restricted on 2025-06-01 but not on 2025-01-01', async () => {
    const h20Rules = { restrictedBy: { in: ['usg-2025-04-h20-license-requirement'] } };
    expect(await listIds('chips', 'ChipFilter', { ...h20Rules })).toEqual(['nvidia-h20']);
    expect(await listIds('chips', 'ChipFilter', { restrictedBy: { ...h20Rules.restrictedBy, asOf: '2025-06-01' } })).toEqual(['nvidia-h20']);
    expect(await listIds('chips', 'ChipFilter', { restrictedBy: { ...h20Rules.restrictedBy, asOf: '2025-01-01' } })).toEqual([]);
  });

  it('treats validTo as exclusive: a chip restricted by the AI Diffusion rule until 2025-05-13 is not on that day', async () => {
    const rule = 'bis-2025-01-15-ai-diffusion-rule';
    const rel = relationshipsOf('RESTRICTS').find((r) => r.from === rule && r.to === 'nvidia-h100')!;
    expect(rel.validTo).toBe('2025-05-13');
    expect(await listIds('chips', 'ChipFilter', { id: { eq: 'nvidia-h100' }, restrictedBy: { in: [rule], asOf: '2025-05-12' } })).toEqual(['nvidia-h100']);
    expect(await listIds('chips', 'ChipFilter', { id: { eq: 'nvidia-h100' }, restrictedBy: { in: [rule], asOf: '2025-05-13' } })).toEqual([]);
  });

  it('filters on an incoming relationship of a country and a symmetric or self-referencing one of a regulation', async () => {
    const located = new Set(relationshipsOf('LOCATED_IN').map((r) => r.to));
    expect(await listIds('countries', 'CountryFilter', { dataCenters: {} })).toEqual(where('Country', (e) => located.has(e.id)));
    expect(await listIds('regulations', 'RegulationFilter', { rescindedBy: {} })).toEqual(sorted(relationshipsOf('RESCINDS').map((r) => r.to)));
  });
});
