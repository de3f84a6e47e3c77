/**
 * Numbers as the explanations print them: thousands separated, at most two decimals ("15,832", "4,988.8",
 * "2.91"). Memoised, because formatting was most of the cost of a classification and the same thresholds and
 * chip values come back on every rule.
 */
const memo = new Map<number, string>();

export function formatNumber(n: number): string {
  const hit = memo.get(n);
  if (hit !== undefined) return hit;
  const rounded = Math.round(n * 100) / 100;
  const [int, frac] = String(Math.abs(rounded)).split('.');
  let grouped = '';
  for (let i = int!.length; i > 0; i -= 3) grouped = int!.slice(Math.max(0, i - 3), i) + (grouped ? ',' + grouped : '');
  const text = (rounded < 0 ? '-' : '') + grouped + (frac ? '.' + frac : '');
  if (memo.size > 50_000) memo.clear();
  memo.set(n, text);
  return text;
}
