import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

const server = useTestServer();

describe('indexes for filtered aggregates', () => {
  it('has an online range index on each property aggregations filter and group on most after start', async () => {
    const rows = await server.db.query(
      "SHOW INDEXES YIELD name, type, state, labelsOrTypes, properties WHERE type = 'RANGE' RETURN name, state, labelsOrTypes, properties",
    );
    const byName = new Map(rows.map((r) => [r.name as string, r]));
    const expected: [string, string, string][] = [
      ['data_center_status', 'DataCenter', 'status'],
      ['company_founded', 'Company', 'foundedYear'],
      ['chip_vendor', 'Chip', 'vendor'],
      ['chip_release', 'Chip', 'releaseDate'],
      ['model_release', 'Model', 'releaseDate'],
      ['country_iso', 'Country', 'isoCode'],
      ['entity_kind', 'Entity', 'kind'],
    ];
    for (const [name, label, property] of expected) {
      expect(byName.get(name), name).toMatchObject({ state: 'ONLINE', labelsOrTypes: [label], properties: [property] });
    }
  });
});
