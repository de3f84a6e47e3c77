import DataLoader from 'dataloader';
import type { Database } from '../db/database.js';
import type { Direction, EntityModel, NeighbourModel } from '../graph/models.js';
import { entitiesByIds } from '../store/entity-store.js';
import { relationKey, type Prefetched } from '../store/prefetch-query.js';
import { neighbours } from '../store/relationship-store.js';

/** Request-scoped batching: one query per entity batch and per (relationship, direction, asOf) batch. */
export interface Loaders {
  readonly entity: DataLoader<string, EntityModel | null>;
  neighbours(type: string, direction: Direction, asOf: string | null | undefined): DataLoader<string, NeighbourModel[]>;
  /** Seeds the neighbour loaders with lists read ahead, so the fields below a root read nothing more. */
  prime(prefetched: readonly Prefetched[]): void;
}

export function createLoaders(db: Database): Loaders {
  const relationLoaders = new Map<string, DataLoader<string, NeighbourModel[]>>();
  const loaders: Loaders = {
    entity: new DataLoader((ids) => entitiesByIds(db, ids)),
    neighbours(type, direction, asOf) {
      const key = relationKey(type, direction, asOf);
      let loader = relationLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((ids) => neighbours(db, type, direction, ids, asOf ?? null));
        relationLoaders.set(key, loader);
      }
      return loader;
    },
    prime(prefetched) {
      for (const { selection: s, parentId, neighbours: list } of prefetched) {
        loaders.neighbours(s.type, s.direction, s.asOf).prime(parentId, list);
      }
    },
  };
  return loaders;
}
