import type { Confidence } from '../graph/ontology.js';
import { evaluateAll, evaluateAny, type Facts, type Truth } from './evaluate.js';
import type { Control, ControlRulesFile, Exclusion, Rule } from './rule-schema.js';

/** Which of a rule's controls an item meets, with the criterion and numbers that decided each one. */

export type ControlStatus = 'MET' | 'NOT_MET' | 'UNKNOWN' | 'NOT_APPLICABLE';

export interface ControlOutcome {
  readonly control: string;
  readonly paragraph: string | null;
  readonly label: string;
  readonly status: ControlStatus;
  /** The criterion that met it ("3A090.a.1: TPP ≥ 4,800"), when MET. */
  readonly criterion: string | null;
  readonly evidence: string[];
  readonly missing: string[];
  /** The Source of the criterion that met it, else of the control. */
  readonly source: string;
  readonly confidence: Confidence;
  /** What took it out (Note 2 to 3A090), or would if an unknown input went that way. */
  readonly exclusion: string | null;
  /** Computers containing such an item: 4A090 paragraphs. */
  readonly systems: string[];
  readonly note: string | null;
}

export interface ControlIndex {
  readonly controls: ReadonlyMap<string, Control>;
  /** Exclusions by control id; a control borrowing another's criteria (`criteriaOf`) borrows its exclusions too. */
  readonly exclusions: ReadonlyMap<string, readonly Exclusion[]>;
}

/** Every control of every rule by id, so `criteriaOf` and `containing` can point across rules. */
export function indexControls(file: ControlRulesFile): ControlIndex {
  const controls = new Map<string, Control>();
  const exclusions = new Map<string, Exclusion[]>();
  for (const rule of Object.values(file.rules)) {
    for (const c of rule.controls) controls.set(c.id, c);
    for (const e of rule.exclusions ?? []) for (const id of e.controls) exclusions.set(id, [...(exclusions.get(id) ?? []), e]);
  }
  return { controls, exclusions };
}

const STATUS: Record<Truth, ControlStatus> = { TRUE: 'MET', FALSE: 'NOT_MET', UNKNOWN: 'UNKNOWN' };

function criteriaOf(control: Control, index: ControlIndex): Control['anyOf'] {
  if (control.anyOf) return control.anyOf;
  const target = control.criteriaOf ? index.controls.get(control.criteriaOf) : undefined;
  if (!target?.anyOf) throw new Error(`control ${control.id} has no criteria`);
  return target.anyOf;
}

function evaluateControl(control: Control, facts: Facts, index: ControlIndex): ControlOutcome {
  const kind = facts.chip.itemKind ?? 'IC';
  const base = {
    control: control.id,
    paragraph: control.paragraph,
    label: control.label,
    source: control.source,
    systems: [] as string[],
    note: control.note ?? null,
  };
  if (control.appliesTo !== kind) {
    return {
      ...base,
      status: 'NOT_APPLICABLE',
      criterion: null,
      evidence: [`applies to ${control.appliesTo} items, not ${kind}`],
      missing: [],
      confidence: control.confidence,
      exclusion: null,
    };
  }
  const v = evaluateAny(criteriaOf(control, index)!, facts);
  let status = STATUS[v.truth];
  let exclusion: string | null = null;
  const evidence = [...v.evidence];
  const missing = [...v.missing];
  for (const ex of index.exclusions.get(control.id) ?? index.exclusions.get(control.criteriaOf ?? '') ?? []) {
    if (status === 'NOT_MET') break;
    const e = evaluateAll(ex.allOf, facts);
    if (e.truth === 'TRUE') {
      status = 'NOT_MET';
      exclusion = ex.label;
      evidence.push(...e.evidence);
    }
    if (e.truth === 'UNKNOWN') {
      status = 'UNKNOWN';
      exclusion = ex.label;
      missing.push(...e.missing);
    }
  }
  return {
    ...base,
    status,
    criterion: v.criterion?.label ?? null,
    evidence,
    missing: [...new Set(missing)],
    source: v.criterion?.source ?? control.source,
    confidence: v.criterion?.confidence ?? control.confidence,
    exclusion,
  };
}

/** The rule's IC/HBM controls evaluated for one item; `notIf` drops .b where .a is met, 4A090 is noted beside. */
export function evaluateControls(rule: Rule, facts: Facts, index: ControlIndex): ControlOutcome[] {
  const item = rule.controls.filter((c) => c.appliesTo === 'IC' || c.appliesTo === 'HBM');
  const raw = item.map((c) => evaluateControl(c, facts, index));
  const byId = new Map(raw.map((o) => [o.control, o]));
  return raw.map((o) => {
    const control = rule.controls.find((c) => c.id === o.control)!;
    const pre = (control.notIf ?? []).map((id) => byId.get(id)).filter((p) => p !== undefined);
    let status = o.status;
    const evidence = [...o.evidence];
    const missing = [...o.missing];
    if ((status === 'MET' || status === 'UNKNOWN') && pre.some((p) => p.status === 'MET')) {
      status = 'NOT_MET';
      missing.length = 0;
      evidence.push(`classified under ${control.notIf!.join(', ')} instead`);
    } else if (status === 'MET' && pre.some((p) => p.status === 'UNKNOWN')) {
      status = 'UNKNOWN';
      missing.push(...pre.flatMap((p) => p.missing));
    }
    const systems =
      status === 'MET' ? rule.controls.filter((c) => c.appliesTo === 'COMPUTER' && c.containing?.includes(o.control)).map((c) => c.paragraph ?? c.label) : [];
    return { ...o, status, evidence, missing: [...new Set(missing)], systems };
  });
}
