import { z } from 'zod';
import { cited, iso2, isoDate, slug } from './schema-parts.js';

/**
 * The shape of `data/rules/control-rules.json`: each Regulation's control criteria as data. Every criterion,
 * destination set and date carries the id of the Source it rests on and a confidence; the unit test checks that
 * those ids, and the Regulation ids the rules are keyed by, exist in the seed graph.
 */

const group = z.enum(['A:5', 'A:6', 'D:1', 'D:4', 'D:5']);

export const PARAMETERS = [
  'tpp',
  'performanceDensity',
  'ioBandwidthGBs',
  'interconnectBandwidthGBs',
  'memoryBandwidthTBs',
  'memoryBandwidthDensity',
  'trainingComputeOps',
] as const;
export type Parameter = (typeof PARAMETERS)[number];

const pattern = z.string().refine((p) => {
  try {
    new RegExp(p, 'i');
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

/** One test on an item: a threshold, a flag, the vendor, a named chip, or a fact nobody has recorded. */
export const conditionSchema = z.union([
  z.strictObject({ parameter: z.enum(PARAMETERS), op: z.enum(['>=', '>', '<', '<=']), value: z.number() }),
  z.strictObject({ flag: z.literal('designedForDatacenter'), equals: z.boolean() }),
  z.strictObject({ vendor: z.string().min(1) }),
  z.strictObject({ chip: z.strictObject({ ids: z.array(slug).default([]), namePatterns: z.array(pattern).default([]) }) }),
  z.strictObject({ unresolved: z.string().min(1) }),
]);
export type Condition = z.infer<typeof conditionSchema>;

/** All of its conditions must hold. */
export const criterionSchema = z.strictObject({ id: z.string().min(1), label: z.string().min(1), allOf: z.array(conditionSchema).min(1), ...cited });
export type Criterion = z.infer<typeof criterionSchema>;

/** An ECCN paragraph (or a letter's requirement, paragraph null): met when any criterion is met. */
export const controlSchema = z.strictObject({
  id: z.string().min(1),
  paragraph: z.string().min(1).nullable(),
  appliesTo: z.enum(['IC', 'HBM', 'COMPUTER', 'MODEL_WEIGHTS']),
  label: z.string().min(1),
  anyOf: z.array(criterionSchema).optional(),
  /** Reuse another control's criteria rather than copying the thresholds. */
  criteriaOf: z.string().optional(),
  /** For COMPUTER controls: the IC controls whose items they contain. */
  containing: z.array(z.string()).optional(),
  /** Not reported when any of these controls is met (an item meeting 3A090.a is not also 3A090.b). */
  notIf: z.array(z.string()).optional(),
  ...cited,
});
export type Control = z.infer<typeof controlSchema>;

const countrySet = z.strictObject({ all: z.boolean().optional(), groups: z.array(group).optional(), countries: z.array(iso2).optional() });
export const destinationsSchema = z.strictObject({ include: countrySet, exclude: countrySet.optional(), ...cited });
export type Destinations = z.infer<typeof destinationsSchema>;

/** Criteria that take an item out of the listed controls, or open a licence exception for it. */
const scopedCriteria = {
  id: z.string().min(1),
  controls: z.array(z.string()).min(1),
  label: z.string().min(1),
  allOf: z.array(conditionSchema).min(1),
  ...cited,
};
export const exclusionSchema = z.strictObject(scopedCriteria);
export const licenceExceptionSchema = z.strictObject({ ...scopedCriteria, notification: z.boolean() });
export type Exclusion = z.infer<typeof exclusionSchema>;
export type LicenceException = z.infer<typeof licenceExceptionSchema>;

export const ruleSchema = z.strictObject({
  kind: z.enum(['ITEM_CONTROL', 'NAMED_CHIP_LETTER', 'ENTITY_LIST', 'GUIDANCE', 'RESCISSION', 'PROPOSED_RULE', 'FOREIGN_EXPORT_PERMIT']),
  jurisdiction: iso2,
  /** Rules of another jurisdiction apply to exports from it; US rules apply to exports and reexports from anywhere. */
  exportFrom: iso2.optional(),
  summary: z.string().min(1),
  effectiveDate: isoDate.nullable(),
  /** Obligations bind only from this day (the AI Diffusion Rule was effective before anyone had to comply). */
  complianceDate: isoDate.optional(),
  rescindedDate: isoDate.optional(),
  supersededDate: isoDate.optional(),
  supersededBy: slug.optional(),
  rescinds: slug.optional(),
  dates: z.strictObject(cited),
  controls: z.array(controlSchema),
  exclusions: z.array(exclusionSchema).optional(),
  licenceExceptions: z.array(licenceExceptionSchema).optional(),
  destinations: destinationsSchema.optional(),
  /** A licence is also needed, to any destination, for entities headquartered in these places. */
  headquarters: destinationsSchema.omit({ exclude: true }).optional(),
  parties: z.array(z.strictObject({ entity: slug, ...cited })).optional(),
  advisories: z
    .array(
      z.strictObject({
        id: z.string().min(1),
        label: z.string().min(1),
        chip: z.strictObject({ ids: z.array(slug).default([]), namePatterns: z.array(pattern).default([]) }),
        ...cited,
      }),
    )
    .optional(),
  scope: z.strictObject({ remoteAccess: z.enum(['NOT_COVERED', 'PARTIAL', 'PROPOSED', 'COVERED']), ...cited }),
  doesNotCover: z.array(z.strictObject({ what: z.string().min(1), ...cited })).optional(),
});
export type Rule = z.infer<typeof ruleSchema>;

export const controlRulesFileSchema = z.strictObject({ note: z.string().optional(), rules: z.record(slug, ruleSchema) });
export type ControlRulesFile = z.infer<typeof controlRulesFileSchema>;
