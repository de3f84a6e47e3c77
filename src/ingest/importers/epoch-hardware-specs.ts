import type { ChipSpecs, PrecisionThroughput } from '../../rules/chip-specs.js';
import type { UserErrorModel } from '../../errors.js';
import { mapColumns, requireColumns, RowReader, type ColumnSpec, type CsvTable } from './csv-table.js';
import { HARDWARE_COLUMNS, PRECISIONS } from './epoch-hardware.js';

/**
 * The ML Hardware table read as classifier inputs: the importer's columns plus die size and dense throughput per
 * precision, so TPP and PD can be derived where the file has no TPP column. TF32 is left out: its bit length
 * for TPP is ambiguous (19 or 32 bits), and with 32 it overstates Epoch's own TPP on several rows.
 */
const SPEC_COLUMNS = HARDWARE_COLUMNS satisfies ColumnSpec<string>;

type Column = keyof typeof SPEC_COLUMNS;

export interface EpochChipSpecs {
  readonly row: number;
  readonly specs: ChipSpecs;
  /** Epoch's own "Available in China" cell where the file has one (a sourced fact beside the derivation). */
  readonly availableInChina: string | null;
}

/** One ChipSpecs per named row; cells that are not numbers are reported as issues, not guessed. */
export function readEpochChipSpecs(table: CsvTable, file: string): { chips: EpochChipSpecs[]; issues: UserErrorModel[] } {
  const { columns } = mapColumns(table.header, SPEC_COLUMNS, []);
  const issues = requireColumns(columns, SPEC_COLUMNS, ['name']);
  const chips: EpochChipSpecs[] = [];
  for (const row of issues.length ? [] : table.rows) {
    const r = new RowReader<Column>(row, columns, issues);
    const name = r.text('name');
    if (!name) continue;
    const throughput: PrecisionThroughput[] = [];
    for (const [col, precision, bits] of PRECISIONS) {
      const ops = r.number(col);
      if (ops !== null && ops > 0) throughput.push({ precision, bits, opsPerSecond: ops });
    }
    const tpp = r.number('tpp');
    const per = (col: Column, divisor: number): number | null => {
      const n = r.number(col);
      return n === null ? null : n / divisor;
    };
    chips.push({
      row: row.row,
      availableInChina: r.text('availableInChina'),
      specs: {
        name,
        vendor: r.text('manufacturer'),
        tpp: tpp === null ? null : tpp / 1e12,
        throughput,
        dieAreaMm2: r.number('dieArea'),
        interconnectBandwidthGBs: per('intranode', 1e9),
        memoryBandwidthTBs: per('bandwidth', 1e12),
        specSource: `Epoch AI ${file} row ${row.row}`,
      },
    });
  }
  return { chips, issues };
}
