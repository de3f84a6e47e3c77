import { describe, it } from 'vitest';
import { COMPANY_COUNTRIES } from '../../src/store/company-countries.js';
import { expectCypher } from './snapshot.js';

describe('the Cypher of the screening-list matcher', () => {
  it('reads the companies’ headquarters countries as reviewed', async () => {
    await expectCypher('load-company-countries', COMPANY_COUNTRIES);
  });
});
