import { effectiveCountry, inGroup, type CountryGroupsFile } from './country-groups.js';
import type { Destinations } from './rule-schema.js';

/** Whether a destination (or an end user's headquarters) falls in a rule's set of places on a given day. */

export interface PlaceMatch {
  readonly inScope: boolean;
  /** Why, in words: "CN ∈ D:5", "HK treated as CN", "IL ∈ A:6 (excluded)". */
  readonly basis: string[];
  readonly sources: string[];
}

type CountrySet = Destinations['include'];

function matchSet(groups: CountryGroupsFile, set: CountrySet, iso: string, asOf: string): { hit: boolean; basis: string[]; sources: string[] } {
  if (set.all) return { hit: true, basis: ['all destinations'], sources: [] };
  if (set.countries?.includes(iso)) return { hit: true, basis: [`${iso} named`], sources: [] };
  for (const g of set.groups ?? []) {
    const m = inGroup(groups, g, iso, asOf);
    if (m.member) return { hit: true, basis: [`${iso} ∈ ${g}`], sources: [m.source] };
  }
  return { hit: false, basis: [], sources: [] };
}

/** The rule's include set minus its exclude set, for `iso` on `asOf` (Hong Kong resolved to China first). */
export function matchPlace(groups: CountryGroupsFile, places: Pick<Destinations, 'include' | 'exclude' | 'source'>, iso: string, asOf: string): PlaceMatch {
  const country = effectiveCountry(groups, iso, asOf);
  const alias = country === iso ? [] : [`${iso} treated as ${country}`];
  const aliasSources = country === iso ? [] : groups.treatedAs.filter((t) => t.iso === iso).map((t) => t.source);
  const inc = matchSet(groups, places.include, country, asOf);
  if (!inc.hit) return { inScope: false, basis: [...alias, `${country} not in scope`], sources: [places.source, ...aliasSources] };
  const exc = places.exclude ? matchSet(groups, places.exclude, country, asOf) : { hit: false, basis: [], sources: [] };
  const basis = [...alias, ...inc.basis, ...exc.basis.map((b) => `${b} (excluded)`)];
  return { inScope: !exc.hit, basis, sources: [places.source, ...aliasSources, ...inc.sources, ...exc.sources] };
}
