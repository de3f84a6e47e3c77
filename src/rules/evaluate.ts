import { deriveTpp, derivePerformanceDensity, type ChipSpecs, type DerivedValue } from './chip-specs.js';
import { formatNumber } from './format.js';
import type { Condition, Criterion, Parameter } from './rule-schema.js';

/**
 * Three-valued evaluation of rule criteria over an item's facts: a condition on a value nobody recorded is
 * UNKNOWN (naming the missing input), never false, so a chip with missing specs is never read as unrestricted.
 */

export type Truth = 'TRUE' | 'FALSE' | 'UNKNOWN';

export interface Verdict {
  readonly truth: Truth;
  /** The numbers that decided it: "TPP 15,832 ≥ 4,800". */
  readonly evidence: string[];
  /** Inputs whose absence left it UNKNOWN. */
  readonly missing: string[];
}

export interface Facts {
  readonly chip: ChipSpecs;
  readonly tpp: DerivedValue | null;
  readonly performanceDensity: DerivedValue | null;
  readonly values: Partial<Record<Parameter, number>>;
}

const LABEL: Record<Parameter, string> = {
  tpp: 'TPP',
  performanceDensity: 'PD',
  ioBandwidthGBs: 'I/O GB/s',
  interconnectBandwidthGBs: 'interconnect GB/s',
  memoryBandwidthTBs: 'memory bandwidth TB/s',
  memoryBandwidthDensity: 'memory bandwidth density GB/s/mm²',
  trainingComputeOps: 'training operations',
};

/** The inputs to ask for when a parameter is missing. */
const TPP_INPUT = 'tpp (or dense throughput per precision)';
const MISSING: Record<Parameter, (f: Facts) => string[]> = {
  tpp: () => [TPP_INPUT],
  performanceDensity: (f) => (f.tpp ? ['dieAreaMm2'] : [TPP_INPUT, 'dieAreaMm2']),
  ioBandwidthGBs: () => ['ioBandwidthGBs (or interconnectBandwidthGBs)'],
  interconnectBandwidthGBs: () => ['interconnectBandwidthGBs'],
  memoryBandwidthTBs: () => ['memoryBandwidthTBs'],
  memoryBandwidthDensity: () => ['memoryBandwidthDensity'],
  trainingComputeOps: () => ['trainingComputeOps'],
};

export function factsOf(chip: ChipSpecs): Facts {
  const tpp = deriveTpp(chip);
  const performanceDensity = derivePerformanceDensity(tpp, chip);
  const io = chip.ioBandwidthGBs ?? chip.interconnectBandwidthGBs;
  const entries: [Parameter, number | null | undefined][] = [
    ['tpp', tpp?.value],
    ['performanceDensity', performanceDensity?.value],
    ['ioBandwidthGBs', io],
    ['interconnectBandwidthGBs', chip.interconnectBandwidthGBs],
    ['memoryBandwidthTBs', chip.memoryBandwidthTBs],
    ['memoryBandwidthDensity', chip.memoryBandwidthDensity],
  ];
  const values: Partial<Record<Parameter, number>> = {};
  for (const [k, v] of entries) if (v != null) values[k] = v;
  return { chip, tpp, performanceDensity, values };
}

const fmt = (n: number): string => (Math.abs(n) >= 1e6 ? n.toExponential(2) : formatNumber(n));
const SYMBOL = { '>=': '≥', '>': '>', '<': '<', '<=': '≤' } as const;
const COMPARE = {
  '>=': (a: number, b: number) => a >= b,
  '>': (a: number, b: number) => a > b,
  '<': (a: number, b: number) => a < b,
  '<=': (a: number, b: number) => a <= b,
};

const verdict = (truth: Truth, evidence: string[] = [], missing: string[] = []): Verdict => ({ truth, evidence, missing });

const compiled = new Map<string, RegExp>();
const regex = (p: string): RegExp => compiled.get(p) ?? compiled.set(p, new RegExp(p, 'i')).get(p)!;

function matchesChip(chip: ChipSpecs, spec: { ids: string[]; namePatterns: string[] }): boolean {
  return (chip.id !== undefined && spec.ids.includes(chip.id)) || spec.namePatterns.some((p) => regex(p).test(chip.name));
}

export function evaluateCondition(c: Condition, f: Facts): Verdict {
  if ('parameter' in c) {
    const v = f.values[c.parameter];
    if (v === undefined) return verdict('UNKNOWN', [], MISSING[c.parameter](f));
    const holds = COMPARE[c.op](v, c.value);
    return verdict(holds ? 'TRUE' : 'FALSE', [`${LABEL[c.parameter]} ${fmt(v)} ${holds ? '' : 'is not '}${SYMBOL[c.op]} ${fmt(c.value)}`]);
  }
  if ('flag' in c) {
    const v = f.chip.designedForDatacenter;
    if (v == null) return verdict('UNKNOWN', [], ['designedForDatacenter']);
    return verdict(v === c.equals ? 'TRUE' : 'FALSE', [`${v ? '' : 'not '}designed or marketed for datacenters`]);
  }
  if ('vendor' in c) {
    const v = f.chip.vendor;
    if (!v) return verdict('UNKNOWN', [], ['vendor']);
    const holds = v.toLowerCase().includes(c.vendor.toLowerCase());
    return verdict(holds ? 'TRUE' : 'FALSE', [`vendor ${v}${holds ? '' : ` is not ${c.vendor}`}`]);
  }
  if ('chip' in c) return matchesChip(f.chip, c.chip) ? verdict('TRUE', [`named: ${f.chip.name}`]) : verdict('FALSE', [`not named: ${f.chip.name}`]);
  return verdict('UNKNOWN', [], [c.unresolved]);
}

/** Conjunction: false if any condition is false, else unknown if any is unknown. */
export function evaluateAll(conditions: readonly Condition[], f: Facts): Verdict {
  const parts = conditions.map((c) => evaluateCondition(c, f));
  const failed = parts.find((p) => p.truth === 'FALSE');
  if (failed) return verdict('FALSE', failed.evidence);
  const unknown = parts.filter((p) => p.truth === 'UNKNOWN');
  if (unknown.length)
    return verdict(
      'UNKNOWN',
      parts.flatMap((p) => p.evidence),
      [...new Set(unknown.flatMap((p) => p.missing))],
    );
  return verdict(
    'TRUE',
    parts.flatMap((p) => p.evidence),
  );
}

/** Disjunction over criteria: the first one met decides; else unknown if any is unknown. */
export function evaluateAny(criteria: readonly Criterion[], f: Facts): Verdict & { readonly criterion: Criterion | null } {
  const results = criteria.map((c) => ({ c, v: evaluateAll(c.allOf, f) }));
  const met = results.find((r) => r.v.truth === 'TRUE');
  if (met) return { ...met.v, criterion: met.c };
  const unknown = results.filter((r) => r.v.truth === 'UNKNOWN');
  if (unknown.length)
    return { truth: 'UNKNOWN', evidence: unknown.flatMap((r) => r.v.evidence), missing: [...new Set(unknown.flatMap((r) => r.v.missing))], criterion: null };
  return { truth: 'FALSE', evidence: results.flatMap((r) => r.v.evidence), missing: [], criterion: null };
}
