import { DraftBuilder, tidy } from './draft-builder.js';
import type { Draft } from './draft.js';
import type { ColumnSpec, CsvTable, RowReader } from './csv-table.js';
import { parseEpochTable } from './epoch-table.js';

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
} as const satisfies ColumnSpec<string>;

const IGNORED = [
  'Type',
  'Notes',
  'Release price (USD)',
  'FP64 (double precision) performance (FLOP/s)',
  'FP32 (single precision) performance (FLOP/s)',
  'FP16 (half precision) performance (FLOP/s)',
  'TF32 (TensorFloat-32) performance (FLOP/s)',
  'INT16 performance (OP/s)',
  'INT8 performance (OP/s)',
  'INT4 performance (OP/s)',
  'Internode bandwidth (bit/s)',
  'Die Size (mm^2)',
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
  'FP8 performance (FLOP/s)',
  'FP4 performance (FLOP/s)',
  'Price-performance',
  'ML OP/s',
  'Generally available',
  'Available in China',
  'Available in China Notes',
];

type Column = keyof typeof HARDWARE_COLUMNS;

function addChip(b: DraftBuilder, r: RowReader<Column>, name: string, at: string): void {
  const vendor = r.text('manufacturer');
  const processNm = r.number('process');
  const chip = b.entity(
    'Chip',
    name,
    {
      vendor,
      releaseDate: r.date('releaseDate'),
      memoryGb: tidy(r.number('memory'), 1e9),
      memoryBandwidthTBs: tidy(r.number('bandwidth'), 1e12),
      bf16DenseTflops: tidy(r.number('bf16'), 1e12),
      interconnectBandwidthGBs: tidy(r.number('intranode'), 1e9),
      tdpWatts: r.number('tdp'),
      // Epoch's bit-OP/s divided by 1e12 is BIS's "total processing performance" (H100: 1.5832e16 → 15,832).
      tpp: tidy(r.number('tpp'), 1e12),
      processNm,
    },
    at,
  );
  if (vendor) b.relationship('DESIGNS', b.entity('Company', vendor, { roles: ['CHIP_DESIGNER'] }, at), chip, {}, at);
  for (const foundry of r.list('foundry')) {
    const processNode = processNm !== null ? `${processNm} nm` : null;
    b.relationship('MANUFACTURES', b.entity('Company', foundry, { roles: ['FOUNDRY'] }, at), chip, { processNode }, at);
  }
}

/** Epoch AI's ML Hardware table: chips with their specs and TPP, their designers and their foundries. */
export const parseEpochHardware = (table: CsvTable): Draft =>
  parseEpochTable(table, { source: EPOCH_HARDWARE_SOURCE, columns: HARDWARE_COLUMNS, ignored: IGNORED, nameColumn: 'name', noun: 'hardware', add: addChip });
