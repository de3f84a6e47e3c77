import type { ChipSpecs } from './chip-specs.js';
import { inForce, type createClassifier, type RuleSet } from './classify.js';
import { evaluateControls, indexControls, type ControlIndex } from './controls.js';
import { factsOf } from './evaluate.js';
import type { Rule } from './rule-schema.js';

/**
 * The restrictions the rules derive for a chip from its specs, one per rule, over the rule's in-force window:
 * what the store materialises as RESTRICTS relationships with basis DERIVED (docs/rules.md, Derived
 * restrictions). Pure.
 */

type Classifier = ReturnType<typeof createClassifier>;

export interface DerivedRestriction {
  readonly rule: string;
  readonly chip: string;
  readonly paragraph: string | null;
  readonly criterion: string;
  /** The numbers that met it: "TPP 15,832 ≥ 4,800". */
  readonly evidence: string[];
  readonly source: string;
  readonly confidence: 'high' | 'medium';
  readonly validFrom: string;
  readonly validTo: string | null;
}

export interface ChipUnderRules extends ChipSpecs {
  readonly id: string;
  readonly releaseDate?: string | null;
  /** ISO codes of the countries its designers are headquartered in. */
  readonly designerHomes?: readonly string[];
}

/** Countries whose own chips the derivation leaves alone: a Chinese chip used in China is not an export under the EAR. */
const NOT_SUBJECT = new Set(['CN', 'HK', 'MO']);

/** Whether the derivation applies to the chip at all (the foreign direct product rules are not assessed). */
export const subjectToRules = (chip: ChipUnderRules): boolean => !(chip.designerHomes ?? []).some((c) => NOT_SUBJECT.has(c));

/** The first day a rule no longer holds: rescinded or superseded. */
export const endOfRule = (rule: Rule): string | null => [rule.rescindedDate, rule.supersededDate].filter((d): d is string => Boolean(d)).sort()[0] ?? null;

/** A rule that tests chips (from the US) and binds at some point of its window. */
function derivable(rule: Rule): boolean {
  if (!rule.effectiveDate || rule.kind === 'ENTITY_LIST' || (rule.exportFrom && rule.exportFrom !== 'US')) return false;
  if (!rule.controls.some((c) => c.appliesTo === 'IC')) return false;
  const end = endOfRule(rule);
  return !(rule.complianceDate && end && rule.complianceDate >= end);
}

/** The first day both the rule and the chip exist, if the rule is still in force then. */
function firstDay(rule: Rule, chip: ChipUnderRules): string | null {
  const day = [rule.effectiveDate!, chip.releaseDate ?? ''].sort().at(-1)!;
  const end = endOfRule(rule);
  return end && day >= end ? null : day;
}

const indexes = new WeakMap<RuleSet, { index: ControlIndex; rules: [string, Rule][] }>();
const prepared = (ruleSet: RuleSet): { index: ControlIndex; rules: [string, Rule][] } => {
  let hit = indexes.get(ruleSet);
  if (!hit) indexes.set(ruleSet, (hit = { index: indexControls(ruleSet.rules), rules: Object.entries(ruleSet.rules.rules).filter(([, r]) => derivable(r)) }));
  return hit;
};

/**
 * One DerivedRestriction per rule whose IC paragraph the chip meets by a criterion of high or medium confidence.
 * Low-confidence criteria (the letters' guesses at unpublished thresholds) stay in Chip.controls only. The
 * criteria do not depend on the day, so each rule's controls are evaluated once, as classify() evaluates them.
 */
export function deriveRestrictions(chip: ChipUnderRules, ruleSet: RuleSet): DerivedRestriction[] {
  if (!subjectToRules(chip)) return [];
  const { index, rules } = prepared(ruleSet);
  const facts = factsOf(chip);
  const out: DerivedRestriction[] = [];
  for (const [id, rule] of rules) {
    const day = firstDay(rule, chip);
    if (!day || !inForce(rule, day)) continue;
    const met = evaluateControls(rule, facts, index).find((c) => c.status === 'MET' && c.confidence !== 'low' && c.criterion);
    if (!met) continue;
    out.push({
      rule: id,
      chip: chip.id,
      paragraph: met.paragraph,
      criterion: met.criterion!,
      evidence: met.evidence,
      source: met.source,
      confidence: met.confidence as 'high' | 'medium',
      validFrom: day,
      validTo: endOfRule(rule),
    });
  }
  return out;
}

/** A rule in force on `asOf` that cannot tell whether it restricts the chip, and the inputs it lacks. */
export interface Undetermined {
  readonly rule: string;
  readonly missing: string[];
}

/**
 * The rules in force on `asOf` whose licence for `home` (as destination and headquarters) is UNKNOWN for the
 * chip: what keeps a route from reading UNRESTRICTED.
 */
export function undeterminedFor(chip: ChipUnderRules, asOf: string, home: string, classifier: Classifier): Undetermined[] {
  if (!subjectToRules(chip)) return [];
  return classifier
    .classify(chip, asOf, home, { headquarters: home })
    .rules.filter((o) => o.licence === 'UNKNOWN')
    .map((o) => ({ rule: o.rule, missing: [...new Set(o.controls.flatMap((c) => (c.status === 'UNKNOWN' ? c.missing : [])))] }));
}
