import type { ComputeAccessResolvers, QueryResolvers } from '../generated/graphql.js';
import type { GraphContext } from '../context.js';
import { today } from '../store/analysis/common.js';
import { computeAccess } from '../store/analysis/compute-access.js';
import { exposure } from '../store/analysis/exposure.js';
import { bounded, entityKinds, relationshipTypes } from '../store/analysis/limits.js';
import type { AnalysisLimits } from '../store/analysis/models.js';
import { neighborhood } from '../store/analysis/neighborhood.js';
import { paths, shortestPath } from '../store/analysis/paths.js';
import { timeline } from '../store/analysis/timeline.js';
import { whoUses } from '../store/analysis/who-uses.js';
import { controlDiscrepancies } from '../store/control-discrepancies.js';
import { searchEntities } from '../store/entity-store.js';
import { pageSize } from './limits.js';
import { nullWithSuggestions, pathWithSuggestions } from './suggestions.js';

const limitsOf = ({ config }: GraphContext): AnalysisLimits => ({ maxResults: config.MAX_ANALYSIS_RESULTS, timeoutMs: config.ANALYSIS_TX_TIMEOUT_MS });
const results = ({ config }: GraphContext) => ({ max: config.MAX_ANALYSIS_RESULTS, setting: 'MAX_ANALYSIS_RESULTS' });
const pathLength = ({ config }: GraphContext) => ({ max: config.MAX_PATH_LENGTH, setting: 'MAX_PATH_LENGTH' });

/**
 * The search and analysis queries: argument checks against the caps, then one store call each. Every field of
 * this slice draws on the analysis rate limit (src/server/security.ts reads its keys).
 */
export const analysisResolvers: { Query: QueryResolvers; ComputeAccess: ComputeAccessResolvers } = {
  Query: {
    search: (_p, { text, kinds, first }, ctx) => searchEntities(ctx.db, text, kinds ?? null, pageSize(first, ctx.config.MAX_PAGE_SIZE, 10)),
    neighborhood: (_p, a, ctx, info) => {
      const depth = bounded('depth', a.depth, 1, { max: ctx.config.MAX_NEIGHBORHOOD_DEPTH, setting: 'MAX_NEIGHBORHOOD_DEPTH' });
      const limit = bounded('limit', a.limit, Math.min(100, ctx.config.MAX_ANALYSIS_RESULTS), results(ctx), 0);
      const args = {
        id: a.id,
        depth,
        limit,
        hubDegree: ctx.config.NEIGHBORHOOD_HUB_DEGREE,
        types: relationshipTypes(a.relationshipTypes),
        kinds: entityKinds(a.kinds),
        asOf: a.asOf ?? null,
      };
      return nullWithSuggestions(ctx, info, a.id, null, () => neighborhood(ctx.db, args, limitsOf(ctx)));
    },
    shortestPath: (_p, a, ctx, info) => {
      // {0,0} is not a quantifier Cypher accepts; a path of length 0 (from = to) is found with any maxLength.
      const maxLength = bounded('maxLength', a.maxLength, ctx.config.MAX_PATH_LENGTH, pathLength(ctx), 1);
      const args = { from: a.from, to: a.to, types: relationshipTypes(a.relationshipTypes), asOf: a.asOf ?? null, maxLength };
      return pathWithSuggestions(ctx, info, a, () => shortestPath(ctx.db, args, limitsOf(ctx)));
    },
    paths: (_p, a, ctx, info) => {
      const maxLength = bounded('maxLength', a.maxLength, Math.min(4, ctx.config.MAX_PATH_LENGTH), pathLength(ctx), 0);
      const first = bounded('first', a.first, Math.min(10, ctx.config.MAX_PATHS), { max: ctx.config.MAX_PATHS, setting: 'MAX_PATHS' }, 0);
      const args = { from: a.from, to: a.to, types: relationshipTypes(a.relationshipTypes), asOf: a.asOf ?? null, maxLength, first };
      return pathWithSuggestions(ctx, info, a, () => paths(ctx.db, args, limitsOf(ctx)));
    },
    whoUses: (_p, a, ctx, info) => nullWithSuggestions(ctx, info, a.chip, ['Chip'], () => whoUses(ctx.db, a.chip, a.asOf ?? today(), limitsOf(ctx))),
    computeAccess: (_p, a, ctx, info) =>
      nullWithSuggestions(ctx, info, a.company, ['Company'], () => computeAccess(ctx.db, a.company, a.asOf ?? today(), limitsOf(ctx))),
    exposure: (_p, a, ctx, info) =>
      nullWithSuggestions(ctx, info, a.regulation, ['Regulation'], () => exposure(ctx.db, a.regulation, a.asOf ?? today(), limitsOf(ctx))),
    timeline: (_p, a, ctx, info) => nullWithSuggestions(ctx, info, a.id, null, () => timeline(ctx.db, a.id, a.from ?? null, a.to ?? null, limitsOf(ctx))),
    controlDiscrepancies: (_p, a, ctx) => controlDiscrepancies(ctx.db, a.asOf ?? today(), limitsOf(ctx)),
  },
  ComputeAccess: {
    // Filtered here, not in Cypher: the routes are classified in JS after the query (store/analysis/classify.ts).
    routes: (parent, { classifications }) =>
      classifications?.length ? parent.routes.filter((r) => classifications.includes(r.classification)) : parent.routes,
  },
};
