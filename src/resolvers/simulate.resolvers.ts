import type { GraphContext } from '../context.js';
import type { QueryResolvers } from '../generated/graphql.js';
import type { CountryGroupsFile } from '../rules/country-groups.js';
import { loadRuleSet } from '../rules/load-rules.js';
import { toSimulatedRule } from '../rules/rule-input.js';
import { today } from '../store/analysis/common.js';
import type { AnalysisLimits } from '../store/analysis/models.js';
import { simulateRule } from '../store/analysis/simulate.js';
import { withSuggestions } from './suggestions.js';

let groups: CountryGroupsFile | null = null;
/** The EAR country groups of data/rules, read and checked once. */
const countryGroups = (): CountryGroupsFile => (groups ??= loadRuleSet().groups);

const limitsOf = ({ config }: GraphContext): AnalysisLimits => ({ maxResults: config.MAX_ANALYSIS_RESULTS, timeoutMs: config.ANALYSIS_TX_TIMEOUT_MS });

/**
 * simulateRule: the hypothetical rule checked and converted to the rules-file format, then evaluated over every
 * route by the store. An analysis field: priced and rate limited like the others (src/server/analysis-cost.ts).
 */
export const simulateResolvers: { Query: Pick<QueryResolvers, 'simulateRule'> } = {
  Query: {
    simulateRule: (_p, a, ctx) => {
      const asOf = a.asOf ?? today();
      return withSuggestions(ctx.db, () => simulateRule(ctx.db, toSimulatedRule(a.rule, asOf), countryGroups(), asOf, limitsOf(ctx)));
    },
  },
};
