import type { EntityRecord, RelationshipRecord } from './graph-records.js';
import { mergeProvenance, VALUE_PROVENANCE } from '../graph/value-provenance.js';

/**
 * How an incoming record meets an existing one: `assert` overwrites the fields it gives (the project's own
 * files and mutations), `fill` only sets fields the graph lacks (third-party data such as Epoch AI's, which
 * must not overwrite curated facts). Either way sources and aliases are unions, so facts accumulate citations.
 */
export type MergeMode = 'assert' | 'fill';

const IDENTITY = new Set(['id', 'kind', 'type', 'from', 'to', 'sources', 'aliases', VALUE_PROVENANCE]);

export const union = (a: readonly string[] = [], b: readonly string[] = []): string[] => [...new Set([...a, ...b])];

function mergeFields<T extends Record<string, unknown>>(existing: T, incoming: Record<string, unknown>, mode: MergeMode): T {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(incoming)) {
    if (IDENTITY.has(key) || value === null || value === undefined) continue;
    if (mode === 'assert' || existing[key] === null || existing[key] === undefined) changed[key] = value;
  }
  return { ...existing, ...changed };
}

/** The entity after `incoming` is merged into `existing` (or `incoming` itself when there is none). */
export function mergeEntity(existing: EntityRecord | null, incoming: EntityRecord, mode: MergeMode): EntityRecord {
  // A name is never also its own alias, on create as on merge, so a second import of the same record changes nothing.
  if (!existing) return incoming.aliases ? { ...incoming, aliases: incoming.aliases.filter((a) => a !== incoming.name) } : incoming;
  const merged = mergeFields(existing, incoming, mode);
  const aliases = union(existing.aliases, incoming.aliases).filter((a) => a !== merged.name);
  // A value's provenance follows the value: the entry of whichever record's value the merge kept.
  const taken = (prop: string): boolean => incoming[prop] != null && (mode === 'assert' || existing[prop] == null);
  const provenance = mergeProvenance(existing, incoming, taken);
  const out: Record<string, unknown> = { ...merged, aliases, sources: union(existing.sources, incoming.sources) };
  if (provenance) out[VALUE_PROVENANCE] = provenance;
  else delete out[VALUE_PROVENANCE];
  return out as EntityRecord;
}

/**
 * The relationship after `incoming` is merged into `existing`; a new one defaults to high confidence. An
 * asserted fact replaces a restriction the rules derived (basis DERIVED) whole: it is asserted from then on,
 * and controlDiscrepancies sets it against the derivation.
 */
export function mergeRelationship(existing: RelationshipRecord | null, incoming: RelationshipRecord, mode: MergeMode): RelationshipRecord {
  if (!existing) return { confidence: 'high', ...incoming };
  if (existing.basis === 'DERIVED' && incoming.basis !== 'DERIVED') return { confidence: 'high', ...incoming, from: existing.from, to: existing.to };
  const merged = mergeFields(existing, incoming, mode);
  return { ...merged, sources: union(existing.sources, incoming.sources) };
}
