import type { GraphContext } from '../context.js';
import type { EntityModel, NeighbourModel } from '../graph/models.js';
import { readAhead, relationKey } from '../store/prefetch-query.js';
import { ENTITY_KINDS, KIND_PROPERTIES, type EntityKind } from '../graph/ontology.js';
import { RELATION_FIELDS } from './prefetch.js';
import { sourcesOf } from './sources.js';
import { valueProvenanceOf } from './provenance.resolvers.js';

type FieldResolver = (parent: EntityModel, args: { asOf?: string | null; property?: string | null }, ctx: GraphContext) => unknown;

/**
 * Resolvers for every entity type, read off the ontology: each relationship becomes a field on both of its
 * endpoint kinds, batched through the request's loaders (and found there already when the root read it ahead).
 */
function kindResolvers(kind: EntityKind): Record<string, FieldResolver> {
  const fields: Record<string, FieldResolver> = {
    sources: (parent, _args, ctx) => sourcesOf(parent.sourceIds, ctx),
    valueProvenance: (parent, { property }, ctx) => valueProvenanceOf(parent, property, ctx),
  };
  // List properties are non-null lists in the SDL; an entity without the property has none.
  for (const prop of KIND_PROPERTIES[kind].filter((p) => p.list)) fields[prop.name] = (parent) => parent[prop.name] ?? [];
  for (const { field, type, direction, single } of RELATION_FIELDS[kind]) {
    const pick = (list: NeighbourModel[]): NeighbourModel[] | NeighbourModel | null => (single ? (list[0] ?? null) : list);
    fields[field] = (parent, { asOf }, ctx) => {
      // Read ahead with the parent: answered at once, without a promise per field.
      const ready = readAhead(parent, relationKey(type, direction, asOf));
      return ready ? pick(ready) : ctx.loaders.neighbours(type, direction, asOf).load(parent.id).then(pick);
    };
  }
  return fields;
}

export const entityResolvers = {
  ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, kindResolvers(kind)])),
  Node: { __resolveType: (parent: EntityModel) => parent.kind },
  Entity: { __resolveType: (parent: EntityModel) => parent.kind },
};
