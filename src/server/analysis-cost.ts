import { analysisResolvers } from '../resolvers/analysis.resolvers.js';
import { simulateResolvers } from '../resolvers/simulate.resolvers.js';

/** Root query fields that run graph analysis or full-text search: priced by their work, rate limited by it. */
export const ANALYSIS_FIELDS: ReadonlySet<string> = new Set([...Object.keys(analysisResolvers.Query), ...Object.keys(simulateResolvers.Query)]);

/**
 * Complexity points one unit of analysis work costs: one unit is an analysis field at its default arguments.
 * The rate limits count the units themselves.
 */
export const ANALYSIS_UNIT_POINTS = 200;
/** Neighbours a traversal is assumed to reach per hop (the seed graph averages 3.2 relationships an entity, hubs far more). */
export const ANALYSIS_FANOUT = 4;

/** What the work estimates need of the configuration: the caps (MAX_PATH_LENGTH, MAX_NEIGHBORHOOD_DEPTH). */
export interface AnalysisDefaults {
  readonly maxPathLength: number;
  readonly maxNeighborhoodDepth: number;
}

type Args = Record<string, unknown>;
/** An argument as a whole number, at most its cap: above the cap the resolver refuses it, naming the cap. */
const whole = (value: unknown, fallback: number, cap: number): number =>
  Math.min(cap, typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback);
const hops = (extra: number): number => ANALYSIS_FANOUT ** Math.max(0, extra);

/**
 * Work of each analysis field in units, from the arguments that multiply it: each hop beyond the default
 * multiplies the paths a traversal visits by the fan-out. `paths` enumerates and sorts every simple path up to
 * maxLength before it cuts at `first`; shortestPath searches from both ends, so two hops cost one fan-out.
 * The fixed patterns cost what they measured against a search (docs/operations.md): whoUses and exposure
 * match every route to compute, computeAccess a company's; simulateRule matches every route of every chip and
 * classifies each. Fields not listed (search, timeline) cost one unit.
 */
const WORK: Partial<Record<string, (args: Args, defaults: AnalysisDefaults) => number>> = {
  computeAccess: () => 2,
  simulateRule: () => 4,
  whoUses: () => 4,
  exposure: () => 4,
  controlDiscrepancies: () => 4,
  neighborhood: (a, d) => hops(whole(a.depth, 1, d.maxNeighborhoodDepth) - 1),
  paths: (a, d) => hops(whole(a.maxLength, Math.min(4, d.maxPathLength), d.maxPathLength) - 4),
  shortestPath: (a, d) => hops(Math.ceil(whole(a.maxLength, d.maxPathLength, d.maxPathLength) / 2) - 3),
};

/** Units of work of one analysis field with these (coerced) arguments; at least 1. */
export const analysisWork = (field: string, args: Args, defaults: AnalysisDefaults): number => Math.max(1, WORK[field]?.(args, defaults) ?? 1);
