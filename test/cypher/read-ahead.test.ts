import { describe, expect, it } from 'vitest';
import { dbDate } from '../../src/db/mapping.js';
import type { EntityKind } from '../../src/graph/ontology.js';
import { buildListQuery } from '../../src/store/list-query.js';
import { compilePrefetch, type RelationSelection } from '../../src/store/prefetch-query.js';
import { expectCypher } from './snapshot.js';

const select = (type: string, direction: 'OUT' | 'IN', children: RelationSelection[] = [], extra: Partial<RelationSelection> = {}): RelationSelection => ({
  type,
  direction,
  asOf: null,
  children,
  ...extra,
});

/** The page statement of a list with these relationship selections read ahead under each entity. */
function pageWith(kind: EntityKind, selections: RelationSelection[]) {
  const plan = compilePrefetch('n', selections);
  return { statement: buildListQuery(kind, { sortField: 'NAME', descending: false, first: 10 }, plan.columns).pageQuery, params: plan.params };
}

describe('the Cypher of the read-ahead', () => {
  it('reads three levels (models, their training chips, the data centers with those chips) in one statement', async () => {
    const { statement, params } = pageWith('Company', [
      select('DEVELOPS', 'OUT', [select('TRAINED_ON', 'OUT', [select('EQUIPPED_WITH', 'IN', [], { properties: ['id', 'name', 'kind'] })])]),
    ]);
    await expectCypher('read-ahead-three-levels', statement);
    expect(params).toEqual({ prefetchAsOf0: null });
  });

  it('holds each relationship on its asOf, one parameter per distinct date', async () => {
    const { statement, params } = pageWith('Chip', [
      select('RESTRICTS', 'IN', [], { asOf: '2025-01-15' }),
      select('EQUIPPED_WITH', 'IN', [], { asOf: '2025-01-15' }),
      select('TRAINED_ON', 'IN', [], { asOf: '2023-06-01' }),
    ]);
    await expectCypher('read-ahead-as-of', statement);
    expect(params).toEqual({ prefetchAsOf0: dbDate('2025-01-15'), prefetchAsOf1: dbDate('2023-06-01') });
  });

  it('reads a single-valued field (a data center country) as a list like any other', async () => {
    await expectCypher('read-ahead-single-valued', pageWith('DataCenter', [select('LOCATED_IN', 'OUT')]).statement);
  });

  it('matches a symmetric relationship (partners) without direction', async () => {
    await expectCypher('read-ahead-symmetric', pageWith('Company', [select('PARTNERS_WITH', 'OUT')]).statement);
  });
});
