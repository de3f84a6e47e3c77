import { describe, expect, it } from 'vitest';
import { buildListQuery } from '../../src/store/list-query.js';
import { expectCypher } from './snapshot.js';

const page = (kind: 'Company' | 'Chip', filter: Record<string, Record<string, unknown>>) =>
  buildListQuery(kind, { filter, sortField: 'NAME', descending: false, first: 20 });

describe('the Cypher of quantified relationship filters', () => {
  it('nests a neighbour filter two levels deep with its own variables and parameters', async () => {
    // Companies operating a data center of more than 100 MW in a country whose code is SG.
    const { pageQuery, params } = page('Company', {
      operatedDataCentersSome: { node: { powerMw: { gt: 100 }, countrySome: { node: { isoCode: { eq: 'SG' } } } } },
    });
    await expectCypher('list-filter-some-nested', pageQuery);
    expect(params).toMatchObject({ f1: 100, f3: 'SG' });
  });

  it('writes None as NOT EXISTS and All as no neighbour failing the conditions, with relationship conditions', async () => {
    const { pageQuery } = page('Chip', {
      restrictedByNone: { relationship: { heldOn: '2025-06-01' } },
      dataCentersAll: { relationship: { chipCount: { gte: 1000 } }, node: { status: { in: ['OPERATIONAL'] } } },
    });
    await expectCypher('list-filter-none-all', pageQuery);
  });
});

describe('the Cypher of a list sorted through a relationship', () => {
  it('sorts data centers by the name of their country, read per row, nulls last', async () => {
    const { pageQuery } = buildListQuery('DataCenter', { sortField: 'NAME', sortThrough: 'country', descending: true, first: 20 });
    await expectCypher('list-sort-through-country', pageQuery);
  });

  it('refuses a relationship field that is not single-valued', () => {
    expect(() => buildListQuery('DataCenter', { sortField: 'NAME', sortThrough: 'chips', descending: false, first: 20 })).toThrow(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument: 'orderBy' } }),
    );
  });
});
