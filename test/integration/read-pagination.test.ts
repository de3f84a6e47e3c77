import { describe, expect, it } from 'vitest';
import type { GraphEntity } from '../../src/graph/validation.js';
import { useTestServer } from './harness.js';
import { byNameThenId, entitiesOf } from './read-helpers.js';

const server = useTestServer();

interface Page {
  totalCount: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

const PAGE = (field: string, order: string) => `query ($first: Int, $after: String, $orderBy: ${order}) {
  ${field}(first: $first, after: $after, orderBy: $orderBy) {
    totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

async function page(field: string, order: string, variables: Record<string, unknown>): Promise<Page> {
  const data = await server.data<Record<string, Page>>(PAGE(field, order), variables);
  return data[field]!;
}

/** Walks a list page by page; returns the ids in the order served. */
async function walk(field: string, order: string, orderBy: Record<string, unknown> | null, size: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const p: Page = await page(field, order, { first: size, after, orderBy });
    seen.push(...p.edges.map((e) => e.node.id));
    expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!p.pageInfo.hasNextPage) return seen;
    after = p.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

/** Seed entities sorted by a property, nulls last in both directions, ties by id ascending. */
function expectedOrder(list: GraphEntity[], field: string, descending: boolean): string[] {
  const key = (e: GraphEntity): string | number | null => {
    const v = e[field];
    if (typeof v === 'string') return v.toLowerCase();
    if (typeof v === 'number' || v == null) return v ?? null;
    throw new Error(`${field} is not a sortable property`);
  };
  return [...list]
    .sort((a, b) => {
      const x = key(a);
      const y = key(b);
      if (x === null || y === null) return x === y ? (a.id < b.id ? -1 : 1) : x === null ? 1 : -1;
      if (x === y) return a.id < b.id ? -1 : 1;
      return (x < y ? -1 : 1) * (descending ? -1 : 1);
    })
    .map((e) => e.id);
}

describe('sorting list queries', () => {
  it('sorts by name by default, ignoring case', async () => {
    const p = await page('companies', 'CompanyOrder', { first: 100 });
    expect(p.edges.map((e) => e.node.id)).toEqual([...entitiesOf('Company')].sort(byNameThenId).map((e) => e.id));
  });

  it.each([
    ['chips', 'MEMORY_GB', 'ChipOrder', 'Chip', 'memoryGb'],
    ['chips', 'MEMORY_BANDWIDTH_TBS', 'ChipOrder', 'Chip', 'memoryBandwidthTBs'],
    ['chips', 'INTERCONNECT_BANDWIDTH_GBS', 'ChipOrder', 'Chip', 'interconnectBandwidthGBs'],
    ['chips', 'RELEASE_DATE', 'ChipOrder', 'Chip', 'releaseDate'],
    ['chips', 'ECCN', 'ChipOrder', 'Chip', 'eccn'],
    ['models', 'TRAINING_COMPUTE_FLOP', 'ModelOrder', 'Model', 'trainingComputeFlop'],
    ['models', 'RELEASE_DATE', 'ModelOrder', 'Model', 'releaseDate'],
    ['companies', 'FOUNDED_YEAR', 'CompanyOrder', 'Company', 'foundedYear'],
    ['dataCenters', 'POWER_MW', 'DataCenterOrder', 'DataCenter', 'powerMw'],
    ['regulations', 'EFFECTIVE_DATE', 'RegulationOrder', 'Regulation', 'effectiveDate'],
    ['countries', 'ISO_CODE', 'CountryOrder', 'Country', 'isoCode'],
    ['sources', 'PUBLISHED_DATE', 'SourceOrder', 'Source', 'publishedDate'],
  ] as const)('sorts %s by %s both ways with entities lacking the value last', async (field, sortField, order, kind, property) => {
    const list = entitiesOf(kind);
    expect(list.some((e) => e[property] !== undefined)).toBe(true);
    for (const direction of ['ASC', 'DESC'] as const) {
      const p = await page(field, order, { first: 100, orderBy: { field: sortField, direction } });
      expect(
        p.edges.map((e) => e.node.id),
        direction,
      ).toEqual(expectedOrder(list, property, direction === 'DESC'));
    }
  });

  it('puts chips without a memory figure last in descending order too', async () => {
    const p = await page('chips', 'ChipOrder', { first: 100, orderBy: { field: 'MEMORY_GB', direction: 'DESC' } });
    const missing = entitiesOf('Chip')
      .filter((e) => e.memoryGb === undefined)
      .map((e) => e.id)
      .sort();
    expect(missing.length).toBeGreaterThan(0);
    expect(p.edges.slice(-missing.length).map((e) => e.node.id)).toEqual(missing);
  });
});

describe('paginating list queries', () => {
  it('returns an empty page for first 0 while totalCount and hasNextPage still describe the list', async () => {
    const p = await page('chips', 'ChipOrder', { first: 0 });
    expect(p.edges).toEqual([]);
    expect(p.totalCount).toBe(entitiesOf('Chip').length);
    expect(p.pageInfo).toMatchObject({ hasNextPage: true, startCursor: null, endCursor: null });
  });

  it('returns an empty page with no next page for a filter nothing matches', async () => {
    const data = await server.data<{ chips: unknown }>(
      `{ chips(filter: { vendor: { eq: "Nobody" } }) { totalCount edges { cursor } pageInfo { hasNextPage endCursor } } }`,
    );
    expect(data.chips).toEqual({ totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('reports no next page on a page that ends exactly at the last entity', async () => {
    const total = entitiesOf('Country').length;
    const first = await page('countries', 'CountryOrder', { first: total - 3 });
    expect(first.pageInfo.hasNextPage).toBe(true);
    const last = await page('countries', 'CountryOrder', { first: 3, after: first.pageInfo.endCursor });
    expect(last.edges).toHaveLength(3);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const whole = await page('countries', 'CountryOrder', { first: total });
    expect(whole.pageInfo.hasNextPage).toBe(false);
  });

  it.each([
    ['sources', null, 'SourceOrder', 'Source', 7],
    ['chips', { field: 'MEMORY_GB', direction: 'DESC' }, 'ChipOrder', 'Chip', 4],
    ['models', { field: 'RELEASE_DATE', direction: 'ASC' }, 'ModelOrder', 'Model', 5],
    ['companies', { field: 'FOUNDED_YEAR', direction: 'DESC' }, 'CompanyOrder', 'Company', 6],
    ['dataCenters', { field: 'POWER_MW', direction: 'ASC' }, 'DataCenterOrder', 'DataCenter', 5],
  ] as const)('walks every page of %s ordered by %j (default: name) and sees each entity once, in order', async (field, orderBy, order, kind, size) => {
    const ids = await walk(field, order, orderBy, size);
    const property = orderBy ? { MEMORY_GB: 'memoryGb', RELEASE_DATE: 'releaseDate', FOUNDED_YEAR: 'foundedYear', POWER_MW: 'powerMw' }[orderBy.field] : 'name';
    expect(ids).toEqual(expectedOrder(entitiesOf(kind), property, orderBy?.direction === 'DESC'));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives each edge a cursor that resumes right after it', async () => {
    const p = await page('models', 'ModelOrder', { first: 6 });
    const resumed = await page('models', 'ModelOrder', { first: 2, after: p.edges[2]!.cursor });
    expect(resumed.edges.map((e) => e.node.id)).toEqual(p.edges.slice(3, 5).map((e) => e.node.id));
    expect(p.pageInfo.startCursor).toBe(p.edges[0]!.cursor);
  });
});

describe('rejecting bad pagination arguments', () => {
  const expectBadAfter = async (field: string, order: string, variables: Record<string, unknown>) => {
    const res = await server.gql(PAGE(field, order), variables);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('"after"');
    expect(res.errors?.[0]?.extensions?.argument).toBe('after');
  };

  it('rejects a forged cursor naming the after argument', async () => {
    await expectBadAfter('chips', 'ChipOrder', { first: 2, after: 'not-a-cursor' });
    await expectBadAfter('chips', 'ChipOrder', { first: 2, after: Buffer.from('{"id":"nvidia-h100"}').toString('base64url') });
    await expectBadAfter('chips', 'ChipOrder', { first: 2, after: Buffer.from('["Chip.name.asc",{"$gt":1},"x"]').toString('base64url') });
  });

  it('rejects a cursor whose sort value does not fit the sort property', async () => {
    const forged = Buffer.from(JSON.stringify(['Chip.releaseDate.asc', 'yesterday', 'nvidia-h100'])).toString('base64url');
    await expectBadAfter('chips', 'ChipOrder', { first: 2, after: forged, orderBy: { field: 'RELEASE_DATE', direction: 'ASC' } });
  });

  it('rejects a cursor made for another ordering, another direction or another list', async () => {
    const byName = await page('chips', 'ChipOrder', { first: 2 });
    const cursor = byName.pageInfo.endCursor;
    await expectBadAfter('chips', 'ChipOrder', { first: 2, after: cursor, orderBy: { field: 'RELEASE_DATE', direction: 'ASC' } });
    await expectBadAfter('chips', 'ChipOrder', { first: 2, after: cursor, orderBy: { field: 'NAME', direction: 'DESC' } });
    await expectBadAfter('models', 'ModelOrder', { first: 2, after: cursor });
  });

  it('rejects first above MAX_PAGE_SIZE as QUERY_TOO_COMPLEX', async () => {
    const res = await server.gql(PAGE('chips', 'ChipOrder'), { first: server.config.MAX_PAGE_SIZE + 1 });
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toContain(String(server.config.MAX_PAGE_SIZE));
  });

  it('rejects a negative first as BAD_USER_INPUT', async () => {
    const res = await server.gql(PAGE('chips', 'ChipOrder'), { first: -1 });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('"first"');
  });
});
