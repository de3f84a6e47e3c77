import type { Resolvers } from '../generated/graphql.js';
import { sourcesOf } from './sources.js';

export const relationshipResolvers: Resolvers = {
  Relationship: {
    type: (r) => r.type as never,
    sources: (r, _args, ctx) => sourcesOf(r.sourceIds, ctx),
  },
};
