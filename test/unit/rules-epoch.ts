import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/ingest/importers/csv-table.js';
import { readEpochChipSpecs, type EpochChipSpecs } from '../../src/ingest/importers/epoch-hardware-specs.js';
import type { ChipSpecs } from '../../src/rules/chip-specs.js';

/** The Epoch AI ML Hardware fixtures read as classifier inputs (Epoch AI, CC BY 4.0; see test/fixtures/epoch). */
export const EPOCH_FILES = ['ml_hardware_2025-12.csv', 'ml_hardware_2026-07.csv'] as const;

const cache = new Map<string, EpochChipSpecs[]>();

export function epochChips(file: (typeof EPOCH_FILES)[number]): EpochChipSpecs[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const content = readFileSync(new URL(`../fixtures/epoch/${file}`, import.meta.url), 'utf8');
  const { chips, issues } = readEpochChipSpecs(readCsv(content), file);
  if (issues.length) throw new Error(`${file}: ${issues.map((i) => i.message).join('; ')}`);
  cache.set(file, chips);
  return chips;
}

/** The row of the 2026-07 table with exactly this name, with extra facts the table lacks (each cited by the caller). */
export function epochChip(name: string, extra: Partial<ChipSpecs> = {}): ChipSpecs {
  const row = epochChips('ml_hardware_2026-07.csv').find((c) => c.specs.name === name);
  if (!row) throw new Error(`no Epoch row named ${name}`);
  return { ...row.specs, ...extra };
}
