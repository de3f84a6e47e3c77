import { describe, it } from 'vitest';
import { DESIGNER_HOMES } from '../../src/store/analysis/undetermined.js';
import { ENTITIES } from '../../src/store/control-discrepancies.js';
import { ALL_CHIP_IDS, CHIPS_UNDER_RULES, REGULATION_IDS } from '../../src/store/derived-restrictions.js';
import { expectCypher } from './snapshot.js';

/** The statements behind derived restrictions, the UNKNOWN routes and controlDiscrepancies. */
const STATEMENTS: Record<string, string> = {
  'derived-chips-under-rules': CHIPS_UNDER_RULES,
  'derived-all-chip-ids': ALL_CHIP_IDS,
  'derived-regulation-ids': REGULATION_IDS,
  'derived-designer-homes': DESIGNER_HOMES,
  'derived-discrepancy-entities': ENTITIES,
};

describe('the Cypher of derived restrictions', () => {
  it.each(Object.entries(STATEMENTS))('runs %s as reviewed', async (name, statement) => {
    await expectCypher(name, statement);
  });
});
