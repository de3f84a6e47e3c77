const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/** Lower-cased, accent-free, as the `standard-folding` analyzer indexes text. */
const fold = (s: string): string => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * Turns free text into a Lucene query: each word matches exactly (boosted), as a prefix, or within a small edit
 * distance. User text never reaches Lucene unescaped.
 */
export function fulltextQuery(text: string): string | null {
  const words = fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 12)
    .map((w) => w.replace(LUCENE_SPECIAL, (c) => `\\${c}`));
  if (words.length === 0) return null;
  return words
    .map((w) => {
      const fuzzy = w.length >= 8 ? `${w}~2` : w.length >= 4 ? `${w}~1` : w;
      return `(${w}^4 OR ${w}*^2 OR ${fuzzy})`;
    })
    .join(' OR ');
}
