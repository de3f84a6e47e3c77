import { parse } from 'csv-parse/sync';
import type { UserErrorModel } from '../../errors.js';
import { issueAt } from './draft.js';

/** One data row: its spreadsheet row number (the header is row 1) and its cells by header. */
export interface CsvRow {
  readonly row: number;
  readonly cells: ReadonlyMap<string, string>;
}

export interface CsvTable {
  readonly header: string[];
  readonly rows: CsvRow[];
}

/** Non-empty cells beyond the header's columns, each named by row and column: the CSV misses a quote or a header. */
export class ExtraCellsError extends Error {
  constructor(readonly issues: UserErrorModel[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'ExtraCellsError';
  }
}

/**
 * A row's cells as a Map, built when asked for rather than kept: a Map per row of a 10^6-row file would hold
 * about 1 GB. The last one built is remembered, since parsers read a row's cells several times in a row.
 */
let lastCells: { readonly record: readonly string[]; readonly cells: ReadonlyMap<string, string> } | null = null;
function cellsOf(header: readonly string[], record: readonly string[]): ReadonlyMap<string, string> {
  if (lastCells?.record !== record) lastCells = { record, cells: new Map(header.map((h, i) => [h, (record[i] ?? '').trim()])) };
  return lastCells.cells;
}

function extraCells(header: readonly string[], record: readonly string[], row: number): UserErrorModel[] {
  const issues: UserErrorModel[] = [];
  for (let i = header.length; i < record.length; i += 1) {
    const cell = record[i]!.trim();
    if (!cell) continue;
    const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
    const message = `a cell beyond the header's ${header.length} columns ("${shown}"); quote cells that contain commas`;
    issues.push({ ...issueAt(`rows[${row}].column${i + 1}`, `row ${row}, column ${i + 1}`, message), code: 'EXTRA_CELL' });
  }
  return issues;
}

/**
 * Parses CSV text (UTF-8 BOM dropped, quoted cells may hold commas and newlines; `delimiter` for `;`-separated files). Throws on malformed CSV, and
 * an ExtraCellsError when a row has non-empty cells the header has no column for (empty ones are ignored).
 */
export function readCsv(content: string, delimiter = ','): CsvTable {
  const records = parse(content, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true }) as string[][];
  const first = records[0];
  if (!first) return { header: [], rows: [] };
  const header = first.map((h) => h.trim());
  const rows: CsvRow[] = [];
  const extra: UserErrorModel[] = [];
  // The header is record 1 and empty lines are no records, so record i is spreadsheet row i + 1.
  for (let i = 1; i < records.length; i += 1) {
    const record = records[i]!;
    if (record.length > header.length) extra.push(...extraCells(header, record, i + 1));
    rows.push({
      row: i + 1,
      get cells() {
        return cellsOf(header, record);
      },
    });
  }
  if (extra.length) throw new ExtraCellsError(extra);
  return { header, rows };
}

/** Known columns: each canonical name with the header variants Epoch has used for it, newest first. */
export type ColumnSpec<K extends string> = Readonly<Record<K, readonly string[]>>;

/** Which header each canonical column has in this file, and the headers nobody knows. */
export function mapColumns<K extends string>(
  header: readonly string[],
  spec: ColumnSpec<K>,
  ignored: readonly string[],
): { columns: Map<K, string>; unknown: string[] } {
  const columns = new Map<K, string>();
  const lower = new Map(header.map((h) => [h.toLowerCase(), h]));
  for (const [key, variants] of Object.entries(spec) as [K, readonly string[]][]) {
    const found = variants.map((v) => lower.get(v.toLowerCase())).find(Boolean);
    if (found) columns.set(key, found);
  }
  const known = new Set([...columns.values(), ...ignored].map((h) => h.toLowerCase()));
  return { columns, unknown: header.filter((h) => h && !known.has(h.toLowerCase())) };
}

/** An error for each required column the header lacks, naming the header variants looked for. */
export function requireColumns<K extends string>(columns: ReadonlyMap<K, string>, spec: ColumnSpec<K>, required: readonly K[]): UserErrorModel[] {
  return required
    .filter((key) => !columns.has(key))
    .map((key) => ({
      code: 'UNREADABLE_FILE' as const,
      field: 'header',
      message: `header: no column ${spec[key].map((v) => `"${v}"`).join(' or ')}; is this the right file and format?`,
    }));
}

/** Reads typed cells of one row, collecting located issues instead of throwing. */
export class RowReader<K extends string> {
  /** Taken once: a row builds its cells when asked (readCsv). */
  private readonly cells: ReadonlyMap<string, string>;

  constructor(
    private readonly row: CsvRow,
    private readonly columns: ReadonlyMap<K, string>,
    private readonly issues: UserErrorModel[],
  ) {
    this.cells = row.cells;
  }

  text(key: K): string | null {
    const header = this.columns.get(key);
    const value = header ? this.cells.get(header)?.trim() : undefined;
    return value ? value.replace(/^"(.*)"$/s, '$1').trim() || null : null;
  }

  /** A comma-joined multi-valued cell as its values. */
  list(key: K): string[] {
    return (this.text(key) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  /** Numbers such as 1.3e+24, 12288.0, $44,489.88 or 1 024; empty is null. */
  number(key: K): number | null {
    const value = this.text(key);
    if (value === null) return null;
    const n = Number(value.replace(/[$,\s]/g, ''));
    if (Number.isFinite(n)) return n;
    return this.fail(key, `"${value}" is not a number`);
  }

  /** Dates as 2025-03-06, 2025-03-06 10:00:00+00:00, 1/28/2018 (month/day/year) or 2018; empty is null. */
  date(key: K): string | null {
    const value = this.text(key);
    if (value === null) return null;
    const iso = parseDate(value);
    return iso ?? this.fail(key, `"${value}" is not a date (expected YYYY-MM-DD or M/D/YYYY)`);
  }

  private fail(key: K, message: string): null {
    const column = this.columns.get(key)!;
    this.issues.push(issueAt(`rows[${this.row.row}].${column}`, `row ${this.row.row}, column "${column}"`, message));
    return null;
  }
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** An ISO date from the date shapes Epoch files use, or null when the text is none of them or not a real day. */
export function parseDate(value: string): string | null {
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(value);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (us) [y, m, d] = [Number(us[3]), Number(us[1]), Number(us[2])];
  else if (/^\d{4}$/.test(value)) [y, m, d] = [Number(value), 1, 1];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}
