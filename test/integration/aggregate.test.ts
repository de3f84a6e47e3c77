import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aggregateGraph } from './aggregate-graph.js';
import { useTestServer } from './harness.js';
import { removeEntities } from './write-helpers.js';

const server = useTestServer();
let graph: Awaited<ReturnType<typeof aggregateGraph>>;
let mine: { name: { startsWith: string } };

beforeAll(async () => {
  graph = await aggregateGraph(server);
  mine = { name: { startsWith: graph.prefix } };
});
afterAll(() => graph.remove());

/** Runs an operation, asserts it answered without errors in exactly one database statement, and returns data. */
async function oneStatement<T>(query: string, variables: Record<string, unknown>): Promise<T> {
  const res = await server.gql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  expect(res.extensions?.stats?.dbQueries).toBe(1);
  return res.data!;
}

interface Key {
  path: string;
  value: string | null;
  year?: number | null;
  quarter?: number | null;
  entity: { id: string } | null;
}
const keyOf = (k: Key): string | null => k.entity?.id ?? k.value;

describe('per-kind aggregates', () => {
  it('counts and summarises the entities a filter matches in one statement', async () => {
    const data = await oneStatement<{ chipsAggregate: Record<string, unknown> }>(
      `query ($f: ChipFilter) { chipsAggregate(filter: $f) {
        count memoryGb { min max avg sum countDistinct } releaseDate { min max } vendor { countDistinct } } }`,
      { f: mine },
    );
    expect(data.chipsAggregate).toEqual({
      count: 3,
      memoryGb: { min: 80, max: 141, avg: 110.5, sum: 221, countDistinct: 2 },
      releaseDate: { min: '2023-03-21', max: '2024-08-01' },
      vendor: { countDistinct: 2 },
    });
  });

  it('answers zero, null and an empty sum when nothing matches', async () => {
    const data = await oneStatement<{ dataCentersAggregate: Record<string, unknown> }>(
      `query ($f: DataCenterFilter) { dataCentersAggregate(filter: $f) { count powerMw { min max avg sum countDistinct } } }`,
      { f: { name: { startsWith: `${graph.prefix}-nothing` } } },
    );
    expect(data.dataCentersAggregate).toEqual({ count: 0, powerMw: { min: null, max: null, avg: null, sum: 0, countDistinct: 0 } });
  });

  it('applies its asOf to relationship filters that give no date of their own', async () => {
    const query = `query ($f: DataCenterFilter, $asOf: Date) { dataCentersAggregate(filter: $f, asOf: $asOf) { count } }`;
    const f = { ...mine, chips: { in: [graph.id('chip-2')] } };
    expect((await oneStatement<{ dataCentersAggregate: { count: number } }>(query, { f })).dataCentersAggregate.count).toBe(2);
    expect((await oneStatement<{ dataCentersAggregate: { count: number } }>(query, { f, asOf: '2024-06-01' })).dataCentersAggregate.count).toBe(1);
  });
});

