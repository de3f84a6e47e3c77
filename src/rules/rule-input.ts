import { z } from 'zod';
import { AppError, badInput } from '../errors.js';
import { formatNumber } from './format.js';
import { ruleSchema, type Condition, type Criterion, type Parameter, type Rule } from './rule-schema.js';
import { slug } from './schema-parts.js';

/**
 * simulateRule's `RuleInput` (schema/rules.graphql) checked and turned into a rule in the rules-file format
 * (`ruleSchema`), so that the classifier evaluates a hypothetical rule exactly as it evaluates a real one.
 */

/** Id of the hypothetical rule and of its one control; also cited as its "source" (no Source entity has it). */
export const SIMULATED_RULE = 'simulated-rule';
const GROUPS = ['A:5', 'A:6', 'D:1', 'D:4', 'D:5'] as const;

/** The thresholds a criterion may set, by input field, each a minimum (≥). */
const THRESHOLDS = {
  tpp: { parameter: 'tpp', label: 'TPP' },
  performanceDensity: { parameter: 'performanceDensity', label: 'PD' },
  memoryBandwidthTBs: { parameter: 'memoryBandwidthTBs', label: 'memory bandwidth TB/s' },
  interconnectBandwidthGBs: { parameter: 'interconnectBandwidthGBs', label: 'interconnect GB/s' },
} as const satisfies Record<string, { parameter: Parameter; label: string }>;
type ThresholdField = keyof typeof THRESHOLDS;
const FIELDS = Object.keys(THRESHOLDS) as ThresholdField[];

const threshold = z.number().finite().positive('must be above 0').max(1e9, 'must be at most 1e9').nullish();
const criterionInput = z
  .strictObject({ tpp: threshold, performanceDensity: threshold, memoryBandwidthTBs: threshold, interconnectBandwidthGBs: threshold })
  .refine((c) => FIELDS.some((f) => c[f] != null), `sets no threshold: give at least one of ${FIELDS.join(', ')}`);

const PLACE_MESSAGE = `must be an ISO 3166-1 alpha-2 code (such as CN) or a country group (${GROUPS.join(', ')})`;
const place = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine((s) => /^[A-Z]{2}$/.test(s) || (GROUPS as readonly string[]).includes(s), PLACE_MESSAGE);

export const ruleInputSchema = z
  .strictObject({
    label: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').nullish(),
    criteria: z.array(criterionInput).max(20, 'at most 20 criteria').nullish(),
    chips: z.array(slug).max(100, 'at most 100 chips').nullish(),
    destinations: z.array(place).min(1, 'must name at least one destination').max(50, 'at most 50 destinations'),
    exceptDestinations: z.array(place).max(50, 'at most 50 destinations').nullish(),
    remoteAccess: z.boolean().nullish(),
  })
  .refine((r) => (r.criteria?.length ?? 0) + (r.chips?.length ?? 0) > 0, {
    message: 'names no chip and sets no threshold, so it would cover nothing',
    path: ['criteria'],
  });
export type RuleInputModel = z.input<typeof ruleInputSchema>;

/** A hypothetical rule, checked: the rules-file rule and what the answer echoes of the input. */
export interface SimulatedRule {
  readonly rule: Rule;
  readonly label: string;
  /** Each criterion in words: "TPP ≥ 4,800", "TPP ≥ 1,600 and PD ≥ 5.92", "named: nvidia-h20". */
  readonly criteria: string[];
  readonly chips: string[];
  readonly destinations: string[];
  readonly exceptDestinations: string[];
  readonly remoteAccess: boolean;
}

/** "rule.criteria[1].tpp" from a zod issue path. */
const fieldOf = (path: readonly PropertyKey[]): string =>
  ['rule', ...path].map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** The places split into country groups and ISO codes, as a rules-file country set. */
function countrySet(places: readonly string[]): { groups?: (typeof GROUPS)[number][]; countries?: string[] } {
  const groups = places.filter((p): p is (typeof GROUPS)[number] => (GROUPS as readonly string[]).includes(p));
  const countries = places.filter((p) => !groups.includes(p as (typeof GROUPS)[number]));
  return { ...(groups.length ? { groups: [...new Set(groups)] } : {}), ...(countries.length ? { countries: [...new Set(countries)] } : {}) };
}

function criterionOf(c: z.output<typeof criterionInput>, i: number): Criterion {
  const given = FIELDS.filter((f) => c[f] != null);
  const allOf: Condition[] = given.map((f) => ({ parameter: THRESHOLDS[f].parameter, op: '>=', value: c[f]! }));
  const label = given.map((f) => `${THRESHOLDS[f].label} ≥ ${formatNumber(c[f]!)}`).join(' and ');
  return { id: `${SIMULATED_RULE}-${i + 1}`, label, allOf, source: SIMULATED_RULE, confidence: 'high' };
}

/**
 * The input as a rules-file rule in force from `asOf`: one IC control whose criteria are the thresholds given
 * (any one met) and the chips named. BAD_USER_INPUT names the field at fault (`rule.criteria[0].tpp`).
 */
export function toSimulatedRule(input: unknown, asOf: string): SimulatedRule {
  const parsed = ruleInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw badInput(`${fieldOf(issue.path)} ${issue.message}`, { argument: 'rule', field: fieldOf(issue.path) });
  }
  const r = parsed.data;
  const chips = [...new Set(r.chips ?? [])];
  const anyOf = (r.criteria ?? []).map(criterionOf);
  if (chips.length)
    anyOf.push({
      id: `${SIMULATED_RULE}-named`,
      label: `named: ${chips.join(', ')}`,
      allOf: [{ chip: { ids: chips, namePatterns: [] } }],
      source: SIMULATED_RULE,
      confidence: 'high',
    });
  const label = r.label ?? 'simulated rule';
  const except = r.exceptDestinations ?? [];
  const remoteAccess = r.remoteAccess ?? false;
  const cite = { source: SIMULATED_RULE, confidence: 'high' as const, note: 'hypothetical rule of a simulateRule query' };
  const candidate = {
    kind: 'ITEM_CONTROL',
    jurisdiction: 'US',
    summary: label,
    effectiveDate: asOf,
    dates: cite,
    controls: [{ id: SIMULATED_RULE, paragraph: null, appliesTo: 'IC', label, anyOf, ...cite }],
    destinations: { include: countrySet(r.destinations), ...(except.length ? { exclude: countrySet(except) } : {}), ...cite },
    scope: { remoteAccess: remoteAccess ? 'COVERED' : 'NOT_COVERED', ...cite },
  };
  const rule = ruleSchema.safeParse(candidate);
  // Every user error is caught above; a failure here is a bug in this conversion, not the client's.
  if (!rule.success) throw new AppError('INTERNAL_SERVER_ERROR', 'The hypothetical rule could not be built.', {}, { cause: rule.error });
  return { rule: rule.data, label, criteria: anyOf.map((c) => c.label), chips, destinations: r.destinations, exceptDestinations: except, remoteAccess };
}
