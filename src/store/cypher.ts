import type { EntityModel, RelationshipModel, Direction } from '../graph/models.js';
import { relationshipSpec, type Confidence, type EntityKind } from '../graph/ontology.js';

/** `r` held on `$param`: validFrom inclusive, validTo exclusive; a null param means "at any time". */
export const validAt = (r: string, param: string): string =>
  `($${param} IS NULL OR ((${r}.validFrom IS NULL OR ${r}.validFrom <= $${param}) AND (${r}.validTo IS NULL OR ${r}.validTo > $${param})))`;

/** The relationship pattern of a neighbour hop; symmetric types match either direction. */
export function hopPattern(type: string, direction: Direction, rel: string): string {
  const symmetric = relationshipSpec(type)?.symmetric ?? false;
  return symmetric ? `-[${rel}:${type}]-` : direction === 'OUT' ? `-[${rel}:${type}]->` : `<-[${rel}:${type}]-`;
}

/** Housekeeping and derived properties kept for indexes (full-text, sorting): not part of the model. */
const HIDDEN = new Set(['aliasText', 'nameKey', 'createdAt', 'updatedAt']);

/**
 * An entity node as a RETURN column: its properties without the housekeeping timestamps, which no read shows and
 * which cost more to decode than the rest of a node together.
 */
export const entityColumn = (node: string): string => `${node} {.*, createdAt: null, updatedAt: null}`;

/** Node properties as the domain model. */
export function toEntity(props: unknown): EntityModel {
  const p = props as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!HIDDEN.has(k)) out[k] = v;
  return {
    ...out,
    id: p.id as string,
    kind: p.kind as EntityKind,
    name: p.name as string,
    aliases: (p.aliases as string[] | null) ?? [],
    description: (p.description as string | null) ?? null,
    sourceIds: (p.sourceIds as string[] | null) ?? [],
  };
}

/** Relationship properties, seen from `self`, as the domain model. */
export function toRelationship(type: string, props: unknown, from: string, to: string, self: string): RelationshipModel {
  const p = props as Record<string, unknown>;
  const direction: Direction = from === self ? 'OUT' : 'IN';
  return {
    ...p,
    type,
    direction,
    from,
    to,
    sourceIds: (p.sourceIds as string[] | null) ?? [],
    validFrom: (p.validFrom as string | null) ?? null,
    validTo: (p.validTo as string | null) ?? null,
    confidence: ((p.confidence as Confidence | null) ?? 'high'),
    notes: (p.notes as string | null) ?? null,
  };
}
