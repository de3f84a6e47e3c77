import { describe, expect, it } from 'vitest';
import { buildAggregateQuery } from '../../src/store/aggregate-query.js';
import { groupKeys } from '../../src/store/group-keys.js';
import { buildGroupQuery, type GroupArgs } from '../../src/store/group-query.js';
import type { EntityKind } from '../../src/graph/ontology.js';
import { expectCypher } from './snapshot.js';

const groups = (kind: EntityKind, groupBy: Record<string, unknown>[], args: Partial<GroupArgs> = {}) =>
  buildGroupQuery(kind, { keys: groupKeys(kind, groupBy), stats: [], relationshipStats: [], first: 100, byKey: false, descending: true, ...args });

describe('the Cypher of an aggregate', () => {
  it('counts a whole kind with count(*) alone, which Neo4j answers from its count store', async () => {
    const { query, params } = buildAggregateQuery('Chip', { stats: [] });
    await expectCypher('aggregate-count', query);
    expect(params).toEqual({});
  });

  it('computes only the selected statistics over a filtered kind, values as parameters', async () => {
    const { query, columns, params } = buildAggregateQuery('Chip', {
      filter: { vendor: { eq: 'NVIDIA' }, restrictedBy: { in: ['x'] } },
      asOf: '2025-01-01',
      stats: [
        { field: 'memoryGb', ops: ['min', 'max', 'avg', 'sum'] },
        { field: 'releaseDate', ops: ['min'] },
        { field: 'architecture', ops: ['countDistinct'] },
      ],
    });
    await expectCypher('aggregate-stats', query);
    expect(columns.map((c) => `${c.column}:${c.field}.${c.op}`)).toEqual([
      's0:memoryGb.min',
      's1:memoryGb.max',
      's2:memoryGb.avg',
      's3:memoryGb.sum',
      's4:releaseDate.min',
      's5:architecture.countDistinct',
    ]);
    // The aggregate's asOf is the date of a relationship condition that gives none of its own.
    expect(String(params.f1asOf)).toBe('2025-01-01');
  });
});

describe('the Cypher of a groupBy', () => {
  it("counts a whole kind by one of its properties from the property's values, the group without one from the count store", async () => {
    const { query } = groups('DataCenter', [{ property: 'STATUS' }]);
    await expectCypher('groups-by-status-whole-kind', query);
    expect(query).toContain('WHERE n.status IS NOT NULL');
    // A filter or a statistic needs the nodes, so the general statement reads them.
    expect(groups('DataCenter', [{ property: 'STATUS' }], { stats: [{ field: 'powerMw', ops: ['sum'] }] }).query).not.toContain('IS NOT NULL');
  });

  it('groups data centers by their country with one OPTIONAL MATCH and counts each data center once', async () => {
    await expectCypher('groups-by-country', groups('DataCenter', [{ country: {} }], { stats: [{ field: 'powerMw', ops: ['sum'] }] }).query);
  });

  it('groups models by the country of their developers, two hops, sorted by the key', async () => {
    await expectCypher('groups-by-developer-country', groups('Model', [{ developers: { headquarters: {} } }], { byKey: true, descending: false }).query);
  });

  it('sums EQUIPPED_WITH chipCount by chip and country, per data center first and then per group', async () => {
    const compiled = groups('DataCenter', [{ chips: {} }, { country: {} }], { relationshipStats: ['chipsChipCount'] });
    await expectCypher('groups-chip-count-by-chip-and-country', compiled.query);
    expect(compiled.relationshipColumns).toEqual([{ field: 'chipsChipCount', column: 'rchipsChipCount' }]);
  });

  it('groups by the quarter of a date and by a property of a neighbour', async () => {
    await expectCypher(
      'groups-by-quarter-and-designer-name',
      groups('Chip', [{ property: 'RELEASE_DATE', datePart: 'QUARTER' }, { designers: { property: 'NAME' } }]).query,
    );
  });

  it('leaves a relationship statistic out when no key goes through its relationship', () => {
    const compiled = groups('DataCenter', [{ property: 'STATUS' }], { relationshipStats: ['chipsChipCount'] });
    expect(compiled.relationshipColumns).toEqual([]);
    expect(compiled.query).not.toContain('EQUIPPED_WITH');
  });
});
