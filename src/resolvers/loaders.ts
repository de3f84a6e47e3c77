import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import type { Direction, EntityModel, NeighbourModel } from '../graph/models.js';
import { entitiesByIds } from '../store/entity-store.js';
import { neighbours } from '../store/relationship-store.js';

/** Request-scoped batching: one query per entity batch and per (relationship, direction, asOf) batch. */
export interface Loaders {
  readonly entity: DataLoader<string, EntityModel | null>;
  neighbours(type: string, direction: Direction, asOf: string | null | undefined): DataLoader<string, NeighbourModel[]>;
}

export function createLoaders(db: Database): Loaders {
  const relationLoaders = new Map<string, DataLoader<string, NeighbourModel[]>>();
  return {
    entity: new DataLoader((ids) => entitiesByIds(db, ids)),
    neighbours(type, direction, asOf) {
      const key = `${type}|${direction}|${asOf ?? ''}`;
      let loader = relationLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((ids) => neighbours(db, type, direction, ids, asOf ?? null));
        relationLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
