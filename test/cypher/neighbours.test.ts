import { describe, it } from 'vitest';
import { NEIGHBORHOOD } from '../../src/store/analysis/neighborhood.js';
import { neighboursQuery } from '../../src/store/relationship-store.js';
import { expectCypher } from './snapshot.js';

describe('the Cypher of the neighbour expansion', () => {
  it.each([
    ['neighbours-out', 'TRAINED_ON', 'OUT'],
    ['neighbours-in', 'RESTRICTS', 'IN'],
    ['neighbours-symmetric', 'PARTNERS_WITH', 'OUT'],
  ] as const)('batches the neighbours of many entities (%s)', async (name, type, direction) => {
    await expectCypher(name, neighboursQuery(type, direction));
  });

  it('writes the checked depth of a neighbourhood into its bounded pattern', async () => {
    await expectCypher('neighborhood-depth-3', NEIGHBORHOOD({ depth: 3, someTypes: true, dated: true, someKinds: true }));
  });
});
