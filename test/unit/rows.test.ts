import { describe, expect, it } from 'vitest';
import { toEntity, toRelationship } from '../../src/store/cypher.js';
import { RowShapeError, oneOf, texts, textOrNull } from '../../src/store/rows.js';

describe('typed row reads', () => {
  it('turn a stored node into an entity model, defaulting missing lists and hiding housekeeping', () => {
    const entity = toEntity({ id: 'nvidia-h100', kind: 'Chip', name: 'H100', memoryGb: 80, nameKey: 'h100' });
    expect(entity).toEqual({ id: 'nvidia-h100', kind: 'Chip', name: 'H100', memoryGb: 80, aliases: [], description: null, sourceIds: [] });
  });

  it('reject a node whose kind is not in the ontology', () => {
    expect(() => toEntity({ id: 'x', kind: 'Spaceship', name: 'X' })).toThrow(RowShapeError);
  });

  it('reject a node without a name, naming the column', () => {
    expect(() => toEntity({ id: 'x', kind: 'Chip' })).toThrow(/entity\.name: expected a string, got undefined/);
  });

  it('reject a relationship with a confidence outside the allowed levels', () => {
    expect(() => toRelationship('TRAINED_ON', { confidence: 'certain' }, 'a', 'b', 'a')).toThrow(RowShapeError);
    expect(toRelationship('TRAINED_ON', {}, 'a', 'b', 'b')).toMatchObject({ confidence: 'high', direction: 'IN', sourceIds: [] });
  });

  it('check every item of a list and keep null apart from a string', () => {
    expect(() => texts(['a', 1], 'ids')).toThrow(/ids\[\]: expected a string, got number/);
    expect(texts(null, 'ids')).toEqual([]);
    expect(textOrNull(undefined, 'notes')).toBeNull();
    expect(oneOf(['a', 'b'] as const, 'b', 'x')).toBe('b');
  });
});
