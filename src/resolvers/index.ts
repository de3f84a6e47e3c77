import { GraphQLScalarType } from 'graphql';
import type { Resolvers } from '../generated/graphql.js';
import { enumValueMaps } from '../graph/ontology.js';
import { aggregateResolvers } from './aggregate.resolvers.js';
import { analysisResolvers } from './analysis.resolvers.js';
import { connectionResolvers } from './connection.resolvers.js';
import { controlsResolvers, rulesClassifier } from './controls.resolvers.js';
import { derivedResolvers } from './derived.resolvers.js';
import { entityResolvers } from './entity.resolvers.js';
import { matchingResolvers } from './matching.resolvers.js';
import { mutationResolvers } from './mutation.resolvers.js';
import { queryResolvers } from './query.resolvers.js';
import { relationConnectionResolvers } from './relation-connection.resolvers.js';
import { relationshipResolvers } from './relationship.resolvers.js';
import { scalarResolvers } from './scalars.js';
import { simulateResolvers } from './simulate.resolvers.js';
import { subscriptionResolvers } from './subscription.resolvers.js';

/** GraphQL enum values mapped to the values the graph stores, from the ontology. */
const enumResolvers = enumValueMaps();

/** Every resolver slice, merged per type. Reads and checks the export-control rules data once, so a bad file stops the start. */
export function buildResolvers(): Resolvers {
  rulesClassifier();
  const slices = [
    scalarResolvers,
    enumResolvers,
    entityResolvers,
    connectionResolvers,
    relationshipResolvers,
    queryResolvers,
    aggregateResolvers,
    relationConnectionResolvers,
    analysisResolvers,
    mutationResolvers,
    matchingResolvers,
    controlsResolvers,
    derivedResolvers,
    simulateResolvers,
    subscriptionResolvers,
  ] as Record<string, object>[];
  const merged: Record<string, object> = {};
  for (const slice of slices) {
    for (const [type, fields] of Object.entries(slice)) {
      merged[type] = fields instanceof GraphQLScalarType ? fields : { ...(merged[type] ?? {}), ...fields };
    }
  }
  return merged as Resolvers;
}
