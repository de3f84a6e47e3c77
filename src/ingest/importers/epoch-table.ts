import { DraftBuilder } from './draft-builder.js';
import type { Draft } from './draft.js';
import { mapColumns, requireColumns, RowReader, type ColumnSpec, type CsvTable } from './csv-table.js';

/** What sets one Epoch AI table apart: the rest of reading it (headers, rows, skips, issues) is the same. */
export interface EpochTable<K extends string> {
  /** The Source every fact read from the table cites. */
  readonly source: string;
  readonly columns: ColumnSpec<K>;
  /** Headers Epoch publishes that the ontology has no place for; read past without a warning. */
  readonly ignored: readonly string[];
  /** The column that names a row's record: required in the header; a row without it is skipped. */
  readonly nameColumn: K;
  /** What the record is called, for the skip reason of a row without a name ("no model name"). */
  readonly noun: string;
  /** Why a named row is left out, or null to read it. */
  readonly skip?: (name: string) => string | null;
  /** Asserts what one named row says. */
  readonly add: (b: DraftBuilder, r: RowReader<K>, name: string, at: string) => void;
}

/** Reads an Epoch AI table into a draft (fill mode: third-party data never overwrites curated facts). */
export function parseEpochTable<K extends string>(table: CsvTable, spec: EpochTable<K>): Draft {
  const { columns, unknown } = mapColumns(table.header, spec.columns, spec.ignored);
  const b = new DraftBuilder(spec.source);
  b.issues.push(...requireColumns(columns, spec.columns, [spec.nameColumn]));
  for (const row of b.issues.length ? [] : table.rows) {
    b.records += 1;
    const r = new RowReader<K>(row, columns, b.issues);
    const name = r.text(spec.nameColumn);
    const at = `row ${row.row}`;
    const reason = name === null ? `no ${spec.noun} name` : (spec.skip?.(name) ?? null);
    if (reason !== null) b.skip(at, reason);
    else spec.add(b, r, name!, at);
  }
  return b.build(unknown);
}
