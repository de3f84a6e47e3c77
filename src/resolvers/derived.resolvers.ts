import type { UndeterminedRestrictionResolvers } from '../generated/graphql.js';

/** The regulation of an undetermined restriction, through the request's entity loader (null when not in the graph). */
export const derivedResolvers: { UndeterminedRestriction: UndeterminedRestrictionResolvers } = {
  UndeterminedRestriction: {
    regulation: async (parent, _a, ctx) => {
      const entity = await ctx.loaders.entity.load(parent.regulationId);
      return entity?.kind === 'Regulation' ? entity : null;
    },
  },
};
