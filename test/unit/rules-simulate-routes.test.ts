import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../src/rules/load-rules.js';
import { toSimulatedRule, type RuleInputModel } from '../../src/rules/rule-input.js';
import { createRouteSimulator, type RouteFacts } from '../../src/rules/simulate.js';

const ASOF = '2025-06-01';
const { groups } = loadRuleSet();
const A090 = [{ tpp: 4800 }, { tpp: 1600, performanceDensity: 5.92 }];
const H100 = { id: 'nvidia-h100', name: 'H100', tpp: 15_832 };
const ASCEND = { id: 'huawei-ascend-910b', name: 'Ascend 910B', tpp: 6_016 };

const verdictOf = (input: RuleInputModel, route: Partial<RouteFacts>) =>
  createRouteSimulator(toSimulatedRule(input, ASOF), groups, ASOF).verdict({
    chip: H100,
    home: 'CN',
    place: 'MY',
    designers: ['US'],
    company: 'ByteDance',
    ...route,
  });

describe('a hypothetical rule applied to one route', () => {
  it('reaches a Chinese company renting H100s in Malaysia only through its remote-access clause', () => {
    const v = verdictOf({ criteria: A090, destinations: ['D:5'], remoteAccess: true }, {});
    expect(v).toMatchObject({ effect: 'REMOTE_ACCESS', reason: { criterion: 'TPP ≥ 4,800', evidence: ['TPP 15,832 ≥ 4,800'], remoteAccess: true } });
    if (v.effect !== 'REMOTE_ACCESS') return;
    expect(v.reason.basis).toEqual(expect.arrayContaining(['CN ∈ D:5', expect.stringMatching(/^remote access: ByteDance is headquartered in CN/)]));
  });

  it('leaves the same route offshore when the rule does not cover remote access: the loophole stays open', () => {
    expect(verdictOf({ criteria: A090, destinations: ['D:5'] }, {}).effect).toBe('OFFSHORE');
  });

  it('calls the route domestic when the rule also covers the country of the data center', () => {
    expect(verdictOf({ criteria: A090, destinations: ['D:5', 'MY'], remoteAccess: true }, {}).effect).toBe('DOMESTIC');
  });

  it('calls a route at home, or at an unknown place, domestic', () => {
    expect(verdictOf({ criteria: A090, destinations: ['D:5'] }, { place: 'CN' }).effect).toBe('DOMESTIC');
    expect(verdictOf({ criteria: A090, destinations: ['D:5'] }, { place: null }).effect).toBe('DOMESTIC');
    expect(verdictOf({ criteria: A090, destinations: ['D:5'] }, { home: 'HK', place: 'CN' }).effect).toBe('DOMESTIC');
  });

  it('does not reach a Chinese chip used in China: no export takes place', () => {
    const v = verdictOf({ criteria: A090, destinations: ['D:5'], remoteAccess: true }, { chip: ASCEND, place: 'CN', designers: ['CN', 'CN'] });
    expect(v).toEqual({ effect: 'NONE', why: 'no export: designed and used in CN' });
    expect(verdictOf({ criteria: A090, destinations: ['D:5'] }, { chip: ASCEND, place: null, designers: ['CN'] }).effect).toBe('NONE');
  });

  it('still reaches a Chinese chip used abroad, or one whose designer has no recorded home', () => {
    expect(verdictOf({ criteria: A090, destinations: ['D:5'], remoteAccess: true }, { chip: ASCEND, designers: ['CN'] }).effect).toBe('REMOTE_ACCESS');
    expect(verdictOf({ criteria: A090, destinations: ['D:5'] }, { chip: ASCEND, place: 'CN', designers: ['CN', ''] }).effect).toBe('DOMESTIC');
  });

  it('does not touch a company whose home the rule does not cover, or whose home is unknown', () => {
    expect(verdictOf({ criteria: A090, destinations: ['D:5'], remoteAccess: true }, { home: 'SG' }).effect).toBe('NONE');
    expect(verdictOf({ criteria: A090, destinations: ['D:5'], remoteAccess: true }, { home: null }).effect).toBe('NONE');
  });

  it('leaves a chip the rule cannot decide undecided, naming the missing input, rather than unrestricted', () => {
    const v = verdictOf({ criteria: [{ tpp: 1600, performanceDensity: 5.92 }], destinations: ['CN'] }, { chip: { id: 'x', name: 'X', tpp: 2000 } });
    expect(v).toEqual({ effect: 'UNKNOWN', missing: ['dieAreaMm2'] });
  });

  it('does not reach a chip below every threshold', () => {
    expect(verdictOf({ criteria: A090, destinations: ['CN'] }, { chip: { id: 'x', name: 'X', tpp: 1000 } }).effect).toBe('NONE');
  });
});
