import type { Tx } from '../../db/database.js';
import type { EntityModel, RelationshipModel } from '../../graph/models.js';
import { CONFIDENCE_LEVELS, type Confidence } from '../../graph/ontology.js';
import { toEntity, toRelationship } from '../cypher.js';
import { list, map, oneOf, text, texts } from '../rows.js';
import type { PathModel } from './models.js';

/** `reg` in force on `$param`: effective on or before it (or no date), and not yet rescinded. */
export const inForce = (reg: string, param: string): string =>
  `((${reg}.effectiveDate IS NULL OR ${reg}.effectiveDate <= $${param}) AND (${reg}.rescindedDate IS NULL OR $${param} < ${reg}.rescindedDate))`;

/** A relationship as a map the store can turn into a RelationshipModel. */
export const relRow = (r: string): string => `{type: type(${r}), props: ${r}, from: startNode(${r}).id, to: endNode(${r}).id}`;

export interface RelRow {
  type: string;
  props: Record<string, unknown>;
  from: string;
  to: string;
}

/** A `relRow` column read back. */
export function toRelRow(value: unknown): RelRow {
  const r = map(value, 'rel');
  return { type: text(r.type, 'rel.type'), props: map(r.props, 'rel.props'), from: text(r.from, 'rel.from'), to: text(r.to, 'rel.to') };
}

/** A list of `relRow`s read back. */
export const toRelRows = (value: unknown): RelRow[] => list(value, 'rels').map(toRelRow);

export const sourceIdsOf = (r: RelRow): string[] => texts(r.props.sourceIds, 'rel.props.sourceIds');

export const confidenceOf = (r: RelRow): Confidence =>
  r.props.confidence == null ? 'high' : oneOf(CONFIDENCE_LEVELS, r.props.confidence, 'rel.props.confidence');

/** A relationship seen from the entity with id `self`. */
export const toEdge = (row: RelRow, self: string): RelationshipModel => toRelationship(row.type, row.props, row.from, row.to, self);

/** An ordered path; each edge's direction is seen from the node before it. */
export function toPath(nodes: unknown, rels: RelRow[]): PathModel {
  const entities = list(nodes, 'nodes').map(toEntity);
  return { nodes: entities, edges: rels.map((r, i) => toEdge(r, entities[i]!.id)), length: rels.length };
}

/** The weakest of some confidences (CONFIDENCE_LEVELS runs from strongest to weakest); `high` when there are none. */
export function weakest(levels: readonly Confidence[]): Confidence {
  let worst = 0;
  for (const level of levels) worst = Math.max(worst, CONFIDENCE_LEVELS.indexOf(level));
  return CONFIDENCE_LEVELS[worst]!;
}

/** Today's date, UTC, as YYYY-MM-DD: what asOf means when an analysis is asked without one. */
export const today = (): string => new Date().toISOString().slice(0, 10);

export const SOURCES_BY_IDS = `
  MATCH (s:Entity:Source)
  WHERE s.id IN $ids
  RETURN s
  ORDER BY s.id`;

/** Source entities by id, in one statement; unknown ids are dropped. */
export async function sourcesByIds(tx: Tx, ids: Iterable<string>): Promise<Map<string, EntityModel>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await tx.run(SOURCES_BY_IDS, { ids: unique });
  return new Map(rows.map((r) => toEntity(r.s)).map((s) => [s.id, s]));
}

/** The sources among `ids`, in id order, without repeats. */
export const pick = (sources: Map<string, EntityModel>, ids: Iterable<string>): EntityModel[] =>
  [...new Set(ids)].sort().flatMap((id) => (sources.has(id) ? [sources.get(id)!] : []));
