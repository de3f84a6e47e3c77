import { normaliseName } from './draft.js';
import { coreName, distinctiveTokens, legalName, splitAcronym } from './party-names.js';

/** A party to match: its names and the countries a record places it in (empty: unknown). */
export interface PartyRecord {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly countries: readonly string[];
}

/** A company already in the graph, with the country it is headquartered in (if the graph says). */
export interface KnownCompany {
  readonly id: string;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly country: string | null;
}

/** A candidate with its score, the features that matched and why, in words. */
export interface ScoredCandidate {
  readonly id: string;
  readonly name: string;
  readonly score: number;
  readonly features: string[];
  readonly reason: string;
}

/** A match is merged at this score; from REVIEW_SCORE up it is listed for review and kept separate. */
export const MATCH_SCORE = 0.9;
export const REVIEW_SCORE = 0.4;

export interface MatchOutcome {
  readonly decision: 'match' | 'review' | 'none';
  /** Best first; the first is the match when decision is 'match'. */
  readonly candidates: ScoredCandidate[];
}

interface Indexed {
  readonly company: KnownCompany;
  readonly exact: Set<string>;
  readonly exactName: string;
  readonly legal: Set<string>;
  readonly core: Set<string>;
  readonly tokens: Set<string>;
}

const namesOf = (p: { name: string; aliases: readonly string[] }): string[] => [p.name, ...p.aliases];

const push = (map: Map<string, Indexed[]>, key: string, value: Indexed): void => {
  if (!key) return;
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
};

/**
 * Scores parties against known companies, in the spirit of OpenSanctions' matcher: the same name or alias
 * once legal forms are dropped (1.0; 1.1 spelled the same, 1.2 the same name spelled the same), the same name core once descriptors such as "Technologies" are dropped
 * too (0.85), or the known company's distinctive words all in the party's name (0.5: a possible subsidiary or
 * affiliate); the same country adds 0.1, a different one takes 0.4 off.
 */
export class CompanyMatcher {
  private readonly byLegal = new Map<string, Indexed[]>();
  private readonly byCore = new Map<string, Indexed[]>();
  private readonly byToken = new Map<string, Indexed[]>();

  constructor(companies: readonly KnownCompany[]) {
    for (const company of companies) this.add(company);
  }

  add(company: KnownCompany): void {
    const names = namesOf(company);
    const entry: Indexed = {
      company,
      exact: new Set(names.map(normaliseName)),
      exactName: normaliseName(company.name),
      legal: new Set(names.map(legalName)),
      core: new Set(names.map(coreName)),
      tokens: new Set(distinctiveTokens(company.name)),
    };
    for (const key of entry.legal) push(this.byLegal, key, entry);
    for (const key of entry.core) push(this.byCore, key, entry);
    for (const key of entry.tokens) push(this.byToken, key, entry);
  }

  match(party: PartyRecord): MatchOutcome {
    const names = namesOf(party).flatMap((n) => {
      const { name, alias } = splitAcronym(n);
      return alias ? [name, alias] : [n];
    });
    const legal = new Set(names.map(legalName));
    const core = new Set(names.map(coreName));
    const tokens = new Set(names.flatMap(distinctiveTokens));
    const pool = new Set<Indexed>();
    for (const key of legal) for (const e of this.byLegal.get(key) ?? []) pool.add(e);
    for (const key of core) for (const e of this.byCore.get(key) ?? []) pool.add(e);
    for (const key of tokens) for (const e of this.byToken.get(key) ?? []) pool.add(e);
    const scored = [...pool]
      .map((e) => score(e, party, legal, core, tokens))
      .filter((c) => c.score >= REVIEW_SCORE)
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
    const [best, second] = scored;
    if (!best) return { decision: 'none', candidates: [] };
    // Two strong candidates close together: the party could be either, so a person decides.
    const clear = best.score >= MATCH_SCORE && !(second && second.score >= MATCH_SCORE && best.score - second.score < 0.095);
    return { decision: clear ? 'match' : 'review', candidates: scored.slice(0, 3) };
  }
}

function score(e: Indexed, party: PartyRecord, legal: Set<string>, core: Set<string>, tokens: Set<string>): ScoredCandidate {
  const features: string[] = [];
  const why: string[] = [];
  let value = 0;
  const sameLegal = [...legal].some((n) => e.legal.has(n));
  if (sameLegal) {
    const exact = namesOf(party).some((n) => e.exact.has(normaliseName(n)));
    // The same primary name beats a shared alias: lists give one alias to several parties.
    value = normaliseName(splitAcronym(party.name).name) === e.exactName ? 1.2 : exact ? 1.1 : 1;
    features.push(legalName(party.name) === legalName(e.company.name) ? 'name' : 'alias');
    why.push(exact ? 'the same name or alias, spelled the same' : 'the same name or alias once legal forms are dropped');
  } else if ([...core].some((n) => e.core.has(n))) {
    value = 0.85;
    features.push('name core');
    why.push('the same name once legal forms and descriptors are dropped');
  } else if (e.tokens.size && [...e.tokens].every((t) => tokens.has(t))) {
    value = 0.5;
    features.push('distinctive words');
    why.push(`its name holds "${[...e.tokens].join(' ')}": possibly a subsidiary or affiliate`);
  }
  const country = e.company.country;
  if (country && party.countries.length) {
    const same = party.countries.some((c) => c.toLowerCase() === country.toLowerCase());
    value += same ? 0.1 : -0.4;
    features.push(same ? 'country' : 'country mismatch');
    why.push(same ? `both in ${country}` : `listed in ${party.countries.join(', ')}, not ${country}`);
  }
  return { id: e.company.id, name: e.company.name, score: Math.round(value * 100) / 100, features, reason: why.join('; ') };
}
