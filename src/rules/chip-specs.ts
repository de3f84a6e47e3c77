import { formatNumber } from './format.js';

/**
 * What the classifier knows about an item, and the values it derives from it: TPP (BIS "total processing
 * performance") and PD (performance density = TPP / applicable die area), each with the inputs used.
 */

/** Dense (not sparse) peak throughput at one precision, in operations per second. */
export interface PrecisionThroughput {
  readonly precision: string;
  readonly bits: number;
  readonly opsPerSecond: number;
}

export interface ChipSpecs {
  readonly id?: string;
  readonly name: string;
  readonly vendor?: string | null;
  /** TPP as published (Epoch's bit-OP/s / 1e12, or the seed's `tpp`). */
  readonly tpp?: number | null;
  readonly bf16DenseTflops?: number | null;
  readonly throughput?: readonly PrecisionThroughput[];
  /** Applicable die area: logic dies on a non-planar process, mm². */
  readonly dieAreaMm2?: number | null;
  readonly interconnectBandwidthGBs?: number | null;
  /** Aggregate bidirectional I/O rate (the 2022 test); the interconnect bandwidth stands in when absent. */
  readonly ioBandwidthGBs?: number | null;
  readonly memoryBandwidthTBs?: number | null;
  /** For HBM items: GB/s per mm² of package or stack. */
  readonly memoryBandwidthDensity?: number | null;
  readonly designedForDatacenter?: boolean | null;
  /** Accelerators and other logic ICs are `IC` (the default); memory stacks are `HBM`. */
  readonly itemKind?: 'IC' | 'HBM';
  /** Where the specs come from, for the explanation ("seed", "Epoch ml_hardware_2026-07.csv row 12"). */
  readonly specSource?: string;
}

export interface DerivedInput {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
}

export interface DerivedValue {
  readonly value: number;
  /** The computation in words and numbers: "dense INT8 624 TOPS × 8 bits = 4,992". */
  readonly formula: string;
  readonly inputs: readonly DerivedInput[];
}

const fmt = formatNumber;

/** TPP: the published figure, else the best over precisions of dense throughput (in tera-ops) × bit length. */
export function deriveTpp(chip: ChipSpecs): DerivedValue | null {
  if (chip.tpp != null) return { value: chip.tpp, formula: `published TPP ${fmt(chip.tpp)}`, inputs: [{ name: 'tpp', value: chip.tpp, unit: 'TPP' }] };
  const candidates: PrecisionThroughput[] = [...(chip.throughput ?? [])];
  if (chip.bf16DenseTflops != null) candidates.push({ precision: 'dense BF16', bits: 16, opsPerSecond: chip.bf16DenseTflops * 1e12 });
  let best: { value: number; from: PrecisionThroughput } | null = null;
  for (const c of candidates) {
    const value = (c.opsPerSecond / 1e12) * c.bits;
    if (!best || value > best.value) best = { value, from: c };
  }
  if (!best) return null;
  const { from } = best;
  return {
    value: best.value,
    formula: `${from.precision} ${fmt(from.opsPerSecond / 1e12)} TOPS × ${from.bits} bits = ${fmt(best.value)} (best of ${candidates.length} precision${candidates.length === 1 ? '' : 's'})`,
    inputs: candidates.map((c) => ({ name: `${c.precision} (${c.bits}-bit)`, value: c.opsPerSecond / 1e12, unit: 'TOPS' })),
  };
}

/** PD = TPP / applicable die area (mm²). */
export function derivePerformanceDensity(tpp: DerivedValue | null, chip: ChipSpecs): DerivedValue | null {
  if (!tpp || chip.dieAreaMm2 == null || chip.dieAreaMm2 <= 0) return null;
  const value = tpp.value / chip.dieAreaMm2;
  return {
    value,
    formula: `TPP ${fmt(tpp.value)} / die area ${fmt(chip.dieAreaMm2)} mm² = ${fmt(value)}`,
    inputs: [
      { name: 'tpp', value: tpp.value, unit: 'TPP' },
      { name: 'dieAreaMm2', value: chip.dieAreaMm2, unit: 'mm²' },
    ],
  };
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** The specs of a seed or stored Chip entity (its kind's properties, as named in the ontology). */
export function chipSpecsFromEntity(entity: { readonly id: string; readonly name: string; readonly [key: string]: unknown }): ChipSpecs {
  return {
    id: entity.id,
    name: entity.name,
    vendor: typeof entity.vendor === 'string' ? entity.vendor : null,
    tpp: num(entity.tpp),
    bf16DenseTflops: num(entity.bf16DenseTflops),
    interconnectBandwidthGBs: num(entity.interconnectBandwidthGBs),
    memoryBandwidthTBs: num(entity.memoryBandwidthTBs),
    dieAreaMm2: num(entity.dieAreaMm2),
    designedForDatacenter: typeof entity.designedForDatacenter === 'boolean' ? entity.designedForDatacenter : null,
    specSource: `entity ${entity.id}`,
  };
}
