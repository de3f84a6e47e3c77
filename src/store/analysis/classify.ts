import type { AccessClassification, RestrictionModel } from './models.js';

export interface RouteFacts {
  readonly homeCountry: string | null;
  readonly dataCenterCountry: string | null;
  /** The rules in force restricting the chip, each with every destination it covers. */
  readonly restrictions: readonly Pick<RestrictionModel, 'destinations'>[];
}

export interface Classified {
  readonly restrictedForHome: boolean;
  readonly restrictedForDataCenterCountry: boolean;
  readonly classification: AccessClassification;
}

/** Whether a rule covers a country (never for an unknown country). */
export const covers = (r: { readonly destinations: readonly { readonly id: string }[] }, country: string | null): boolean =>
  country !== null && r.destinations.some((d) => d.id === country);

/**
 * Classifies a route. Not restricted for the home country (or no known home): UNRESTRICTED. Restricted for it, and
 * the data center is in another known country that at least one of the rules restricting the chip for home does
 * not cover: RESTRICTED_OFFSHORE (the cloud loophole through that rule). Otherwise (at home, the place unknown, or
 * a country every such rule covers too): RESTRICTED_DOMESTIC.
 */
export function classifyRoute(facts: RouteFacts): Classified {
  const forHome = facts.restrictions.filter((r) => covers(r, facts.homeCountry));
  const restrictedForDataCenterCountry = facts.restrictions.some((r) => covers(r, facts.dataCenterCountry));
  if (!forHome.length) return { restrictedForHome: false, restrictedForDataCenterCountry, classification: 'UNRESTRICTED' };
  const dc = facts.dataCenterCountry;
  const offshore = dc !== null && dc !== facts.homeCountry && forHome.some((r) => !covers(r, dc));
  return { restrictedForHome: true, restrictedForDataCenterCountry, classification: offshore ? 'RESTRICTED_OFFSHORE' : 'RESTRICTED_DOMESTIC' };
}
