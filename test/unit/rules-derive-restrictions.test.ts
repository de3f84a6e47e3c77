import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { readCsv } from '../../src/ingest/importers/csv-table.js';
import { parseEpochHardware } from '../../src/ingest/importers/epoch-hardware.js';
import { deriveTpp } from '../../src/rules/chip-specs.js';
import { createClassifier, inForce } from '../../src/rules/classify.js';
import { deriveRestrictions, endOfRule, undeterminedFor, type ChipUnderRules } from '../../src/rules/derive-restrictions.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { EPOCH_FILES, epochChip, epochChips } from './rules-epoch.js';

/**
 * The restrictions the store materialises, on the known cases (Epoch AI rows; facts the table lacks cited as in
 * rules-classify-known.test.ts) and on every row of each Epoch hardware file.
 */
const ruleSet = loadRuleSet();
const classifier = createClassifier(ruleSet);
const chip = (name: string, extra: Partial<ChipUnderRules> = {}): ChipUnderRules => ({ ...epochChip(name), id: name, ...extra });
const byRule = (c: ChipUnderRules) => Object.fromEntries(deriveRestrictions(c, ruleSet).map((d) => [d.rule, d]));

describe('deriving restrictions for the known cases', () => {
  it('H100: the 2022 rule until 17 November 2023, then 3A090.a.1 with its numbers, from the later of rule and release', () => {
    const d = byRule(chip('NVIDIA H100 SXM5 80GB', { designedForDatacenter: true, releaseDate: '2022-09-20' }));
    expect(d['bis-2022-10-07-ac-s-ifr']).toMatchObject({ paragraph: '3A090.a', validFrom: '2022-10-07', validTo: '2023-11-17' });
    expect(d['bis-2023-10-17-ac-s-ifr']).toMatchObject({
      criterion: '3A090.a.1: TPP ≥ 4,800',
      evidence: ['TPP 15,832 ≥ 4,800'],
      validFrom: '2023-11-17',
      validTo: null,
    });
    expect(d['nvidia-2022-08-is-informed-letter']).toMatchObject({ validFrom: '2022-09-20', validTo: '2022-10-07', confidence: 'high' });
  });

  it('H800 and A800: nothing under 2022 at 400 GB/s, 3A090.a from November 2023', () => {
    for (const name of ['NVIDIA H800 SXM5', 'NVIDIA A800 SXM']) {
      const d = byRule(chip(name, { interconnectBandwidthGBs: 400, designedForDatacenter: true }));
      expect(Object.keys(d).sort(), name).toEqual(['bis-2023-10-17-ac-s-ifr']);
    }
  });

  it('A100: the 2022 rule, Macau from January 2023 and 3A090.a.1 from November 2023', () => {
    const d = byRule(chip('NVIDIA A100 SXM4 80 GB', { designedForDatacenter: true }));
    expect(Object.keys(d)).toEqual(expect.arrayContaining(['bis-2022-10-07-ac-s-ifr', 'bis-2023-01-17-macau-ifr', 'bis-2023-10-17-ac-s-ifr']));
    expect(d['bis-2023-01-17-macau-ifr']).toMatchObject({ validFrom: '2023-01-17', validTo: '2023-11-17' });
  });

  it('H20: only the April 2025 letter, by name; the letters\u2019 low-confidence prongs derive nothing for the H100', () => {
    const h20 = byRule(chip('NVIDIA HGX H20', { designedForDatacenter: true, dieAreaMm2: 814 }));
    expect(Object.keys(h20)).toEqual(['usg-2025-04-h20-license-requirement']);
    expect(h20['usg-2025-04-h20-license-requirement']).toMatchObject({ paragraph: null, validFrom: '2025-04-09', evidence: ['named: NVIDIA HGX H20'] });
    expect(byRule(chip('NVIDIA H100 SXM5 80GB'))['usg-2025-04-h20-license-requirement']).toBeUndefined();
  });

  it('V100: below the thresholds, so no derived restriction and nothing undetermined for China', () => {
    const v100 = chip('NVIDIA V100', { designedForDatacenter: true });
    expect(deriveRestrictions(v100, ruleSet)).toEqual([]);
    expect(undeterminedFor(v100, '2024-06-01', 'CN', classifier)).toEqual([]);
  });

  it('MI250X (AMD) and Gaudi 2 (Intel): 3A090.a.1 from November 2023', () => {
    expect(byRule(chip('AMD Radeon Instinct MI250X'))['bis-2023-10-17-ac-s-ifr']!.evidence).toEqual(['TPP 6,128 ≥ 4,800']);
    expect(byRule(chip('Intel Habana Gaudi2'))['bis-2023-10-17-ac-s-ifr']!.evidence).toEqual(['TPP 7,200 ≥ 4,800']);
  });

  it('Ascend 910B (Huawei): a Chinese chip gets no derived restriction and no undetermined rule', () => {
    const ascend = chip('Huawei Ascend 910B', { designerHomes: ['CN'] });
    expect(deriveRestrictions(ascend, ruleSet)).toEqual([]);
    expect(undeterminedFor(ascend, '2025-06-01', 'CN', classifier)).toEqual([]);
    expect(byRule({ ...ascend, designerHomes: [] })['bis-2023-10-17-ac-s-ifr']).toBeDefined();
  });

  it('a chip without a die area is undetermined under the October 2023 rule for China, naming dieAreaMm2', () => {
    const h20 = chip('NVIDIA HGX H20');
    expect(undeterminedFor(h20, '2024-06-01', 'CN', classifier)).toEqual([
      { rule: 'bis-2023-10-17-ac-s-ifr', missing: ['dieAreaMm2', 'designedForDatacenter'] },
    ]);
    expect(undeterminedFor(h20, '2024-06-01', 'US', classifier)).toEqual([]);
  });
});

