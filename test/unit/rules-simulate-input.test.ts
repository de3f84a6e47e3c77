import { describe, expect, it } from 'vitest';
import { AppError } from '../../src/errors.js';
import { createClassifier } from '../../src/rules/classify.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { SIMULATED_RULE, toSimulatedRule } from '../../src/rules/rule-input.js';
import { ruleSchema } from '../../src/rules/rule-schema.js';

const ASOF = '2025-06-01';
const A090 = [{ tpp: 4800 }, { tpp: 1600, performanceDensity: 5.92 }];
const ruleSet = loadRuleSet();

/** The field a refused input names, and its message. */
function refusal(input: unknown): { field: unknown; message: string } {
  try {
    toSimulatedRule(input, ASOF);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('BAD_USER_INPUT');
    return { field: (error as AppError).details.field, message: (error as AppError).message };
  }
  throw new Error('the input was accepted');
}

describe('converting a RuleInput to the rules-file format', () => {
  it('turns the 3A090.a thresholds for D:5 with remote access into a rule the rules-file schema accepts', () => {
    const s = toSimulatedRule({ criteria: A090, destinations: ['D:5', 'MO'], remoteAccess: true }, ASOF);
    expect(ruleSchema.parse(s.rule)).toEqual(s.rule);
    expect(s.rule).toMatchObject({
      kind: 'ITEM_CONTROL',
      effectiveDate: ASOF,
      destinations: { include: { groups: ['D:5'], countries: ['MO'] } },
      scope: { remoteAccess: 'COVERED' },
    });
    const control = s.rule.controls[0]!;
    expect(control.anyOf!.map((c) => c.allOf)).toEqual([
      [{ parameter: 'tpp', op: '>=', value: 4800 }],
      [
        { parameter: 'tpp', op: '>=', value: 1600 },
        { parameter: 'performanceDensity', op: '>=', value: 5.92 },
      ],
    ]);
    expect(s.criteria).toEqual(['TPP ≥ 4,800', 'TPP ≥ 1,600 and PD ≥ 5.92']);
    expect(s.remoteAccess).toBe(true);
  });

  it('leaves remote access uncovered when the input does not ask for it, like every rule in force', () => {
    const s = toSimulatedRule({ criteria: [{ tpp: 4800 }], destinations: ['CN'] }, ASOF);
    expect(s.rule.scope.remoteAccess).toBe('NOT_COVERED');
    expect(s.label).toBe('simulated rule');
  });

  it('upper-cases places and splits them into country groups and ISO codes, with the exceptions apart', () => {
    const s = toSimulatedRule({ criteria: [{ tpp: 1 }], destinations: [' d:1', 'cn', 'D:1'], exceptDestinations: ['a:6', 'il'] }, ASOF);
    expect(s.destinations).toEqual(['D:1', 'CN', 'D:1']);
    expect(s.rule.destinations).toMatchObject({ include: { groups: ['D:1'], countries: ['CN'] }, exclude: { groups: ['A:6'], countries: ['IL'] } });
  });

  it('makes the chips named a criterion of their own, met whatever their specifications', () => {
    const s = toSimulatedRule({ chips: ['nvidia-h20', 'nvidia-h20'], destinations: ['CN'] }, ASOF);
    expect(s.chips).toEqual(['nvidia-h20']);
    expect(s.criteria).toEqual(['named: nvidia-h20']);
    const c = createClassifier({ rules: { rules: { [SIMULATED_RULE]: s.rule } }, groups: ruleSet.groups }).classify(
      { id: 'nvidia-h20', name: 'H20' },
      ASOF,
      'CN',
    );
    expect(c.licence).toBe('REQUIRED');
    expect(c.met[0]).toMatchObject({ criterion: 'named: nvidia-h20', evidence: ['named: H20'] });
  });

  it('is classified exactly like the October 2023 rule it copies: the same criterion met, with the same numbers', () => {
    const s = toSimulatedRule({ criteria: A090, destinations: ['D:1', 'D:4', 'D:5', 'MO'], exceptDestinations: ['A:5', 'A:6'] }, ASOF);
    const simulated = createClassifier({ rules: { rules: { [SIMULATED_RULE]: s.rule } }, groups: ruleSet.groups });
    const real = createClassifier(ruleSet);
    for (const [chip, destination] of [
      [{ id: 'h100', name: 'H100', tpp: 15_832, designedForDatacenter: true }, 'CN'],
      [{ id: 'x', name: 'Test part', tpp: 2_000, dieAreaMm2: 300, designedForDatacenter: true }, 'MO'],
      [{ id: 'y', name: 'Small part', tpp: 1_000, designedForDatacenter: true }, 'CN'],
      [{ id: 'h100', name: 'H100', tpp: 15_832, designedForDatacenter: true }, 'IL'],
    ] as const) {
      const mine = simulated.classify(chip, ASOF, destination);
      const theirs = real.classify(chip, ASOF, destination).rules.find((r) => r.rule === 'bis-2023-10-17-ac-s-ifr')!;
      const a = theirs.controls.find((c) => c.paragraph === '3A090.a')!;
      expect(mine.rules[0]!.controls[0]!.status, `${chip.name} → ${destination}`).toBe(a.status);
      expect(mine.rules[0]!.controls[0]!.evidence).toEqual(a.evidence);
      expect(mine.licence === 'REQUIRED', `${chip.name} → ${destination}`).toBe(theirs.licence === 'REQUIRED');
    }
  });

  it('names the criterion that sets no threshold', () => {
    expect(refusal({ criteria: [{ tpp: 4800 }, {}], destinations: ['CN'] })).toMatchObject({
      field: 'rule.criteria[1]',
      message: expect.stringMatching(/sets no threshold/),
    });
  });

  it('names a threshold that is not above zero', () => {
    expect(refusal({ criteria: [{ tpp: -1 }], destinations: ['CN'] }).field).toBe('rule.criteria[0].tpp');
    expect(refusal({ criteria: [{ performanceDensity: 0 }], destinations: ['CN'] }).field).toBe('rule.criteria[0].performanceDensity');
  });

  it('names a destination that is neither an ISO code nor a country group', () => {
    const r = refusal({ criteria: [{ tpp: 4800 }], destinations: ['CN', 'D:9'] });
    expect(r).toMatchObject({ field: 'rule.destinations[1]', message: expect.stringMatching(/ISO 3166-1 alpha-2 code/) });
    expect(refusal({ criteria: [{ tpp: 4800 }], destinations: ['CN'], exceptDestinations: ['Israel'] }).field).toBe('rule.exceptDestinations[0]');
  });

  it('refuses a rule with no destination, and one that names no chip and sets no threshold', () => {
    expect(refusal({ criteria: [{ tpp: 4800 }], destinations: [] }).field).toBe('rule.destinations');
    expect(refusal({ destinations: ['CN'] })).toMatchObject({ field: 'rule.criteria', message: expect.stringMatching(/would cover nothing/) });
  });

  it('refuses a chip id that is not an id, and an empty label', () => {
    expect(refusal({ chips: ['Nvidia H100'], destinations: ['CN'] }).field).toBe('rule.chips[0]');
    expect(refusal({ label: '  ', chips: ['nvidia-h100'], destinations: ['CN'] }).field).toBe('rule.label');
  });
});
