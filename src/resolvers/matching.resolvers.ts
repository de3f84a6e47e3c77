import { requireEditor } from '../auth/viewer.js';
import type { GraphContext } from '../context.js';
import { badInput } from '../errors.js';
import type { MatchCandidateResolvers, MatchRecordInput, QueryResolvers } from '../generated/graphql.js';
import { matchRecords } from '../ingest/importers/index.js';
import { importRun, importRuns } from '../store/import-runs.js';
import { loadMatchGraph } from '../store/match-graph.js';
import { pageSize } from './limits.js';

/** Records per match request, names per record and characters per name: the documented caps. */
export const MAX_MATCH_RECORDS = 100;
export const MAX_MATCH_ALIASES = 20;
export const MAX_MATCH_NAME = 300;

/** Refuses the first record that breaks a cap, naming it (records[3].aliases[1]). */
function checkRecords(records: readonly MatchRecordInput[]): void {
  if (!records.length || records.length > MAX_MATCH_RECORDS) {
    throw badInput(`"records" takes 1 to ${MAX_MATCH_RECORDS} records; got ${records.length}.`, { argument: 'records', limit: MAX_MATCH_RECORDS });
  }
  const badName = (name: string): boolean => !name.trim() || name.length > MAX_MATCH_NAME;
  records.forEach((r, i) => {
    if (badName(r.name)) throw badInput(`records[${i}].name must be 1 to ${MAX_MATCH_NAME} characters, not blank.`, { argument: `records[${i}].name` });
    const aliases = r.aliases ?? [];
    if (aliases.length > MAX_MATCH_ALIASES) {
      throw badInput(`records[${i}].aliases takes at most ${MAX_MATCH_ALIASES} names; got ${aliases.length}.`, { argument: `records[${i}].aliases` });
    }
    const bad = aliases.findIndex(badName);
    if (bad >= 0)
      throw badInput(`records[${i}].aliases[${bad}] must be 1 to ${MAX_MATCH_NAME} characters, not blank.`, { argument: `records[${i}].aliases[${bad}]` });
  });
}

/** AUDIT_VISIBILITY=editors (the default): who imported what is for editors only, as the audit trail. */
const checkVisible = (ctx: GraphContext): void => {
  if (ctx.config.AUDIT_VISIBILITY === 'editors') requireEditor(ctx);
};

/** The matcher as a query, and the review of what imports matched uncertainly. */
export const matchingResolvers: { Query: QueryResolvers; MatchCandidate: MatchCandidateResolvers } = {
  Query: {
    match: async (_p, { records }, ctx) => {
      checkRecords(records);
      const results = matchRecords(await loadMatchGraph(ctx.db), records);
      return results.map((r) => ({ ...r, decision: r.decision === 'match' ? 'MATCH' : r.decision === 'review' ? 'REVIEW' : 'NONE' }));
    },
    importRun: (_p, { id }, ctx) => {
      checkVisible(ctx);
      return importRun(ctx.db, id);
    },
    importRuns: (_p, { first, withCandidates }, ctx) => {
      checkVisible(ctx);
      return importRuns(ctx.db, pageSize(first, ctx.config.MAX_PAGE_SIZE, 20), withCandidates ?? false);
    },
  },
  MatchCandidate: {
    entity: (candidate, _a, ctx) => ctx.loaders.entity.load(candidate.id),
  },
};
