import { AppError, badInput } from '../../errors.js';
import { RELATIONSHIP_TYPE_NAMES, isEntityKind, type EntityKind } from '../../graph/ontology.js';

/**
 * A whole-number argument between `min` and its cap: not whole or below `min` is BAD_USER_INPUT, above the cap is
 * QUERY_TOO_COMPLEX naming the cap (and the setting that raises it).
 */
export function bounded(argument: string, value: number | null | undefined, fallback: number, cap: { max: number; setting: string }, min = 1): number {
  const n = value ?? fallback;
  if (!Number.isInteger(n) || n < min) {
    throw badInput(`"${argument}" must be a whole number of ${min} or more; got ${n}.`, { argument });
  }
  if (n > cap.max) {
    throw new AppError('QUERY_TOO_COMPLEX', `"${argument}" may be at most ${cap.max} (${cap.setting}); got ${n}. Ask for less.`, {
      argument,
      limit: cap.max,
      value: n,
    });
  }
  return n;
}

/** Relationship type names to follow: the ontology's, kept only if asked for (all when `requested` is empty). */
export function relationshipTypes(requested: readonly string[] | null | undefined): string[] {
  if (!requested?.length) return [...RELATIONSHIP_TYPE_NAMES];
  return RELATIONSHIP_TYPE_NAMES.filter((t) => requested.includes(t));
}

/** Entity kinds to pass through, or null for all; only the ontology's kinds survive. */
export function entityKinds(requested: readonly string[] | null | undefined): EntityKind[] | null {
  if (!requested?.length) return null;
  return requested.filter(isEntityKind);
}
