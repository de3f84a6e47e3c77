import { describe, expect, it } from 'vitest';
import { connectionRelations } from '../../src/graph/aggregation.js';
import { buildRelationPageQuery, relationPageColumns } from '../../src/store/relation-page-query.js';
import { encodeCursor } from '../../src/store/pagination.js';
import { expectCypher } from './snapshot.js';

const hop = (kind: 'DataCenter' | 'Company', field: string) => connectionRelations(kind).find((f) => f.field === field)!;

describe('the Cypher of a relationship connection', () => {
  it('pages every parent in one statement with neighbour and relationship filters as parameters, and counts with COUNT {}', async () => {
    const { query, params } = buildRelationPageQuery('DataCenter', hop('DataCenter', 'chips'), {
      node: { vendor: { eq: 'NVIDIA' } },
      relationship: { chipCount: { gte: 1000 }, confidence: ['high', 'medium'], validFrom: { lt: '2025-01-01' } },
      sortField: 'MEMORY_GB',
      descending: true,
      first: 10,
      asOf: '2025-06-01',
      withTotal: true,
    });
    await expectCypher('relation-page-filtered', query);
    expect(Object.keys(params).sort()).toEqual(['asOf', 'f0', 'limit', 'rel0', 'rel1', 'rel2']);
  });

  it('adds the keyset condition of an after cursor made for the same field and ordering, and skips the count unless asked', async () => {
    const after = encodeCursor({ kind: 'Company.designedChips', field: 'name', descending: false }, { value: 'h100', id: 'nvidia-h100' });
    const { query } = buildRelationPageQuery('Company', hop('Company', 'designedChips'), {
      sortField: 'NAME',
      descending: false,
      first: 5,
      after,
      withTotal: false,
    });
    await expectCypher('relation-page-after', query);
  });

  it('refuses a cursor made for the list of the kind rather than the relationship field', () => {
    const after = encodeCursor({ kind: 'Chip', field: 'name', descending: false }, { value: 'h100', id: 'nvidia-h100' });
    expect(() =>
      buildRelationPageQuery('Company', hop('Company', 'designedChips'), { sortField: 'NAME', descending: false, first: 5, after, withTotal: false }),
    ).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT', details: { argument: 'after' } }));
  });

  it('names every parameter and column of a page read ahead in a root statement with its prefix', () => {
    const { columns, params } = relationPageColumns(
      'n',
      'DataCenter',
      hop('DataCenter', 'chips'),
      {
        node: { vendor: { eq: 'NVIDIA' } },
        relationship: { chipCount: { gte: 1000 } },
        sortField: 'NAME',
        descending: false,
        first: 3,
        withTotal: true,
      },
      'pg0_',
    );
    expect(Object.keys(params).sort()).toEqual(['pg0_asOf', 'pg0_f0', 'pg0_limit', 'pg0_rel0']);
    expect(columns.match(/\$\w+/g)!.every((p) => p.startsWith('$pg0_'))).toBe(true);
    expect(columns).toContain('MATCH (n)-[pr:EQUIPPED_WITH]->(pn:Chip)');
    expect(columns).toMatch(/} AS pg0_page,\s+COUNT \{[^}]*} AS pg0_total$/);
  });
});