describe('groupBy', () => {
  it('groups data centers by country with the country as the key entity, the unlocated ones in the null group', async () => {
    const data = await oneStatement<{ dataCentersGroups: { keys: Key[]; count: number; powerMw: { sum: number } }[] }>(
      `query ($f: DataCenterFilter) { dataCentersGroups(groupBy: [{country: {}}], filter: $f) {
        keys { path value entity { id ... on Country { isoCode } } } count powerMw { sum } } }`,
      { f: mine },
    );
    expect(data.dataCentersGroups).toEqual([
      { keys: [{ path: 'country', value: null, entity: { id: graph.id('land-a'), isoCode: 'XA' } }], count: 2, powerMw: { sum: 150 } },
      { keys: [{ path: 'country', value: null, entity: { id: graph.id('land-b'), isoCode: 'XB' } }], count: 1, powerMw: { sum: 300 } },
      { keys: [{ path: 'country', value: null, entity: null }], count: 1, powerMw: { sum: 0 } },
    ]);
  });

  it('sums EQUIPPED_WITH chipCount by chip and country, and drops the relationships that did not hold on asOf', async () => {
    const query = `query ($f: DataCenterFilter, $asOf: Date) { dataCentersGroups(groupBy: [{chips: {}}, {country: {}}], filter: $f, asOf: $asOf) {
      keys { path value entity { id } } count chipsChipCount { sum max avg } } }`;
    type Group = { keys: Key[]; count: number; chipsChipCount: { sum: number; max: number | null; avg: number | null } };
    const rows = async (asOf: string | null) =>
      (await oneStatement<{ dataCentersGroups: Group[] }>(query, { f: mine, asOf })).dataCentersGroups.map((g) => [
        ...g.keys.map((k) => keyOf(k)?.replace(`${graph.prefix}-`, '') ?? null),
        g.count,
        g.chipsChipCount.sum,
      ]);
    expect(await rows(null)).toEqual([
      ['chip-1', 'land-a', 2, 3000],
      ['chip-2', 'land-a', 1, 500],
      ['chip-2', 'land-b', 1, 100],
      [null, null, 1, 0],
    ]);
    expect(await rows('2024-06-01')).toEqual([
      ['chip-1', 'land-a', 2, 3000],
      ['chip-2', 'land-a', 1, 500],
      [null, 'land-b', 1, 0],
      [null, null, 1, 0],
    ]);
  });

  it('groups chips by designer and models by the country of their developers, counting a model once per country', async () => {
    const chips = await oneStatement<{ chipsGroups: { keys: Key[]; count: number }[] }>(
      `query ($f: ChipFilter) { chipsGroups(groupBy: [{designers: {}}], filter: $f) { keys { path value entity { id } } count } }`,
      { f: mine },
    );
    expect(chips.chipsGroups.map((g) => [keyOf(g.keys[0]!), g.count])).toEqual([
      [graph.id('designer'), 2],
      [graph.id('lab-b'), 1],
    ]);
    const models = await oneStatement<{ modelsGroups: { keys: Key[]; count: number }[] }>(
      `query ($f: ModelFilter) { modelsGroups(groupBy: [{developers: {headquarters: {}}}], filter: $f) { keys { path value entity { id } } count } }`,
      { f: mine },
    );
    expect(models.modelsGroups.map((g) => [g.keys[0]!.path, keyOf(g.keys[0]!), g.count])).toEqual([
      ['developers.headquarters', graph.id('land-a'), 3],
      ['developers.headquarters', graph.id('land-b'), 1],
    ]);
  });

  it('groups by the year or quarter of a date and by a property, ordered by key when asked', async () => {
    const query = `query ($f: ChipFilter, $by: [ChipGroupBy!]!) { chipsGroups(groupBy: $by, filter: $f, orderBy: {field: KEY, direction: ASC}) {
      keys { path value year quarter entity { id } } count memoryGb { max } } }`;
    const groups = async (by: unknown) =>
      (await oneStatement<{ chipsGroups: { keys: Key[]; count: number; memoryGb: { max: number | null } }[] }>(query, { f: mine, by })).chipsGroups;
    const years = await groups([{ property: 'RELEASE_DATE', datePart: 'YEAR' }]);
    expect(years.map((g) => [g.keys[0]!.path, g.keys[0]!.value, g.keys[0]!.year, g.count, g.memoryGb.max])).toEqual([
      ['releaseDate.year', '2023', 2023, 2, 141],
      ['releaseDate.year', '2024', 2024, 1, null],
    ]);
    const quarters = await groups([{ property: 'RELEASE_DATE', datePart: 'QUARTER' }]);
    expect(quarters.map((g) => [g.keys[0]!.value, g.keys[0]!.quarter, g.count])).toEqual([
      ['2023-Q1', 1, 1],
      ['2023-Q4', 4, 1],
      ['2024-Q3', 3, 1],
    ]);
    const vendors = await groups([{ property: 'VENDOR' }]);
    expect(vendors.map((g) => [g.keys[0]!.value, g.count])).toEqual([
      ['V1', 2],
      ['V2', 1],
    ]);
  });

  it('returns no groups when nothing matches the filter', async () => {
    const data = await oneStatement<{ chipsGroups: unknown[] }>(`query ($f: ChipFilter) { chipsGroups(groupBy: [{designers: {}}], filter: $f) { count } }`, {
      f: { name: { startsWith: `${graph.prefix}-nothing` } },
    });
    expect(data.chipsGroups).toEqual([]);
  });
});

describe('groupBy input checks', () => {
  const errorOf = async (groupBy: unknown, first?: number) => {
    const res = await server.gql(`query ($by: [ChipGroupBy!]!, $first: Int) { chipsGroups(groupBy: $by, first: $first) { count } }`, { by: groupBy, first });
    expect(res.data ?? null).toBeNull();
    return res.errors![0]!;
  };

  it.each([
    ['no key', []],
    ['an empty key', [{}]],
    ['a date part of a text property', [{ property: 'VENDOR', datePart: 'YEAR' }]],
    ['a property and a relationship at once', [{ property: 'VENDOR', designers: {} }]],
    ['a path of three relationships', [{ designers: { headquarters: { dataCenters: {} } } }]],
    ['four keys', [{ property: 'VENDOR' }, { property: 'NAME' }, { property: 'ECCN' }, { property: 'TPP' }]],
  ])('refuses %s as BAD_USER_INPUT naming groupBy', async (_what, groupBy) => {
    const error = await errorOf(groupBy);
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'groupBy' });
    expect(error.message).not.toMatch(/MATCH|neo4j/i);
  });

  it('refuses more groups than the page-size cap as QUERY_TOO_COMPLEX on first', async () => {
    expect((await errorOf([{ property: 'VENDOR' }], 101)).extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', measure: 'first', limit: 100, value: 101 });
  });

  it("counts a whole kind grouped by one of its properties from the property's values, in one statement", async () => {
    const vendor = `${graph.prefix}-vendor`;
    const ids = [1, 2, 3].map((i) => `${graph.prefix}-whole-${i}`);
    await server.db.write((tx) =>
      tx.run(
        `UNWIND $rows AS row CREATE (n:Entity:Chip {id: row.id, kind: 'Chip', name: row.id, nameKey: row.id, sourceIds: [], aliases: [], vendor: row.vendor})`,
        { rows: ids.map((id, i) => ({ id, vendor: i < 2 ? vendor : `${vendor}-other` })) },
      ),
    );
    try {
      const data = await oneStatement<{ chipsGroups: { keys: Key[]; count: number }[] }>(
        `{ chipsGroups(groupBy: [{property: VENDOR}], first: 100) { keys { path value } count } }`,
        {},
      );
      const mine = data.chipsGroups.filter((g) => g.keys[0]!.value?.startsWith(vendor)).map((g) => [g.keys[0]!.path, g.keys[0]!.value, g.count]);
      expect(mine).toEqual([
        ['vendor', vendor, 2],
        ['vendor', `${vendor}-other`, 1],
      ]);
      // Every chip is in exactly one group, the ones without a vendor included.
      const counts = data.chipsGroups.map((g) => g.count);
      expect(counts.every((c) => Number.isInteger(c) && c > 0)).toBe(true);
    } finally {
      await removeEntities(server, ids);
    }
  });
});
