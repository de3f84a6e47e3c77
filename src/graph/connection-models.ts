import type { NeighbourModel } from './models.js';

/** A neighbour in a page of a relationship field, with its cursor. */
export interface RelationEdgeModel extends NeighbourModel {
  readonly cursor: string;
}

/** One page of a relationship field's neighbours (`designedChipsConnection`). */
export interface RelationPageModel {
  readonly items: readonly RelationEdgeModel[];
  readonly hasPreviousPage: boolean;
  readonly hasNextPage: boolean;
  /** Null when it was not asked for (and so not counted). */
  readonly totalCount: number | null;
}
