import type { ChipSpecs, DerivedValue } from './chip-specs.js';
import { evaluateControls, indexControls, type ControlIndex, type ControlOutcome } from './controls.js';
import type { CountryGroupsFile } from './country-groups.js';
import { matchPlace } from './destinations.js';
import { evaluateAll, factsOf, type Facts } from './evaluate.js';
import type { ControlRulesFile, Rule } from './rule-schema.js';

/**
 * `classify(chip, asOf, destination)`: the ECCN paragraphs (and letters) a chip meets under the rules in force on
 * `asOf`, the criterion and numbers that met each, and whether exporting it to `destination` needs a licence.
 * Pure: the rules and country groups are passed in (see load-rules.ts). UNKNOWN names the missing inputs.
 */

export interface RuleSet {
  readonly rules: ControlRulesFile;
  readonly groups: CountryGroupsFile;
}

/** REQUIRED outranks UNKNOWN, which outranks EXCEPTION_ELIGIBLE: unknown is never read as "no licence". */
export type LicenceNeed = 'REQUIRED' | 'UNKNOWN' | 'EXCEPTION_ELIGIBLE' | 'NOT_REQUIRED';
const RANK: Record<LicenceNeed, number> = { REQUIRED: 3, UNKNOWN: 2, EXCEPTION_ELIGIBLE: 1, NOT_REQUIRED: 0 };

export interface ClassifyOptions {
  /** ISO code of the end user's (ultimate parent's) headquarters, for the headquartered-in rules. */
  readonly headquarters?: string;
  /** Entity id of the end user, for Entity List rules. */
  readonly endUser?: string;
  /** Country the item leaves from (default US); rules of another jurisdiction apply only to exports from it. */
  readonly exportFrom?: string;
}

export interface RuleOutcome {
  readonly rule: string;
  readonly kind: Rule['kind'];
  /** False before the compliance date (the AI Diffusion Rule was effective but never binding). */
  readonly enforced: boolean;
  readonly controls: ControlOutcome[];
  readonly licence: LicenceNeed;
  /** Why: destination and headquarters matches, exceptions, conditions. */
  readonly basis: string[];
  readonly sources: string[];
  readonly exception: { readonly id: string; readonly label: string; readonly notification: boolean } | null;
}

export interface Classification {
  readonly chip: { readonly id: string | null; readonly name: string };
  readonly asOf: string;
  readonly destination: string;
  readonly derived: { readonly tpp: DerivedValue | null; readonly performanceDensity: DerivedValue | null };
  /** Paragraphs met under the rules in force, e.g. { rule, paragraph: '3A090.a', criterion, evidence }. */
  readonly met: {
    readonly rule: string;
    readonly paragraph: string | null;
    readonly label: string;
    readonly criterion: string | null;
    readonly evidence: string[];
    readonly systems: string[];
    /** False where the rule was in force but not yet binding (before its compliance date). */
    readonly enforced: boolean;
    readonly source: string;
    readonly confidence: ControlOutcome['confidence'];
  }[];
  readonly unknown: { readonly rule: string; readonly paragraph: string | null; readonly label: string; readonly missing: string[] }[];
  readonly licence: LicenceNeed;
  /** Every input whose absence left something UNKNOWN. */
  readonly missing: string[];
  readonly rules: RuleOutcome[];
  readonly advisories: { readonly rule: string; readonly label: string; readonly source: string; readonly note: string | null }[];
}

/** In force on `asOf`: effective, and neither rescinded nor superseded yet. */
export function inForce(rule: Rule, asOf: string): boolean {
  if (!rule.effectiveDate || rule.effectiveDate > asOf) return false;
  return !(rule.rescindedDate && rule.rescindedDate <= asOf) && !(rule.supersededDate && rule.supersededDate <= asOf);
}

function licenceFor(
  rule: Rule,
  controls: ControlOutcome[],
  facts: Facts,
  ctx: { groups: CountryGroupsFile; asOf: string; destination: string; options: ClassifyOptions },
): Pick<RuleOutcome, 'licence' | 'basis' | 'sources' | 'exception'> {
  const none = { exception: null };
  const dest = rule.destinations
    ? matchPlace(ctx.groups, rule.destinations, ctx.destination, ctx.asOf)
    : { inScope: false, basis: ['no destinations'], sources: [] };
  const hq = rule.headquarters && ctx.options.headquarters ? matchPlace(ctx.groups, rule.headquarters, ctx.options.headquarters, ctx.asOf) : null;
  const basis = [...dest.basis, ...(hq ? hq.basis.map((b) => `headquarters: ${b}`) : [])];
  const sources = [...dest.sources, ...(hq?.sources ?? [])];
  if (!dest.inScope && !hq?.inScope) {
    if (rule.headquarters && !ctx.options.headquarters) basis.push(`unless the end user is headquartered in ${describe(rule.headquarters.include)}`);
    return { licence: 'NOT_REQUIRED', basis, sources, ...none };
  }
  const met = controls.filter((c) => c.status === 'MET');
  if (!met.length) return { licence: controls.some((c) => c.status === 'UNKNOWN') ? 'UNKNOWN' : 'NOT_REQUIRED', basis, sources, ...none };
  for (const ex of (rule.licenceExceptions ?? []).filter((e) => met.every((m) => e.controls.includes(m.control)))) {
    const v = evaluateAll(ex.allOf, facts);
    if (v.truth === 'TRUE')
      return {
        licence: 'EXCEPTION_ELIGIBLE',
        basis: [...basis, ex.label],
        sources: [...sources, ex.source],
        exception: { id: ex.id, label: ex.label, notification: ex.notification },
      };
    if (v.truth === 'UNKNOWN') basis.push(`${ex.label} if ${v.missing.join(', ')} allows`);
  }
  return { licence: 'REQUIRED', basis, sources, ...none };
}

