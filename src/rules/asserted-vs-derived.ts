import { chipSpecsFromEntity, type ChipSpecs } from './chip-specs.js';
import { inForce, type RuleSet, type createClassifier } from './classify.js';
import type { Rule } from './rule-schema.js';

/**
 * Asserted RESTRICTS edges of a graph set against what the rules derive from the chips' own specs. Pure: it
 * takes the entities and relationships (the seed graph, or a store's) and a classifier. Disagreements are
 * listed, never merged: the next step reports them through the API.
 */

export type EdgeVerdict = 'AGREES' | 'DISAGREES' | 'UNDECIDED' | 'NOT_EVALUABLE';

export interface EdgeCheck {
  readonly rule: string;
  readonly chip: string;
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly day: string;
  readonly verdict: EdgeVerdict;
  /** The criterion and numbers, or why not. */
  readonly detail: string[];
  readonly missing: string[];
  /** Where the edge's dates and the rule's differ. */
  readonly dateNotes: string[];
}

export interface DerivedOnly {
  readonly rule: string;
  readonly chip: string;
  readonly day: string;
  /** MET: the rule catches the chip; UNKNOWN: it might, for want of `missing`. */
  readonly status: 'MET' | 'UNKNOWN';
  readonly paragraph: string | null;
  readonly criterion: string | null;
  readonly evidence: string[];
  readonly missing: string[];
}

interface GraphLike {
  readonly entities: readonly { readonly id: string; readonly kind: string; readonly name: string; readonly [k: string]: unknown }[];
  readonly relationships: readonly {
    readonly type: string;
    readonly from: string;
    readonly to: string;
    readonly validFrom?: string | null;
    readonly validTo?: string | null;
  }[];
}

type Classifier = ReturnType<typeof createClassifier>;

const endOf = (rule: Rule): string | null => [rule.rescindedDate, rule.supersededDate].filter((d): d is string => Boolean(d)).sort()[0] ?? null;
const hasItemControls = (rule: Rule): boolean => rule.controls.some((c) => c.appliesTo === 'IC');

function dateNotes(rule: Rule, validFrom: string | null, validTo: string | null): string[] {
  const notes: string[] = [];
  if (validFrom && rule.effectiveDate && validFrom < rule.effectiveDate)
    notes.push(`edge starts ${validFrom}, before the rule is effective (${rule.effectiveDate})`);
  if (validFrom && rule.effectiveDate && validFrom > rule.effectiveDate)
    notes.push(`edge starts ${validFrom}, after the rule is effective (${rule.effectiveDate})`);
  const end = endOf(rule);
  if (end && validTo !== end)
    notes.push(
      `edge ends ${validTo ?? 'never'}, the rule's criteria end ${end}${rule.supersededBy ? ` (superseded by ${rule.supersededBy})` : ' (rescinded)'}`,
    );
  if (rule.complianceDate) notes.push(`compliance was not required before ${rule.complianceDate}`);
  return notes;
}

/** One verdict per asserted RESTRICTS edge from a rule with chip controls, on the first day both held. */
export function checkRestrictsEdges(
  graph: GraphLike,
  ruleSet: RuleSet,
  classifier: Classifier,
  specsOf: (e: GraphLike['entities'][number]) => ChipSpecs = chipSpecsFromEntity,
): EdgeCheck[] {
  const byId = new Map(graph.entities.map((e) => [e.id, e]));
  return graph.relationships
    .filter((r) => r.type === 'RESTRICTS')
    .map((r) => {
      const rule = ruleSet.rules.rules[r.from];
      const chip = byId.get(r.to);
      const validFrom = r.validFrom ?? null;
      const validTo = r.validTo ?? null;
      const base = { rule: r.from, chip: r.to, validFrom, validTo };
      if (!rule || !chip || !hasItemControls(rule))
        return { ...base, day: validFrom ?? '', verdict: 'NOT_EVALUABLE' as const, detail: ['the rule has no chip criteria'], missing: [], dateNotes: [] };
      const day = [validFrom, rule.effectiveDate]
        .filter((d): d is string => Boolean(d))
        .sort()
        .at(-1)!;
      const notes = dateNotes(rule, validFrom, validTo);
      if (!inForce(rule, day))
        return { ...base, day, verdict: 'DISAGREES' as const, detail: [`the rule is not in force on ${day}`], missing: [], dateNotes: notes };
      const outcome = classifier.classify(specsOf(chip), day, 'US', { exportFrom: rule.exportFrom ?? 'US' }).rules.find((o) => o.rule === r.from);
      const controls = outcome?.controls.filter((c) => c.status !== 'NOT_APPLICABLE') ?? [];
      const met = controls.find((c) => c.status === 'MET');
      if (met)
        return {
          ...base,
          day,
          verdict: 'AGREES' as const,
          detail: [`${met.paragraph ?? met.label}: ${met.criterion}`, ...met.evidence],
          missing: [],
          dateNotes: notes,
        };
      const unknown = controls.filter((c) => c.status === 'UNKNOWN');
      if (unknown.length)
        return {
          ...base,
          day,
          verdict: 'UNDECIDED' as const,
          detail: unknown.map((c) => c.label),
          missing: [...new Set(unknown.flatMap((c) => c.missing))],
          dateNotes: notes,
        };
      return { ...base, day, verdict: 'DISAGREES' as const, detail: controls.flatMap((c) => c.evidence), missing: [], dateNotes: notes };
    });
}

/**
 * Chips the rules catch (or might: UNKNOWN), on the later of the rule's effective date and the chip's release,
 * with no RESTRICTS edge from that rule.
 */
export function derivedWithoutEdge(
  graph: GraphLike,
  ruleSet: RuleSet,
  classifier: Classifier,
  specsOf: (e: GraphLike['entities'][number]) => ChipSpecs = chipSpecsFromEntity,
): DerivedOnly[] {
  const asserted = new Set(graph.relationships.filter((r) => r.type === 'RESTRICTS').map((r) => `${r.from}|${r.to}`));
  const found: DerivedOnly[] = [];
  for (const chip of graph.entities.filter((e) => e.kind === 'Chip')) {
    for (const [id, rule] of Object.entries(ruleSet.rules.rules).filter(([, r]) => hasItemControls(r) && r.effectiveDate)) {
      if (asserted.has(`${id}|${chip.id}`)) continue;
      const release = typeof chip.releaseDate === 'string' ? chip.releaseDate : '';
      const day = [rule.effectiveDate!, release].sort().at(-1)!;
      if (!inForce(rule, day)) continue;
      const outcome = classifier.classify(specsOf(chip), day, 'US', { exportFrom: rule.exportFrom ?? 'US' }).rules.find((o) => o.rule === id);
      for (const c of outcome?.controls ?? []) {
        if (c.status === 'MET' || c.status === 'UNKNOWN')
          found.push({
            rule: id,
            chip: chip.id,
            day,
            status: c.status,
            paragraph: c.paragraph,
            criterion: c.criterion,
            evidence: c.evidence,
            missing: c.missing,
          });
      }
    }
  }
  return found;
}
