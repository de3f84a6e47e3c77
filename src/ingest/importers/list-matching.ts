import { CompanyMatcher, type KnownCompany } from './company-matcher.js';
import { slugOf, type Draft, type KnownGraph, type MatchReview } from './draft.js';

/** An organisation a screening list names, with what its entries say about the listing. */
export interface Party {
  readonly ref: string;
  readonly name: string;
  readonly aliases: string[];
  readonly countries: string[];
  readonly listing: Record<string, unknown>;
  readonly at: string;
}

/** The graph's companies as the matcher knows them: names, aliases and the country each is headquartered in. */
export const knownCompanies = (graph: KnownGraph): KnownCompany[] =>
  graph.entities
    .filter((e) => e.kind === 'Company')
    .map((e) => ({ id: e.id, name: e.name, aliases: e.aliases ?? [], country: graph.countryOf.get(e.id) ?? null }));

/** A free id for a party kept as its own company: its name's slug, else with its country, else numbered. */
function freshId(party: Party, taken: Set<string>): string {
  const base = slugOf(party.name) || 'company';
  const country = slugOf(party.countries[0] ?? '');
  const candidates = [base, ...(country ? [`${base}-${country}`] : [])];
  for (let i = 2; candidates.length < 200; i += 1) candidates.push(`${base}-${i}`);
  const id = candidates.find((c) => !taken.has(c))!;
  taken.add(id);
  return id;
}

/**
 * Gives each party of a screening list its id: the company it clearly is (the matcher's 'match', once per
 * company), else a new one. Uncertain candidates are never merged: the party becomes its own company and the
 * candidates go to the review list.
 */
export function matchParties(draft: Draft, parties: readonly Party[], graph: KnownGraph): { draft: Draft; review: MatchReview[] } {
  const matcher = new CompanyMatcher(knownCompanies(graph));
  const taken = new Set(graph.entities.map((e) => e.id));
  const claimed = new Set<string>();
  const idOf = new Map<string, string>();
  const review: MatchReview[] = [];
  for (const party of parties) {
    const { decision, candidates } = matcher.match(party);
    const best = candidates[0];
    if (decision === 'match' && best && !claimed.has(best.id)) {
      claimed.add(best.id);
      idOf.set(party.ref, best.id);
      continue;
    }
    const id = freshId(party, taken);
    idOf.set(party.ref, id);
    if (candidates.length) review.push({ at: party.at, name: party.name, importedAs: id, candidates });
  }
  const entities = draft.entities.map((e) => (idOf.has(e.ref) ? { ...e, id: idOf.get(e.ref)! } : e));
  return { draft: { ...draft, entities, refine: undefined }, review };
}
