import { z } from 'zod';
import type { Confidence } from '../graph/ontology.js';
import { cited, iso2, isoDate } from './schema-parts.js';

/** The shape of `data/rules/country-groups.json`, and membership of a country in a group on a given day. */

/** A member for the whole period, or one that joined (`from`) or left (`to`, exclusive) on a known day. */
const memberSchema = z.union([iso2, z.strictObject({ iso: iso2, from: isoDate.optional(), to: isoDate.optional(), ...cited })]);

export const countryGroupsFileSchema = z.strictObject({
  note: z.string().optional(),
  groups: z.record(
    z.string(),
    z.strictObject({
      name: z.string().min(1),
      /** False when only the members relevant to the rules are listed (A:5 and A:6 here). */
      complete: z.boolean(),
      members: z.array(memberSchema),
      ...cited,
    }),
  ),
  /** Places the EAR treats as another country (Hong Kong as China). */
  treatedAs: z.array(z.strictObject({ iso: iso2, as: iso2, from: isoDate, ...cited })),
});
export type CountryGroupsFile = z.infer<typeof countryGroupsFileSchema>;

/** What a membership test found, with where that comes from. */
export interface Membership {
  readonly member: boolean;
  readonly source: string;
  readonly confidence: Confidence;
}

/** The country the EAR sees for this destination on that day (HK is CN from 23 Dec 2020). */
export function effectiveCountry(groups: CountryGroupsFile, iso: string, asOf: string): string {
  const alias = groups.treatedAs.find((t) => t.iso === iso && t.from <= asOf);
  return alias ? alias.as : iso;
}

/** Whether `iso` (already resolved with effectiveCountry) is in `group` on `asOf`. */
export function inGroup(groups: CountryGroupsFile, group: string, iso: string, asOf: string): Membership {
  const g = groups.groups[group];
  if (!g) throw new Error(`unknown country group ${group}`);
  for (const m of g.members) {
    if (typeof m === 'string') {
      if (m === iso) return { member: true, source: g.source, confidence: g.confidence };
    } else if (m.iso === iso) {
      const held = (!m.from || m.from <= asOf) && (!m.to || asOf < m.to);
      return { member: held, source: m.source, confidence: m.confidence };
    }
  }
  return { member: false, source: g.source, confidence: g.confidence };
}
