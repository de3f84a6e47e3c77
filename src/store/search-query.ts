import { badInput } from '../errors.js';
import type { EntityModel, SearchHitModel } from '../graph/models.js';

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;
const MAX_WORDS = 12;
/**
 * Longest word a search may hold. Lucene builds an automaton per word for its prefix and typo matching, and
 * refuses one for a word of about 1,000 characters ("automaton too large"); no name has a word a tenth as long.
 */
export const MAX_SEARCH_WORD = 100;

/** Lower-cased, accent-free, as the `standard-folding` analyzer indexes text. */
export const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** The words of a text, folded; punctuation (and so every Lucene operator) is a separator. */
export const words = (s: string): string[] =>
  fold(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Edits a word of this length may be off by and still match: none for short words, one, then two. */
export const typoBudget = (word: string): number => (word.length >= 8 ? 2 : word.length >= 4 ? 1 : 0);

const escape = (w: string): string => w.replace(LUCENE_SPECIAL, (c) => `\\${c}`);

/**
 * Turns free text into a Lucene query: each word matches in the name or aliases (boosted), anywhere exactly,
 * as a prefix, or within a small edit distance. User text never reaches Lucene unescaped; text with no words
 * gives null (no search).
 */
export function fulltextQuery(text: string): string | null {
  const all = words(text);
  const longest = Math.max(0, ...all.map((w) => w.length));
  if (longest > MAX_SEARCH_WORD) {
    throw badInput(`A search word may be at most ${MAX_SEARCH_WORD} characters; got one of ${longest}. Search for shorter words.`, {
      argument: 'text',
      limit: MAX_SEARCH_WORD,
      value: longest,
    });
  }
  const list = all.slice(0, MAX_WORDS).map(escape);
  if (list.length === 0) return null;
  return list
    .map((w) => {
      const budget = typoBudget(w);
      const fuzzy = budget ? ` OR ${w}~${budget}` : '';
      return `(name:${w}^6 OR aliasText:${w}^4 OR ${w}^2 OR ${w}*${fuzzy})`;
    })
    .join(' OR ');
}

/** Optimal-string-alignment distance (a swap of two neighbours counts as one edit), capped at max + 1. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return Math.min(d[a.length]![b.length]!, max + 1);
}

/**
 * How well an entity's own names (name, aliases and id slug, not its description) match the query:
 * 3 = a name or the id is the query exactly; 2 = a name starts with it, or holds every query word;
 * 1 = every query word is in a name as a prefix or within its typo budget; 0 = found in the description only.
 * The query is analysed once; the returned function rates one entity.
 */
export function nameTierOf(text: string): (node: EntityModel) => number {
  const query = words(text).join(' ');
  const slug = query.replace(/ /g, '-');
  const qWords = query.split(' ');
  return (node) => {
    const names = [node.name, ...node.aliases].map((n) => words(n).join(' '));
    if (names.includes(query) || slug === node.id) return 3;
    const tokens = new Set(names.flatMap((n) => n.split(' ')));
    if (names.some((n) => n.startsWith(`${query} `)) || qWords.every((w) => tokens.has(w))) return 2;
    const near = (w: string): boolean => [...tokens].some((t) => t.startsWith(w) || editDistance(w, t, typoBudget(w)) <= typoBudget(w));
    return qWords.every(near) ? 1 : 0;
  };
}

/** nameTierOf for one entity. */
export const nameTier = (text: string, node: EntityModel): number => nameTierOf(text)(node);

/**
 * Ranks full-text candidates: by name tier first, then by Lucene score. The returned score stays monotonic with
 * the order: Lucene's score plus the tier times the best Lucene score among the candidates.
 */
export function rankHits(text: string, candidates: readonly SearchHitModel[], first: number): SearchHitModel[] {
  const top = Math.max(0, ...candidates.map((c) => c.score));
  const tier = nameTierOf(text);
  return candidates
    .map((c) => ({ node: c.node, score: c.score + tier(c.node) * top }))
    .sort((a, b) => b.score - a.score || a.node.name.localeCompare(b.node.name) || a.node.id.localeCompare(b.node.id))
    .slice(0, first);
}
