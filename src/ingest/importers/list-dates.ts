const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

const iso = (year: number, month: number, day: number): string | null => {
  const date = new Date(Date.UTC(year, month - 1, day));
  const ok = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return ok ? date.toISOString().slice(0, 10) : null;
};

/** A two-digit year as the lists use it: the Federal Register began in 1936, the lists in the 1980s. */
const fullYear = (y: string): number => (y.length === 4 ? Number(y) : Number(y) + (Number(y) > 50 ? 1900 : 2000));

/**
 * The dates in a Federal Register citation text ("84 FR 22963, 5/21/19", "91 FR 35189 (June 10, 2026)",
 * several citations joined), as ISO dates, earliest first.
 */
export function citationDates(text: string): string[] {
  const dates: (string | null)[] = [];
  for (const m of text.matchAll(/\b(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})\b/g)) dates.push(iso(fullYear(m[3]!), Number(m[1]), Number(m[2])));
  for (const m of text.matchAll(/\b([A-Z][a-z]+)\.? (\d{1,2}), (\d{4})\b/g)) {
    const month = MONTHS.findIndex((name) => name.startsWith(m[1]!.toLowerCase()));
    if (month >= 0) dates.push(iso(Number(m[3]), month + 1, Number(m[2])));
  }
  return [...new Set(dates.filter((d): d is string => d !== null))].sort();
}

/** An ISO date as the lists give it (2021-08-02), or null. */
export const isoDate = (value: unknown): string | null =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? iso(...(value.split('-').map(Number) as [number, number, number])) : null;

/** The expiry date of a denial order, from the Denied Persons List's notes ("Expires: 2026-10-27"). */
export const expiryOf = (notes: string | null): string | null => isoDate(/Expires: (\d{4}-\d{2}-\d{2})/.exec(notes ?? '')?.[1]);

/** A citation text on one line: the files break several citations across lines. */
export const oneLine = (text: string): string =>
  text
    .split(/\s*\n\s*/)
    .map((part) => part.replace(/\.$/, ''))
    .filter(Boolean)
    .join('; ');
