import { describe, expect, it } from 'vitest';
import type { DerivedRestriction } from '../../src/rules/derive-restrictions.js';
import { planDerived, type StoredChip } from '../../src/store/derived-restrictions.js';
import { mergeRelationship } from '../../src/store/merge.js';

const RULE = 'bis-2023-10-17-ac-s-ifr';
const derived: DerivedRestriction = {
  rule: RULE,
  chip: 'chip',
  paragraph: '3A090.a',
  criterion: '3A090.a.1: TPP ≥ 4,800',
  evidence: ['TPP 15,832 ≥ 4,800'],
  source: 'src-fr-2023-23055',
  confidence: 'high',
  validFrom: '2023-11-17',
  validTo: null,
};
const stored = (restricts: StoredChip['restricts']): StoredChip => ({ chip: { id: 'chip', name: 'Chip', specSource: 'entity chip' }, restricts });
const regulations = new Set([RULE]);

describe('planning the derived restrictions of a chip', () => {
  it('creates a derived RESTRICTS record with its basis, criterion, numbers and the rule window', () => {
    const [change] = planDerived(stored([]), [derived], regulations);
    expect(change).toMatchObject({ op: 'create', before: null });
    expect(change!.after).toMatchObject({
      type: 'RESTRICTS',
      from: RULE,
      to: 'chip',
      basis: 'DERIVED',
      paragraph: '3A090.a',
      evidence: 'TPP 15,832 ≥ 4,800',
      validFrom: '2023-11-17',
    });
    expect(change!.after).not.toHaveProperty('validTo');
  });

  it('changes nothing when the stored derived record is the same, and leaves an asserted one alone', () => {
    const [create] = planDerived(stored([]), [derived], regulations);
    expect(planDerived(stored([create!.after!]), [derived], regulations)).toEqual([]);
    const asserted = { type: 'RESTRICTS', from: RULE, to: 'chip', sources: ['src-x'], validFrom: '2024-01-01' };
    expect(planDerived(stored([asserted]), [derived], regulations)).toEqual([]);
    expect(planDerived(stored([asserted]), [], regulations)).toEqual([]);
  });

  it('deletes a derived record the rules no longer derive, and derives nothing from a rule the graph lacks', () => {
    const [create] = planDerived(stored([]), [derived], regulations);
    expect(planDerived(stored([create!.after!]), [], regulations)).toEqual([{ op: 'delete', before: create!.after, after: null }]);
    expect(planDerived(stored([]), [derived], new Set())).toEqual([]);
  });

  it('lets an asserted fact replace a derived one whole when it is merged in', () => {
    const [create] = planDerived(stored([]), [derived], regulations);
    const merged = mergeRelationship(create!.after!, { type: 'RESTRICTS', from: RULE, to: 'chip', sources: ['src-x'], validFrom: '2024-01-01' }, 'assert');
    expect(merged).toEqual({ type: 'RESTRICTS', from: RULE, to: 'chip', sources: ['src-x'], validFrom: '2024-01-01', confidence: 'high' });
  });
});
