import { describe, expect, it } from 'vitest';
import { parseEntity, parseRelationship } from '../../src/graph/validation.js';

const chip = (props: Record<string, unknown>) => ({ id: 'test-chip', kind: 'Chip', name: 'Test chip', sources: ['src-x'], ...props });

describe('bounds the ontology sets on numbers', () => {
  it('refuses a negative measure on an entity, naming the property', () => {
    const { issues } = parseEntity(chip({ tdpWatts: -700 }), 'input');
    expect(issues).toEqual([expect.objectContaining({ path: 'input.tdpWatts', message: expect.stringContaining('not be below 0') })]);
  });

  it('accepts zero and positive measures', () => {
    expect(parseEntity(chip({ tdpWatts: 0, memoryGb: 80, tpp: 15_832 }), 'input').issues).toEqual([]);
  });

  it('refuses a negative chip count on a relationship, naming the property', () => {
    const raw = { type: 'EQUIPPED_WITH', from: 'a-dc', to: 'a-chip', sources: ['src-x'], properties: { chipCount: -5 } };
    const { issues } = parseRelationship(raw, 'input');
    expect(issues).toEqual([{ path: 'input.properties.chipCount', message: 'must not be below 0' }]);
  });

  it('still says which type a relationship property must have', () => {
    const raw = { type: 'EQUIPPED_WITH', from: 'a-dc', to: 'a-chip', sources: ['src-x'], properties: { chipCount: 'many' } };
    expect(parseRelationship(raw, 'input').issues).toEqual([{ path: 'input.properties.chipCount', message: 'must be an integer' }]);
  });

  it('leaves numbers without a bound free: a founding year is not a measure', () => {
    const company = { id: 'test-co', kind: 'Company', name: 'Co', sources: ['src-x'], foundedYear: 1987 };
    expect(parseEntity(company, 'input').issues).toEqual([]);
  });
});
