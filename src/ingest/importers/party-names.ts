/**
 * Names of listed parties, reduced to what identifies them: legal forms (Co., Ltd., GmbH...) and punctuation
 * dropped, abbreviations spelled out, an acronym in parentheses taken as an alias (docs/data.md, Matching).
 */

/** Legal forms and their parts, dropped from a name before comparing it (after punctuation is removed). */
const LEGAL_FORMS = new Set(
  (
    'co company companies corp corporation inc incorporated ltd limited llc llp lp plc gmbh mbh ag kg sa sas sasu sarl srl spa ' +
    'pte pvt private pty bv nv kk oy ab as jsc ojsc pjsc cjsc ooo zao oao fze fzco fzc fzllc sdn bhd ltda sac eirl ou ' +
    'sociedad anonima cooperatief ua the'
  ).split(' '),
);

/** Words that describe rather than name: dropped for the name core ("Sophgo Technologies" is Sophgo). */
const DESCRIPTORS = new Set(['technology', 'technologies', 'group']);

/** Abbreviations spelled out, so "Semiconductor Mfg International Corp." meets its long form. */
const SPELLED_OUT: Record<string, string> = { mfg: 'manufacturing', intl: 'international', tech: 'technology', tec: 'technology' };

/** Words too common to point at one company on their own (places, sectors, kinds of body). */
export const GENERIC_WORDS = new Set(
  (
    'ai cloud computing information electronic electronics industry industries international national research institute ' +
    'university academy center centre science sciences semiconductor semiconductors manufacturing systems system software ' +
    'network communication communications digital data investment holding holdings service services trading development ' +
    'device devices china chinese beijing shanghai shenzhen hangzhou guangzhou chengdu wuhan suzhou tianjin hong kong ' +
    'singapore new south north east west global and of for'
  ).split(' '),
);

/** Tokens of a name: accents, case and punctuation dropped, abbreviations spelled out, legal forms removed. */
export function nameTokens(name: string): string[] {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/(\p{L})\.(?=\p{L}\.)/gu, '$1') // "s.a." → "sa", "k.k." → "kk"
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .map((w) => SPELLED_OUT[w] ?? w);
  return words.filter((w) => !LEGAL_FORMS.has(w));
}

/** The name without legal forms, as one comparable string ("huawei technologies" for "Huawei Technologies Co., Ltd."). */
export const legalName = (name: string): string => nameTokens(name).join(' ');

/** The name without legal forms and descriptors ("huawei" for "Huawei Technologies Co., Ltd."). */
export function coreName(name: string): string {
  const tokens = nameTokens(name);
  const core = tokens.filter((t) => !DESCRIPTORS.has(t));
  return (core.length ? core : tokens).join(' ');
}

/** Distinctive tokens of a name: neither legal forms nor generic words, at least three characters. */
export const distinctiveTokens = (name: string): string[] => nameTokens(name).filter((t) => t.length >= 3 && !GENERIC_WORDS.has(t) && !DESCRIPTORS.has(t));

/**
 * Splits "Semiconductor Manufacturing International Corporation (SMIC)" into the name and the acronym alias.
 * Only an acronym, or a word the name already holds, leaves the name: "(Beijing)" names a different entity.
 */
export function splitAcronym(name: string): { name: string; alias: string | null } {
  const m = /^(.*\S)\s*\(([^()]+)\)\s*$/.exec(name.trim());
  if (!m) return { name: name.trim(), alias: null };
  const [, rest, inner] = m as unknown as [string, string, string];
  const acronym = /^[A-Z][A-Z0-9&-]{1,11}$/.test(inner);
  const repeated = !/\s/.test(inner) && nameTokens(rest).includes(inner.toLowerCase());
  return acronym || repeated ? { name: rest, alias: inner } : { name: name.trim(), alias: null };
}
