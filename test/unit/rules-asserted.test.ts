import { describe, expect, it } from 'vitest';
import { readSeedGraph } from '../../src/ingest/seed.js';
import { checkRestrictsEdges, derivedWithoutEdge } from '../../src/rules/asserted-vs-derived.js';
import { createClassifier } from '../../src/rules/classify.js';
import { loadRuleSet } from '../../src/rules/load-rules.js';

const graph = readSeedGraph();
const ruleSet = loadRuleSet();
const classifier = createClassifier(ruleSet);
const checks = checkRestrictsEdges(graph, ruleSet, classifier);
const check = (rule: string, chip: string) => checks.find((c) => c.rule === rule && c.chip === chip)!;

describe('the seed RESTRICTS edges against the derivation', () => {
  it('gives every RESTRICTS edge of the seed a verdict', () => {
    expect(checks).toHaveLength(graph.relationships.filter((r) => r.type === 'RESTRICTS').length);
    expect(checks.every((c) => ['AGREES', 'DISAGREES', 'UNDECIDED', 'NOT_EVALUABLE'].includes(c.verdict))).toBe(true);
  });

  it('agrees with the October 2023 edges to the A800 and H800 from their TPP alone', () => {
    expect(check('bis-2023-10-17-ac-s-ifr', 'nvidia-a800')).toMatchObject({
      verdict: 'AGREES',
      day: '2023-11-17',
      detail: ['3A090.a: 3A090.a.1: TPP ≥ 4,800', 'TPP 4,988.8 ≥ 4,800'],
    });
    expect(check('bis-2023-10-17-ac-s-ifr', 'nvidia-h800').verdict).toBe('AGREES');
  });

  it('agrees with the named-chip letters, and notes that the 2022 edges outlive the 2022 criteria', () => {
    expect(check('usg-2025-04-h20-license-requirement', 'nvidia-h20').verdict).toBe('AGREES');
    expect(check('usg-2025-04-amd-mi308-license-requirement', 'amd-mi308x').verdict).toBe('AGREES');
    expect(check('bis-2022-10-07-ac-s-ifr', 'nvidia-a100').dateNotes).toEqual([
      "edge ends never, the rule's criteria end 2023-11-17 (superseded by bis-2023-10-17-ac-s-ifr)",
    ]);
  });

  it("cannot decide the Malaysian permit edges, as the Directive's chip list is not recorded", () => {
    const malaysia = checks.filter((c) => c.rule === 'malaysia-2025-07-14-strategic-trade-permit');
    expect(malaysia.length).toBe(4);
    for (const m of malaysia) expect(m).toMatchObject({ verdict: 'UNDECIDED', missing: ['chip list of Directive No. 1/2025'] });
  });

  it('derives restrictions no edge asserts, such as the Ascend 910B meeting 3A090.a, and says what it cannot decide', () => {
    const extra = derivedWithoutEdge(graph, ruleSet, classifier);
    expect(extra).toContainEqual(
      expect.objectContaining({ rule: 'bis-2023-10-17-ac-s-ifr', chip: 'huawei-ascend-910b', status: 'MET', evidence: ['TPP 6,016 ≥ 4,800'] }),
    );
    expect(extra).toContainEqual(
      expect.objectContaining({ rule: 'bis-2023-10-17-ac-s-ifr', chip: 'nvidia-h20', status: 'UNKNOWN', missing: ['dieAreaMm2', 'designedForDatacenter'] }),
    );
  });
});
