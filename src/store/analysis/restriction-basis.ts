import { map, textOrNull } from '../rows.js';
import type { RestrictionModel } from './models.js';

/** The basis of a RESTRICTS relationship read back from `rr {.basis, .paragraph, .criterion, .evidence}`. */
export function basisOf(value: unknown): Pick<RestrictionModel, 'basis' | 'derivation'> {
  const m = map(value, 'basis');
  if (textOrNull(m.basis, 'basis.basis') !== 'DERIVED') return { basis: 'ASSERTED', derivation: null };
  const evidence = textOrNull(m.evidence, 'basis.evidence');
  return {
    basis: 'DERIVED',
    derivation: {
      paragraph: textOrNull(m.paragraph, 'basis.paragraph'),
      criterion: textOrNull(m.criterion, 'basis.criterion') ?? '',
      evidence: evidence ? evidence.split('; ') : [],
    },
  };
}
