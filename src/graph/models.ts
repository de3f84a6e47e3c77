import type { Confidence, EntityKind } from './ontology.js';

/** An entity as the store returns it: common fields plus its kind's properties, dates as ISO strings. */
export interface EntityModel {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases: string[];
  readonly description: string | null;
  readonly sourceIds: string[];
  readonly [property: string]: unknown;
}

export type Direction = 'OUT' | 'IN';

/** A relationship seen from one endpoint; type-specific properties (chipCount...) sit beside the common ones. */
export interface RelationshipModel {
  readonly type: string;
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly sourceIds: string[];
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly confidence: Confidence;
  readonly notes: string | null;
  readonly [property: string]: unknown;
}

/** A neighbour of an entity, with the relationship that links them. */
export interface NeighbourModel {
  readonly node: EntityModel;
  readonly relationship: RelationshipModel;
}

/** One page of a keyset-paginated list. */
export interface PageModel<T> {
  readonly items: { cursor: string; node: T }[];
  readonly hasPreviousPage: boolean;
  readonly hasNextPage: boolean;
  /** Null when it was not asked for (and so not counted). */
  readonly totalCount: number | null;
}

export interface SearchHitModel {
  readonly node: EntityModel;
  readonly score: number;
}

/** One item of a page, with its cursor. */
export interface EdgeModel {
  readonly cursor: string;
  readonly node: EntityModel;
}

export interface PageInfoModel {
  readonly hasNextPage: boolean;
  readonly hasPreviousPage: boolean;
  readonly startCursor: string | null;
  readonly endCursor: string | null;
}
