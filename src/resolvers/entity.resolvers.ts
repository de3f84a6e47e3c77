import type { GraphContext } from '../server/context.js';
import type { EntityModel } from '../graph/models.js';
import { ENTITY_KINDS, KIND_PROPERTIES, type EntityKind } from '../graph/ontology.js';
import { RELATION_FIELDS } from './prefetch.js';
import { sourcesOf } from './sources.js';

type FieldResolver = (parent: EntityModel, args: { asOf?: string | null }, ctx: GraphContext) => unknown;

/**
 * Resolvers for every entity type, read off the ontology: each relationship becomes a field on both of its
 * endpoint kinds, batched through the request's loaders (and found there already when the root read it ahead).
 */
function kindResolvers(kind: EntityKind): Record<string, FieldResolver> {
  const fields: Record<string, FieldResolver> = {
    sources: (parent, _args, ctx) => sourcesOf(parent.sourceIds, ctx),
  };
  // List properties are non-null lists in the SDL; an entity without the property has none.
  for (const prop of KIND_PROPERTIES[kind].filter((p) => p.list)) fields[prop.name] = (parent) => parent[prop.name] ?? [];
  for (const { field, type, direction, single } of RELATION_FIELDS[kind]) {
    fields[field] = async (parent, { asOf }, ctx) => {
      const list = await ctx.loaders.neighbours(type, direction, asOf).load(parent.id);
      return single ? (list[0] ?? null) : list;
    };
  }
  return fields;
}

export const entityResolvers = {
  ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, kindResolvers(kind)])),
  Node: { __resolveType: (parent: EntityModel) => parent.kind },
  Entity: { __resolveType: (parent: EntityModel) => parent.kind },
};
