import { deriveTpp } from '../../rules/chip-specs.js';
import { DraftBuilder, tidy } from './draft-builder.js';
import type { Draft } from './draft.js';
import type { ColumnSpec, CsvTable, RowReader } from './csv-table.js';
import { parseEpochTable } from './epoch-table.js';
import { entriesFor, serialiseProvenance } from '../../graph/value-provenance.js';

export const EPOCH_HARDWARE_SOURCE = 'src-epoch-ml-hardware';

/**
 * Columns this importer reads; the 2024 header used "Name of the hardware" and "Tensor-FP16 performance", the
 * 2026 one "Memory (bytes)".
 */
export const HARDWARE_COLUMNS = {
  name: ['Hardware name', 'Name of the hardware'],
  manufacturer: ['Manufacturer'],
  releaseDate: ['Release date'],
  memory: ['Memory size per board (Byte)', 'Memory (bytes)'],
  bandwidth: ['Memory bandwidth (byte/s)'],
  bf16: ['Tensor-FP16/BF16 performance (FLOP/s)', 'Tensor-FP16 performance (FLOP/s)', 'Tensor-FP16 performance'],
  intranode: ['Intranode bandwidth (byte/s)'],
  tdp: ['TDP (W)'],
  tpp: ['Total processing performance (bit-OP/s)'],
  process: ['Process size (nm)'],
  foundry: ['Foundry'],
  dieArea: ['Die Size (mm^2)'],
  fp8: ['FP8 performance (FLOP/s)'],
  fp4: ['FP4 performance (FLOP/s)'],
  int8: ['INT8 performance (OP/s)'],
  int4: ['INT4 performance (OP/s)'],
  int16: ['INT16 performance (OP/s)'],
  fp16: ['FP16 (half precision) performance (FLOP/s)'],
  fp32: ['FP32 (single precision) performance (FLOP/s)'],
  fp64: ['FP64 (double precision) performance (FLOP/s)'],
  availableInChina: ['Available in China'],
  availableInChinaNotes: ['Available in China Notes'],
} as const satisfies ColumnSpec<string>;

const IGNORED = [
  'Type',
  'Notes',
  'Release price (USD)',
  'TF32 (TensorFloat-32) performance (FLOP/s)',
  'Internode bandwidth (bit/s)',
  'Base clock (MHz)',
  'Boost clock (MHz)',
  'Memory clock (MHz)',
  'Memory bus (bit)',
  'Tensor cores',
  'Transistors (millions)',
  'Number of transistors (millions)',
  'Link to datasheet',
  'Source for the price',
  'ML models',
  'Last modified',
  'Max performance',
  'Energy efficiency',
  'Price-performance',
  'ML OP/s',
  'Generally available',
];

type Column = keyof typeof HARDWARE_COLUMNS;

/** Dense throughput columns and their bit lengths for TPP (TF32 left out: docs/rules.md); also read by epoch-hardware-specs.ts. */
export const PRECISIONS: readonly [Column, string, number][] = [
  ['bf16', 'dense Tensor-FP16/BF16', 16],
  ['fp8', 'dense FP8', 8],
  ['fp4', 'dense FP4', 4],
  ['int8', 'dense INT8', 8],
  ['int4', 'dense INT4', 4],
  ['int16', 'INT16', 16],
  ['fp16', 'FP16', 16],
  ['fp32', 'FP32', 32],
  ['fp64', 'FP64', 64],
];

/** Epoch's TPP (bit-OP/s / 1e12), else the best over precisions of dense throughput × bit length (rounded to 0.1). */
function tppOf(r: RowReader<Column>): number | null {
  const published = r.number('tpp');
  // Epoch's bit-OP/s divided by 1e12 is BIS's "total processing performance" (H100: 1.5832e16 → 15,832).
  if (published !== null) return tidy(published, 1e12);
  const throughput = PRECISIONS.flatMap(([col, precision, bits]) => {
    const ops = r.number(col);
    return ops !== null && ops > 0 ? [{ precision, bits, opsPerSecond: ops }] : [];
  });
  const derived = deriveTpp({ name: '', throughput });
  return derived ? Math.round(derived.value * 10) / 10 : null;
}

/** Epoch's "Available in China" cell and its notes, as one verbatim claim ("No: …"), or null where the file has none. */
function availability(r: RowReader<Column>): string | null {
  const cell = r.text('availableInChina');
  const notes = r.text('availableInChinaNotes');
  return cell && notes ? `${cell}: ${notes}` : (cell ?? notes);
}

/** The figures read from the table: a manufacturer's specs, so HIGH. */
const FIGURES = ['memoryGb', 'memoryBandwidthTBs', 'bf16DenseTflops', 'interconnectBandwidthGBs', 'tdpWatts', 'processNm', 'dieAreaMm2'];

/** Each figure cited to the table as of the chip's release; a TPP the file lacks is derived, and says so. */
function chipProvenance(props: Record<string, unknown>, tppPublished: boolean): string | null {
  const asOf = typeof props.releaseDate === 'string' ? props.releaseDate : undefined;
  const entry = { source: EPOCH_HARDWARE_SOURCE, confidence: 'high' as const, asOf };
  const note = tppPublished ? undefined : 'derived from the dense throughput columns (docs/rules.md)';
  return serialiseProvenance({ ...entriesFor(props, FIGURES, entry), ...entriesFor(props, ['tpp'], { ...entry, note }) });
}

function addChip(b: DraftBuilder, r: RowReader<Column>, name: string, at: string): void {
  const vendor = r.text('manufacturer');
  const processNm = r.number('process');
  const props: Record<string, unknown> = {
    vendor,
    releaseDate: r.date('releaseDate'),
    memoryGb: tidy(r.number('memory'), 1e9),
    memoryBandwidthTBs: tidy(r.number('bandwidth'), 1e12),
    bf16DenseTflops: tidy(r.number('bf16'), 1e12),
    interconnectBandwidthGBs: tidy(r.number('intranode'), 1e9),
    tdpWatts: r.number('tdp'),
    tpp: tppOf(r),
    processNm,
    dieAreaMm2: r.number('dieArea'),
    availableInChina: availability(r),
  };
  const chip = b.entity('Chip', name, { ...props, valueProvenance: chipProvenance(props, r.number('tpp') !== null) }, at);
  if (vendor) b.relationship('DESIGNS', b.entity('Company', vendor, { roles: ['CHIP_DESIGNER'] }, at), chip, {}, at);
  for (const foundry of r.list('foundry')) {
    const processNode = processNm !== null ? `${processNm} nm` : null;
    b.relationship('MANUFACTURES', b.entity('Company', foundry, { roles: ['FOUNDRY'] }, at), chip, { processNode }, at);
  }
}

/**
 * Epoch AI's ML Hardware table: chips with their specs, TPP (derived from the dense throughputs where the file
 * has no TPP column or cell) and die area, their designers and their foundries.
 */
export const parseEpochHardware = (table: CsvTable): Draft =>
  parseEpochTable(table, { source: EPOCH_HARDWARE_SOURCE, columns: HARDWARE_COLUMNS, ignored: IGNORED, nameColumn: 'name', noun: 'hardware', add: addChip });
