import { describe, expect, it } from 'vitest';
import { IDENTIFIER_SCORE, matchRecords } from '../../src/ingest/importers/record-matcher.js';
import type { EntityRecord } from '../../src/store/graph-records.js';

const entity = (id: string, kind: EntityRecord['kind'], name: string, aliases: string[] = []): EntityRecord => ({ id, kind, name, aliases, sources: [] });

const graph = {
  entities: [
    entity('huawei', 'Company', 'Huawei', ['Huawei Technologies Co., Ltd.']),
    entity('huawei-cloud', 'DataCenter', 'Huawei Cloud Guiyang'),
    entity('china', 'Country', 'China'),
    entity('united-states', 'Country', 'United States'),
  ],
  countryOf: new Map([['huawei', 'China']]),
};

describe('matching records against the graph', () => {
  it('reads a country given by id as its name, so it counts for the headquarters', () => {
    const [byId, byName] = matchRecords(graph, [
      { name: 'Huawei Technologies Co Ltd', kind: 'Company', country: 'china' },
      { name: 'Huawei Technologies Co Ltd', kind: 'Company', country: 'China' },
    ]);
    expect(byId!.candidates[0]).toMatchObject({ id: 'huawei', features: ['alias', 'country'] });
    expect(byId!.candidates).toEqual(byName!.candidates);
  });

  it('takes a country mismatch off the score, below a match', () => {
    const [result] = matchRecords(graph, [{ name: 'Huawei', kind: 'Company', country: 'united-states' }]);
    expect(result!.decision).toBe('review');
    expect(result!.candidates[0]!.features).toEqual(['name', 'country mismatch']);
  });

  it('keeps to the kind asked for', () => {
    const [company, anyKind] = matchRecords(graph, [{ name: 'Huawei Cloud Guiyang', kind: 'Company' }, { name: 'Huawei Cloud Guiyang' }]);
    expect(company!.candidates.map((c) => c.id)).not.toContain('huawei-cloud');
    expect(anyKind).toMatchObject({ index: 1, decision: 'match' });
    expect(anyKind!.candidates.map((c) => c.id)).toEqual(['huawei-cloud', 'huawei']);
  });

  it('merges an identifier with what the names said of the same entity, and numbers results in order', () => {
    const [, result] = matchRecords(graph, [{ name: 'x' }, { name: 'Huawei', id: 'huawei' }]);
    expect(result!.index).toBe(1);
    expect(result!.candidates.filter((c) => c.id === 'huawei')).toEqual([
      expect.objectContaining({ score: IDENTIFIER_SCORE, features: ['identifier', 'name'], reason: expect.stringMatching(/^the same id; /) }),
    ]);
  });

  it('ignores an id the graph does not hold', () => {
    const [result] = matchRecords(graph, [{ name: 'Nothing like it', id: 'no-such-id' }]);
    expect(result).toEqual({ index: 0, name: 'Nothing like it', decision: 'none', candidates: [] });
  });
});
