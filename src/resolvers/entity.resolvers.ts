import type { GraphContext } from '../server/context.js';
import type { EntityModel, NeighbourModel } from '../graph/models.js';
import { ENTITY_KINDS, KIND_PROPERTIES, RELATIONSHIP_TYPES, type EntityKind } from '../graph/ontology.js';
import { sourcesOf } from './sources.js';

type FieldResolver = (parent: EntityModel, args: { asOf?: string | null }, ctx: GraphContext) => unknown;

/**
 * Resolvers for every entity type, read off the ontology: each relationship becomes a field on both of its
 * endpoint kinds, batched through the request's loaders.
 */
function kindResolvers(kind: EntityKind): Record<string, FieldResolver> {
  const fields: Record<string, FieldResolver> = {
    sources: (parent, _args, ctx) => sourcesOf(parent.sourceIds, ctx),
  };
  // List properties are non-null lists in the SDL; an entity without the property has none.
  for (const prop of KIND_PROPERTIES[kind].filter((p) => p.list)) fields[prop.name] = (parent) => parent[prop.name] ?? [];
  for (const spec of RELATIONSHIP_TYPES) {
    if (spec.from.includes(kind)) {
      fields[spec.outField] = async (parent, { asOf }, ctx) => {
        const list = await ctx.loaders.neighbours(spec.type, 'OUT', asOf).load(parent.id);
        return spec.outSingle ? (list[0] ?? null) : list;
      };
    }
    if (spec.to.includes(kind) && !spec.symmetric) {
      fields[spec.inField] = (parent, { asOf }, ctx) => ctx.loaders.neighbours(spec.type, 'IN', asOf).load(parent.id);
    }
  }
  return fields;
}

export const entityResolvers = {
  ...Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, kindResolvers(kind)])),
  Node: { __resolveType: (parent: EntityModel) => parent.kind },
  Entity: { __resolveType: (parent: EntityModel) => parent.kind },
  Model: {
    ...kindResolvers('Model'),
    developer: async (parent: EntityModel, { asOf }: { asOf?: string | null }, ctx: GraphContext): Promise<NeighbourModel | null> =>
      (await ctx.loaders.neighbours('DEVELOPS', 'IN', asOf).load(parent.id))[0] ?? null,
  },
};
