import { relationshipSpec } from '../graph/ontology.js';
import type { ChangeModel } from '../store/audit-store.js';

/** A subscriber's filter: every field given must match, by any one of its values. */
export interface ChangeFilterInput {
  readonly kinds?: readonly string[] | null;
  readonly ids?: readonly string[] | null;
  readonly types?: readonly string[] | null;
}

/** The kind of the entity an entity change is about, read from its record (before or after). */
function entityKindOf(change: ChangeModel): string | null {
  const record = change.after ?? change.before;
  if (!record) return null;
  const kind = (JSON.parse(record) as { kind?: unknown }).kind;
  return typeof kind === 'string' ? kind : null;
}

/**
 * Whether a change passes the filter. A relationship change matches `kinds` when its type may connect an
 * entity of one of them: the trail records relationship endpoints by id only, and reading their kinds would
 * cost a query per change.
 */
export function matchesFilter(change: ChangeModel, filter: ChangeFilterInput | null | undefined): boolean {
  if (!filter) return true;
  const { kinds, ids, types } = filter;
  if (ids?.length && !ids.includes(change.entityId) && !(change.relatedEntityId && ids.includes(change.relatedEntityId))) return false;
  if (types?.length && !(change.relationshipType && types.includes(change.relationshipType))) return false;
  if (!kinds?.length) return true;
  if (!change.relationshipType) return kinds.includes(entityKindOf(change) ?? '');
  const spec = relationshipSpec(change.relationshipType);
  return !!spec && [...spec.from, ...spec.to].some((k) => kinds.includes(k));
}
