import { describe, expect, it } from 'vitest';
import { deriveTpp, derivePerformanceDensity, chipSpecsFromEntity } from '../../src/rules/chip-specs.js';
import { EPOCH_FILES, epochChip, epochChips } from './rules-epoch.js';

describe('deriving TPP and performance density', () => {
  it('uses the published TPP when there is one, and says so', () => {
    const tpp = deriveTpp({ name: 'x', tpp: 15832, bf16DenseTflops: 1 });
    expect(tpp).toMatchObject({ value: 15832, formula: 'published TPP 15,832' });
  });

  it('derives TPP as the best over precisions of dense throughput × bit length, naming the inputs', () => {
    // Epoch's A100 SXM4 80 GB row: dense INT8 624 TOPS and Tensor-FP16 312 TFLOP/s both give 4,992.
    const a100 = epochChip('NVIDIA A100 SXM4 80 GB', { tpp: null });
    const tpp = deriveTpp(a100)!;
    expect(tpp.value).toBeCloseTo(4992, 6);
    expect(tpp.formula).toMatch(/× (8|16) bits = 4,992/);
    expect(tpp.inputs.map((i) => i.name)).toEqual(expect.arrayContaining(['dense INT8 (8-bit)', 'dense Tensor-FP16/BF16 (16-bit)']));
  });

  it("derives TPP from the seed entity's BF16 throughput when it has no TPP", () => {
    const tpp = deriveTpp(chipSpecsFromEntity({ id: 'c', name: 'c', bf16DenseTflops: 148 }))!;
    expect(tpp.value).toBe(2368);
    expect(tpp.formula).toBe('dense BF16 148 TOPS × 16 bits = 2,368 (best of 1 precision)');
  });

  it('gives no TPP when there is neither a TPP nor any throughput', () => {
    expect(deriveTpp({ name: 'x' })).toBeNull();
  });

  it('divides TPP by the die area for PD, and gives none without a die area', () => {
    const h100 = epochChip('NVIDIA H100 SXM5 80GB');
    const pd = derivePerformanceDensity(deriveTpp(h100), h100)!;
    expect(pd.value).toBeCloseTo(15832 / 814, 6);
    expect(pd.formula).toBe('TPP 15,832 / die area 814 mm² = 19.45');
    expect(derivePerformanceDensity(deriveTpp(h100), { ...h100, dieAreaMm2: null })).toBeNull();
  });

  it.each(EPOCH_FILES)("agrees within one percent with Epoch's own TPP on at least 95 in 100 of the rows of %s that give both", (file) => {
    const rows = epochChips(file).filter((c) => c.specs.tpp != null && (c.specs.throughput ?? []).length > 0);
    const close = rows.filter((c) => {
      const derived = deriveTpp({ ...c.specs, tpp: null })!.value;
      return Math.abs(derived - c.specs.tpp!) / c.specs.tpp! < 0.01;
    });
    expect(rows.length).toBeGreaterThan(150);
    expect(close.length / rows.length).toBeGreaterThanOrEqual(0.95);
  });
});
