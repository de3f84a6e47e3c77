import { readSeedGraph } from '../../src/ingest/seed.js';
import type { GraphEntity } from '../../src/graph/validation.js';
import type { EntityKind } from '../../src/graph/ontology.js';

/** The seed graph the test database was loaded with: the oracle the read API is checked against. */
export const seed = readSeedGraph();

export const entitiesOf = (kind: EntityKind): GraphEntity[] => seed.entities.filter((e) => e.kind === kind);

export const relationshipsOf = (type: string) => seed.relationships.filter((r) => r.type === type);

/** Ids sorted the way the API sorts a list by name: case-insensitive, then by id. */
export const byNameThenId = (a: GraphEntity, b: GraphEntity): number => {
  const x = a.name.toLowerCase();
  const y = b.name.toLowerCase();
  return x < y ? -1 : x > y ? 1 : a.id < b.id ? -1 : 1;
};

export const ids = (list: readonly { id: string }[]): string[] => list.map((e) => e.id);
export const sorted = (list: readonly string[]): string[] => [...list].sort();
