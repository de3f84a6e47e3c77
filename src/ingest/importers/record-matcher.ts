import type { EntityKind } from '../../graph/ontology.js';
import type { EntityRecord } from '../../store/graph-records.js';
import { CompanyMatcher, type MatchOutcome, type ScoredCandidate } from './company-matcher.js';
import type { KnownGraph } from './draft.js';

/** A record from another source to resolve against the graph: what the `match` query takes. */
export interface MatchRecord {
  readonly name: string;
  readonly kind?: EntityKind | null;
  /** A country by name or by its id in the graph. */
  readonly country?: string | null;
  readonly aliases?: readonly string[] | null;
  /** An identifier the record gives: an entity id of this graph. */
  readonly id?: string | null;
}

/** How one record resolved: the matcher's decision and its candidates, best first. */
export interface RecordMatch extends MatchOutcome {
  readonly index: number;
  readonly name: string;
}

/** An id the record gives and the graph holds (of the record's kind) outweighs any name: the strongest feature. */
export const IDENTIFIER_SCORE = 1.5;

/** The candidate an identifier gives, merged with what the names said of the same entity. */
function withIdentifier(outcome: MatchOutcome, entity: EntityRecord): MatchOutcome {
  const named = outcome.candidates.find((c) => c.id === entity.id);
  const byId: ScoredCandidate = {
    id: entity.id,
    name: entity.name,
    score: IDENTIFIER_SCORE,
    features: ['identifier', ...(named?.features ?? [])],
    reason: ['the same id', ...(named ? [named.reason] : [])].join('; '),
  };
  return { decision: 'match', candidates: [byId, ...outcome.candidates.filter((c) => c !== named)].slice(0, 3) };
}

/**
 * Resolves records to the graph's entities with the importers' matcher (company-matcher.ts): names and aliases
 * against the entities of the record's kind (all kinds when it has none), its country against a company's
 * headquarters, and an id it gives against the graph's ids. One matcher per kind, built on first use.
 */
export function matchRecords(graph: KnownGraph, records: readonly MatchRecord[]): RecordMatch[] {
  const byId = new Map(graph.entities.map((e) => [e.id, e]));
  const countryNames = new Map(graph.entities.filter((e) => e.kind === 'Country').map((e) => [e.id, e.name]));
  const matchers = new Map<string, CompanyMatcher>();
  const matcherFor = (kind: EntityKind | null): CompanyMatcher => {
    const key = kind ?? '*';
    let matcher = matchers.get(key);
    if (!matcher) {
      const known = graph.entities
        .filter((e) => !kind || e.kind === kind)
        .map((e) => ({ id: e.id, name: e.name, aliases: e.aliases ?? [], country: graph.countryOf.get(e.id) ?? null }));
      matcher = new CompanyMatcher(known);
      matchers.set(key, matcher);
    }
    return matcher;
  };
  return records.map((r, index) => {
    const countries = r.country ? [countryNames.get(r.country) ?? r.country] : [];
    const outcome = matcherFor(r.kind ?? null).match({ name: r.name, aliases: r.aliases ?? [], countries });
    const known = r.id ? byId.get(r.id) : undefined;
    const identified = known && (!r.kind || known.kind === r.kind) ? withIdentifier(outcome, known) : outcome;
    return { index, name: r.name, ...identified };
  });
}
