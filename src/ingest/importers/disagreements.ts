import { relationshipKey, type EntityRecord, type RelationshipRecord } from '../../store/graph-records.js';
import type { Draft } from './draft.js';
import type { ResolvedRelationship } from './resolve.js';

/** A value the graph kept where an import offered another: fill mode never overwrites, so it says so here. */
export interface Disagreement {
  /** The entity id, or the relationship as `from|TYPE|to`. */
  readonly target: string;
  readonly field: string;
  readonly kept: unknown;
  readonly offered: unknown;
  /** The sources of the offered value. */
  readonly sources: readonly string[];
}

/**
 * Fields that differ without disagreeing: lists accumulate, texts and confidence are the graph's own wording, and
 * a value's provenance follows the value (the value itself is compared).
 */
const NOT_COMPARED = new Set(['roles', 'aliases', 'eccns', 'description', 'notes', 'confidence', 'sources', 'valueProvenance']);

/** Equal, or numbers equal to a thousandth (unit conversions and rounding are not disagreements). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-3 * Math.max(Math.abs(a), Math.abs(b));
  return JSON.stringify(a) === JSON.stringify(b);
}

function differences(target: string, kept: Record<string, unknown>, offered: Record<string, unknown>, sources: readonly string[]): Disagreement[] {
  return Object.entries(offered)
    .filter(([field, value]) => !NOT_COMPARED.has(field) && value != null && kept[field] != null && !same(kept[field], value))
    .map(([field, value]) => ({ target, field, kept: kept[field], offered: value, sources }));
}

/**
 * What a fill-mode import offered that differs from what the graph already holds, entity by entity and
 * relationship by relationship (only where both give a value: filling a gap is no disagreement).
 */
export function findDisagreements(
  draft: Draft,
  idOf: ReadonlyMap<string, string>,
  existing: ReadonlyMap<string, EntityRecord>,
  resolved: readonly ResolvedRelationship[],
  current: ReadonlyMap<string, RelationshipRecord>,
): Disagreement[] {
  if (draft.mode !== 'fill') return [];
  const found: Disagreement[] = [];
  for (const d of draft.entities) {
    const id = idOf.get(d.ref);
    const before = id ? existing.get(id) : undefined;
    if (before) found.push(...differences(id!, before as unknown as Record<string, unknown>, { ...d.props, name: undefined }, d.sources));
  }
  for (const { record } of resolved) {
    const key = relationshipKey(record.type, record.from, record.to);
    const before = current.get(key);
    if (before)
      found.push(
        ...differences(
          `${record.from}|${record.type}|${record.to}`,
          before as unknown as Record<string, unknown>,
          record as unknown as Record<string, unknown>,
          record.sources,
        ),
      );
  }
  return found;
}
