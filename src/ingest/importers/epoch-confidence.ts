import type { Confidence } from '../../graph/ontology.js';

/** What a source's own confidence tag says of a value: how sure it is, and whether it calls it an estimate. */
export interface ClaimedConfidence {
  readonly confidence: Confidence | null;
  readonly estimate: boolean;
}

const NONE: ClaimedConfidence = { confidence: null, estimate: false };

/**
 * Epoch AI's model `Confidence` column: Confident → HIGH, Likely → MEDIUM, Speculative → LOW and an estimate;
 * Unknown or blank claims nothing (null), never HIGH.
 */
export function modelConfidence(value: string | null): ClaimedConfidence {
  switch (value?.trim().toLowerCase()) {
    case 'confident':
      return { confidence: 'high', estimate: false };
    case 'likely':
      return { confidence: 'medium', estimate: false };
    case 'speculative':
      return { confidence: 'low', estimate: true };
    default:
      return NONE;
  }
}

/** Epoch AI's GPU cluster `Certainty` column: Confirmed → HIGH, Likely → MEDIUM, Unlikely → LOW and an estimate. */
export function clusterCertainty(value: string | null): ClaimedConfidence {
  switch (value?.trim().toLowerCase()) {
    case 'confirmed':
      return { confidence: 'high', estimate: false };
    case 'likely':
      return { confidence: 'medium', estimate: false };
    case 'unlikely':
      return { confidence: 'low', estimate: true };
    default:
      return NONE;
  }
}
