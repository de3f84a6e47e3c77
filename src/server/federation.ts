import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { Kind, parse, type ConstDirectiveNode, type DefinitionNode, type DocumentNode, type GraphQLSchema } from 'graphql';
import type { EntityModel } from '../graph/models.js';
import { ENTITY_KINDS } from '../graph/ontology.js';
import type { GraphContext } from '../context.js';

const LINK = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])';

const KEY: ConstDirectiveNode = {
  kind: Kind.DIRECTIVE,
  name: { kind: Kind.NAME, value: 'key' },
  arguments: [{ kind: Kind.ARGUMENT, name: { kind: Kind.NAME, value: 'fields' }, value: { kind: Kind.STRING, value: 'id' } }],
};

const ENTITY_TYPES: ReadonlySet<string> = new Set(ENTITY_KINDS);

/** Marks every entity type of the SDL as a federation entity keyed by id (`@key(fields: "id")`). */
export function federatedTypeDefs(typeDefs: string): DocumentNode {
  const document = parse(`${LINK}\n${typeDefs}`);
  const definitions = document.definitions.map((definition): DefinitionNode => {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || !ENTITY_TYPES.has(definition.name.value)) return definition;
    return { ...definition, directives: [...(definition.directives ?? []), KEY] };
  });
  return { ...document, definitions };
}

/**
 * The schema as an Apollo Federation 2 subgraph (FEDERATION=true): the same types and resolvers, entity types
 * keyed by id, each resolving a reference through the request's entity loader (null when the id is unknown or
 * belongs to another kind).
 */
export function subgraphSchema(typeDefs: string, resolvers: Record<string, object>): GraphQLSchema {
  const withReferences: Record<string, object> = { ...resolvers };
  for (const kind of ENTITY_KINDS) {
    withReferences[kind] = {
      ...(resolvers[kind] ?? {}),
      __resolveReference: async (reference: { id: string }, ctx: GraphContext): Promise<EntityModel | null> => {
        const entity = await ctx.loaders.entity.load(reference.id);
        return entity?.kind === kind ? entity : null;
      },
    };
  }
  return buildSubgraphSchema({ typeDefs: federatedTypeDefs(typeDefs), resolvers: withReferences as GraphQLResolverMap<unknown> });
}