const describe = (set: { groups?: string[]; countries?: string[] }): string => [...(set.groups ?? []), ...(set.countries ?? [])].join(', ');

function partyOutcome(rule: Rule, id: string, options: ClassifyOptions): RuleOutcome | null {
  const party = rule.parties?.find((p) => p.entity === options.endUser);
  if (!party) return null;
  return {
    rule: id,
    kind: rule.kind,
    enforced: true,
    controls: [],
    licence: 'REQUIRED',
    basis: [`end user ${party.entity} is on the Entity List`],
    sources: [party.source],
    exception: null,
  };
}

/** A classifier over one rule set; `classify` is pure and cheap enough to run over every chip of a graph. */
export function createClassifier(ruleSet: RuleSet) {
  const index: ControlIndex = indexControls(ruleSet.rules);
  const entries = Object.entries(ruleSet.rules.rules);

  function classify(chip: ChipSpecs, asOf: string, destination: string, options: ClassifyOptions = {}): Classification {
    const facts = factsOf(chip);
    const exportFrom = options.exportFrom ?? 'US';
    const outcomes: RuleOutcome[] = [];
    const advisories: Classification['advisories'] = [];
    for (const [id, rule] of entries.filter(([, r]) => inForce(r, asOf))) {
      if (rule.exportFrom && rule.exportFrom !== exportFrom) continue;
      for (const a of rule.advisories ?? [])
        if (evaluateAll([{ chip: a.chip }], facts).truth === 'TRUE') advisories.push({ rule: id, label: a.label, source: a.source, note: a.note ?? null });
      if (rule.kind === 'ENTITY_LIST') {
        const p = partyOutcome(rule, id, options);
        if (p) outcomes.push(p);
        continue;
      }
      if (!rule.controls.some((c) => c.appliesTo === 'IC' || c.appliesTo === 'HBM')) continue;
      const controls = evaluateControls(rule, facts, index);
      const enforced = !rule.complianceDate || rule.complianceDate <= asOf;
      const licence = licenceFor(rule, controls, facts, { groups: ruleSet.groups, asOf, destination, options });
      outcomes.push({
        rule: id,
        kind: rule.kind,
        enforced,
        controls,
        ...(enforced ? licence : { ...licence, licence: 'NOT_REQUIRED', basis: [...licence.basis, `not enforced before ${rule.complianceDate}`] }),
      });
    }
    return summarise(chip, asOf, destination, facts, outcomes, advisories);
  }
  return { classify };
}

function summarise(
  chip: ChipSpecs,
  asOf: string,
  destination: string,
  facts: Facts,
  outcomes: RuleOutcome[],
  advisories: Classification['advisories'],
): Classification {
  const all = outcomes.flatMap((o) => o.controls.map((c) => ({ rule: o.rule, enforced: o.enforced, c })));
  const met = all
    .filter(({ c }) => c.status === 'MET')
    .map(({ rule, enforced, c }) => ({
      rule,
      paragraph: c.paragraph,
      label: c.label,
      criterion: c.criterion,
      evidence: c.evidence,
      systems: c.systems,
      enforced,
      source: c.source,
      confidence: c.confidence,
    }));
  const unknown = all.filter(({ c }) => c.status === 'UNKNOWN').map(({ rule, c }) => ({ rule, paragraph: c.paragraph, label: c.label, missing: c.missing }));
  const licence = outcomes.reduce<LicenceNeed>((acc, o) => (RANK[o.licence] > RANK[acc] ? o.licence : acc), 'NOT_REQUIRED');
  return {
    chip: { id: chip.id ?? null, name: chip.name },
    asOf,
    destination,
    derived: { tpp: facts.tpp, performanceDensity: facts.performanceDensity },
    met,
    unknown,
    licence,
    missing: [...new Set(unknown.flatMap((u) => u.missing))],
    rules: outcomes,
    advisories,
  };
}
