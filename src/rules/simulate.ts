import type { ChipSpecs } from './chip-specs.js';
import { createClassifier, type Classification } from './classify.js';
import type { CountryGroupsFile } from './country-groups.js';
import { effectiveCountry } from './country-groups.js';
import { SIMULATED_RULE, type SimulatedRule } from './rule-input.js';

/**
 * What a hypothetical rule (rule-input.ts) does to one route to compute, decided by the same classifier as the
 * rules in force. A route is a company (its home country) reaching a chip at a place (the data center's
 * country; none for a model's training hardware with no known site, which, like computeAccess, is taken as home).
 */

export interface RouteFacts {
  readonly chip: ChipSpecs;
  /** ISO code of the company's home country; null when unknown (then no rule can be said to cover it). */
  readonly home: string | null;
  /** ISO code of the data center's country; null when the place is unknown. */
  readonly place: string | null;
  /** ISO codes of the home countries of the chip's designers (empty when none is recorded). */
  readonly designers: readonly string[];
  /** The company's name, for the explanation. */
  readonly company: string;
}

/**
 * The rule's verdict on a route: NONE (it does not restrict it), UNKNOWN (an input it tests is missing), or the
 * classification the rule alone would give: DOMESTIC (at home, at an unknown place, or in a country the rule
 * covers too), REMOTE_ACCESS (abroad, where only its remote-access clause reaches), OFFSHORE (abroad, uncovered).
 */
export type RouteVerdict =
  | { readonly effect: 'NONE'; readonly why: string }
  | { readonly effect: 'UNKNOWN'; readonly missing: string[] }
  | { readonly effect: 'DOMESTIC' | 'REMOTE_ACCESS' | 'OFFSHORE'; readonly reason: VerdictReason };

export interface VerdictReason {
  readonly criterion: string | null;
  /** The numbers that met it: "TPP 15,832 ≥ 4,800". */
  readonly evidence: string[];
  /** Why the places are in scope or not: "CN ∈ D:5", "remote access: …". */
  readonly basis: string[];
  readonly remoteAccess: boolean;
}

/** One hypothetical rule applied to routes; classifications are memoised per chip and country. */
export function createRouteSimulator(simulated: SimulatedRule, groups: CountryGroupsFile, asOf: string) {
  const classifier = createClassifier({ rules: { rules: { [SIMULATED_RULE]: simulated.rule } }, groups });
  const memo = new Map<string, Classification>();
  const classify = (chip: ChipSpecs, iso: string): Classification => {
    const key = `${chip.id ?? chip.name}|${iso}`;
    let c = memo.get(key);
    if (!c) memo.set(key, (c = classifier.classify(chip, asOf, iso)));
    return c;
  };
  const basisOf = (c: Classification): string[] => c.rules.flatMap((r) => r.basis);

  function verdict(route: RouteFacts): RouteVerdict {
    if (route.home === null) return { effect: 'NONE', why: 'home country unknown' };
    const where = route.place ?? route.home;
    const used = effectiveCountry(groups, where, asOf);
    // A chip designed where it is used crosses no border: an export control cannot reach it (docs/rules.md).
    if (route.designers.length && route.designers.every((d) => effectiveCountry(groups, d, asOf) === used)) {
      return { effect: 'NONE', why: `no export: designed and used in ${used}` };
    }
    const home = classify(route.chip, route.home);
    if (home.licence === 'UNKNOWN') return { effect: 'UNKNOWN', missing: home.missing };
    if (home.licence !== 'REQUIRED') return { effect: 'NONE', why: basisOf(home).join('; ') };
    const met = home.met[0];
    const base = { criterion: met?.criterion ?? null, evidence: met?.evidence ?? [], remoteAccess: false };
    const abroad = route.place !== null && effectiveCountry(groups, route.place, asOf) !== effectiveCountry(groups, route.home, asOf);
    if (!abroad) return { effect: 'DOMESTIC', reason: { ...base, basis: basisOf(home) } };
    const there = classify(route.chip, route.place!);
    if (there.licence === 'REQUIRED') return { effect: 'DOMESTIC', reason: { ...base, basis: basisOf(there) } };
    if (!simulated.remoteAccess) return { effect: 'OFFSHORE', reason: { ...base, basis: [...basisOf(home), ...basisOf(there)] } };
    const clause = `remote access: ${route.company} is headquartered in ${route.home}, which the rule covers, and reaches the chip in ${route.place}`;
    return { effect: 'REMOTE_ACCESS', reason: { ...base, basis: [...basisOf(home), clause], remoteAccess: true } };
  }
  return { verdict };
}