const DAYS = ['2023-06-01', '2024-06-01', '2025-06-01'];
/** Rules never binding (the AI Diffusion Rule: compliance due after its rescission) derive no restriction. */
const binds = (rule: (typeof ruleSet.rules.rules)[string]): boolean => {
  const end = endOfRule(rule);
  return !(rule.complianceDate && end && rule.complianceDate >= end);
};
const CHIP_RULES = Object.entries(ruleSet.rules.rules).filter(([, r]) => r.controls.some((c) => c.appliesTo === 'IC') && !r.exportFrom);

describe.each(EPOCH_FILES)('every row of %s', (file) => {
  it('has, per rule and day, a derived restriction, a verdict that it is not met, or UNKNOWN naming the missing input', () => {
    const problems: string[] = [];
    for (const { row, specs } of epochChips(file)) {
      const c: ChipUnderRules = { ...specs, id: `row-${row}` };
      const derived = deriveRestrictions(c, ruleSet);
      for (const day of DAYS) {
        const outcomes = classifier.classify(c, day, 'CN').rules;
        for (const [id, rule] of CHIP_RULES.filter(([, r]) => inForce(r, day))) {
          const controls = outcomes.find((o) => o.rule === id)?.controls.filter((x) => x.status !== 'NOT_APPLICABLE') ?? [];
          const at = `${specs.name} (row ${row}) ${id} on ${day}`;
          if (!controls.length) problems.push(`${at}: no outcome`);
          for (const x of controls.filter((x) => x.status === 'UNKNOWN' && !x.missing.length)) problems.push(`${at}: ${x.label} UNKNOWN without input`);
          const met = controls.find((x) => x.status === 'MET' && x.confidence !== 'low');
          const has = derived.some((d) => d.rule === id && d.validFrom <= day && (!d.validTo || day < d.validTo));
          if (met && binds(rule) && !has) problems.push(`${at}: met but not derived`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('imports each row with the TPP the classifier derives, with or without the TPP column', () => {
    const content = readFileSync(new URL(`../fixtures/epoch/${file}`, import.meta.url), 'utf8');
    const table = readCsv(content);
    const TPP = 'Total processing performance (bit-OP/s)';
    const noTpp = {
      header: table.header.filter((h) => h !== TPP),
      rows: table.rows.map((r) => ({ ...r, cells: new Map([...r.cells].filter(([h]) => h !== TPP)) })),
    };
    const stored = new Map(
      parseEpochHardware(noTpp)
        .entities.filter((e) => e.kind === 'Chip')
        .map((e) => [e.name, e.props.tpp]),
    );
    for (const { specs } of epochChips(file)) {
      const derived = deriveTpp({ ...specs, tpp: null });
      expect(stored.get(specs.name) ?? null, specs.name).toBe(derived ? Math.round(derived.value * 10) / 10 : null);
    }
  });
});
