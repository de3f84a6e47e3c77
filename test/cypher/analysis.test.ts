import { describe, it } from 'vitest';
import { SOURCES_BY_IDS } from '../../src/store/analysis/common.js';
import { COMPANY } from '../../src/store/analysis/compute-access.js';
import { REGULATION_REACH } from '../../src/store/analysis/exposure.js';
import { NEIGHBORHOOD } from '../../src/store/analysis/neighborhood.js';
import { PATHS, SHORTEST_PATH } from '../../src/store/analysis/paths.js';
import { RESTRICTIONS } from '../../src/store/analysis/restrictions.js';
import { ROUTES_OF_ALL, ROUTES_OF_COMPANIES } from '../../src/store/analysis/routes-query.js';
import { ENTITY, TIMELINE } from '../../src/store/analysis/timeline.js';
import { CHIP, WHO_USES } from '../../src/store/analysis/who-uses.js';
import { expectCypher } from './snapshot.js';

/** Every statement the analysis queries run, the length-bounded ones at the default caps. */
const STATEMENTS: Record<string, string> = {
  'analysis-compute-access-company': COMPANY,
  'analysis-routes-of-all': ROUTES_OF_ALL,
  'analysis-routes-of-companies': ROUTES_OF_COMPANIES,
  'analysis-restrictions': RESTRICTIONS,
  'analysis-regulation-reach': REGULATION_REACH,
  'analysis-who-uses-chip': CHIP,
  'analysis-who-uses': WHO_USES,
  'analysis-timeline-entity': ENTITY,
  'analysis-timeline': TIMELINE,
  'analysis-neighborhood': NEIGHBORHOOD({ depth: 4, someTypes: true, dated: true, someKinds: true }),
  'analysis-neighborhood-unfiltered': NEIGHBORHOOD({ depth: 2, someTypes: false, dated: false, someKinds: false }),
  'analysis-shortest-path': SHORTEST_PATH(6),
  'analysis-paths': PATHS(6),
  'analysis-sources-by-ids': SOURCES_BY_IDS,
};

describe('the Cypher of the analysis queries', () => {
  it.each(Object.entries(STATEMENTS))('runs %s as reviewed', async (name, statement) => {
    await expectCypher(name, statement);
  });
});
