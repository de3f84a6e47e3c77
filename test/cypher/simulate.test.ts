import { describe, it } from 'vitest';
import { CHIP_DESIGNERS, CHIPS_BY_IDS } from '../../src/store/analysis/simulate.js';
import { expectCypher } from './snapshot.js';

/** The statements simulateRule runs besides routesWithin's (analysis.test.ts). */
const STATEMENTS: Record<string, string> = {
  'simulate-chips-by-ids': CHIPS_BY_IDS,
  'simulate-chip-designers': CHIP_DESIGNERS,
};

describe('the Cypher of simulateRule', () => {
  it.each(Object.entries(STATEMENTS))('runs %s as reviewed', async (name, statement) => {
    await expectCypher(name, statement);
  });
});
