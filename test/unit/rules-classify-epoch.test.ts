import { describe, expect, it } from 'vitest';
import { deriveTpp } from '../../src/rules/chip-specs.js';
import { createClassifier } from '../../src/rules/classify.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { EPOCH_FILES, epochChips } from './rules-epoch.js';

const { classify } = createClassifier(loadRuleSet());
/** A day under each regime: the 2022 rule, the October 2023 rule, the H20/MI308 letters and GP10 guidance. */
const DAYS = ['2023-06-01', '2024-06-01', '2025-06-01'];
const DESTINATIONS = ['CN', 'SG', 'SA'];
const KNOWN_INPUTS =
  /^(tpp \(or dense throughput per precision\)|dieAreaMm2|designedForDatacenter|ioBandwidthGBs \(or interconnectBandwidthGBs\)|interconnectBandwidthGBs|memoryBandwidthTBs|vendor)$/;

describe.each(EPOCH_FILES)('classifying every row of %s', (file) => {
  const rows = epochChips(file);

  it('reads every row', () => {
    expect(rows.length).toBeGreaterThanOrEqual(170);
  });

  it('gives each row, day and destination a licence verdict, and names the missing inputs of every UNKNOWN', () => {
    const problems: string[] = [];
    const verdicts = new Map<string, number>();
    for (const { row, specs } of rows) {
      for (const day of DAYS) {
        for (const dest of DESTINATIONS) {
          const c = classify(specs, day, dest);
          const at = `${specs.name} (row ${row}) on ${day} to ${dest}`;
          verdicts.set(c.licence, (verdicts.get(c.licence) ?? 0) + 1);
          if (!['REQUIRED', 'EXCEPTION_ELIGIBLE', 'NOT_REQUIRED', 'UNKNOWN'].includes(c.licence)) problems.push(`${at}: ${c.licence}`);
          if (c.licence === 'UNKNOWN' && !c.missing.length) problems.push(`${at}: UNKNOWN without a missing input`);
          for (const u of c.unknown) {
            if (!u.missing.length) problems.push(`${at}: ${u.label} UNKNOWN without a missing input`);
            for (const m of u.missing.filter((x) => !KNOWN_INPUTS.test(x))) problems.push(`${at}: unexpected missing input ${m}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
    expect(verdicts.get('REQUIRED')).toBeGreaterThan(100);
    expect(verdicts.get('NOT_REQUIRED')).toBeGreaterThan(100);
  }, 60_000);

  it('never reads a row whose TPP cannot be derived as needing no licence for China under the October 2023 rule', () => {
    for (const { specs } of rows.filter((r) => deriveTpp(r.specs) === null)) {
      const c = classify(specs, '2024-06-01', 'CN');
      expect(c.licence, specs.name).toBe('UNKNOWN');
      expect(c.missing, specs.name).toContain('tpp (or dense throughput per precision)');
    }
  });

  it('requires a licence for China from November 2023 for every row whose TPP is 4,800 or more and is a datacenter part', () => {
    const big = rows.filter((r) => (deriveTpp(r.specs)?.value ?? 0) >= 4800);
    expect(big.length).toBeGreaterThan(30);
    for (const { specs } of big) {
      const c = classify({ ...specs, designedForDatacenter: true }, '2024-06-01', 'CN');
      expect(c.licence, specs.name).toBe('REQUIRED');
      expect(c.met.find((m) => m.rule === 'bis-2023-10-17-ac-s-ifr')?.criterion, specs.name).toBe('3A090.a.1: TPP ≥ 4,800');
    }
  });
});
