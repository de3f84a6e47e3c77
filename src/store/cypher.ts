import type { EntityModel, RelationshipModel, Direction } from '../graph/models.js';
import { CONFIDENCE_LEVELS, ENTITY_KINDS, relationshipSpec } from '../graph/ontology.js';
import { map, oneOf, text, textOrNull, texts } from './rows.js';

/** `r` held on `$param` (which must be set): validFrom inclusive, validTo exclusive, missing bounds open. */
export const heldOn = (r: string, param: string): string =>
  `((${r}.validFrom IS NULL OR ${r}.validFrom <= $${param}) AND (${r}.validTo IS NULL OR ${r}.validTo > $${param}))`;

/** `r` held on `$param`, as heldOn; a null param means "at any time". */
export const validAt = (r: string, param: string): string => `($${param} IS NULL OR ${heldOn(r, param)})`;

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
  const p = map(props, 'entity');
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (!HIDDEN.has(k)) out[k] = v;
  return {
    ...out,
    id: text(p.id, 'entity.id'),
    kind: oneOf(ENTITY_KINDS, p.kind, 'entity.kind'),
    name: text(p.name, 'entity.name'),
    aliases: texts(p.aliases, 'entity.aliases'),
    description: textOrNull(p.description, 'entity.description'),
    sourceIds: texts(p.sourceIds, 'entity.sourceIds'),
  };
}

/** Relationship properties, seen from `self`, as the domain model. */
export function toRelationship(type: string, props: unknown, from: string, to: string, self: string): RelationshipModel {
  const p = map(props, 'relationship');
  const direction: Direction = from === self ? 'OUT' : 'IN';
  return {
    ...p,
    type,
    direction,
    from,
    to,
    sourceIds: texts(p.sourceIds, 'relationship.sourceIds'),
    validFrom: textOrNull(p.validFrom, 'relationship.validFrom'),
    validTo: textOrNull(p.validTo, 'relationship.validTo'),
    confidence: p.confidence == null ? 'high' : oneOf(CONFIDENCE_LEVELS, p.confidence, 'relationship.confidence'),
    notes: textOrNull(p.notes, 'relationship.notes'),
  };
}
