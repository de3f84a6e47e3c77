import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../../src/graph/ontology.js';
import { graphPerTest, type Rel } from './analysis-graph.js';
import { useTestServer } from './harness.js';
import { snapshot } from './write-helpers.js';

// Generous transaction timeout: the first run of each analysis query plans it, slow on a busy CI machine.
const server = useTestServer({ ANALYSIS_TX_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000' });
const graph = graphPerTest(() => server);

const ASOF = '2025-06-01';
const A090 = [{ tpp: 4800 }, { tpp: 1600, performanceDensity: 5.92 }];

interface Change {
  before: string;
  after: string;
  company: { id: string };
  route: { kind: string; classification: string; chip: { id: string }; dataCenter: { id: string } | null };
  reason: { rule: string; criterion: string | null; evidence: string[]; basis: string[]; remoteAccess: boolean };
}
interface Simulation {
  asOf: string;
  routesEvaluated: number;
  truncated: boolean;
  rule: { label: string; criteria: string[]; remoteAccess: boolean; chips: { id: string }[] };
  changes: Change[];
  losses: { company: { id: string }; chips: { id: string }[]; countries: { id: string }[]; routes: { after: string }[] }[];
  undecided: { company: { id: string }; route: { chip: { id: string } }; missing: string[] }[];
}

const ROUTE = 'kind classification chip { id } dataCenter { id }';
const SIMULATE = `query ($rule: RuleInput!, $asOf: Date) { simulateRule(rule: $rule, asOf: $asOf) {
  asOf routesEvaluated truncated
  rule { label criteria remoteAccess chips { id } }
  changes { before after company { id } route { ${ROUTE} } reason { rule criterion evidence basis remoteAccess } }
  losses { company { id } chips { id } countries { id } routes { after } }
  undecided { company { id } route { ${ROUTE} } missing }
} }`;

async function simulate(rule: Record<string, unknown>, asOf = ASOF): Promise<Simulation> {
  return (await server.data<{ simulateRule: Simulation }>(SIMULATE, { rule, asOf })).simulateRule;
}

/** A Chinese company operating a data center at home equipped with a test chip (its TPP set by the test; no designer recorded). */
const SMALL_CHIP_USER: [[string, EntityKind][], Rel[]] = [
  [
    ['co', 'Company'],
    ['dc', 'DataCenter'],
    ['chip', 'Chip'],
  ],
  [
    { type: 'HEADQUARTERED_IN', from: 'co', to: '@china' },
    { type: 'OPERATES', from: 'co', to: 'dc' },
    { type: 'LOCATED_IN', from: 'dc', to: '@china' },
    { type: 'EQUIPPED_WITH', from: 'dc', to: 'chip' },
  ],
];

/** Gives a synthetic chip a published TPP below every threshold in force (and a vendor no letter names). */
const withTpp = (chip: string, tpp: number): Promise<unknown> =>
  server.db.write((tx) => tx.run('MATCH (c:Entity:Chip {id: $id}) SET c.tpp = toFloat($tpp), c.vendor = "Test Devices"', { id: chip, tpp }));

const changesOf = (s: Simulation, company: string): Change[] => s.changes.filter((c) => c.company.id === company);

describe('simulateRule', () => {
  it("turns ByteDance's and Alibaba's Singapore and Malaysia routes restricted when remote access is covered for D:5, not DeepSeek's Ascend route", async () => {
    const s = await simulate({ label: 'cloud rule', criteria: A090, destinations: ['D:5'], remoteAccess: true });
    expect(s).toMatchObject({
      asOf: ASOF,
      truncated: false,
      rule: { label: 'cloud rule', criteria: ['TPP ≥ 4,800', 'TPP ≥ 1,600 and PD ≥ 5.92'], remoteAccess: true },
    });
    for (const company of ['bytedance', 'alibaba']) {
      const changed = changesOf(s, company);
      const places = changed.map((c) => c.route.dataCenter?.id).sort();
      expect(places, company).toEqual(['my-rented-gpu-capacity', 'my-rented-gpu-capacity', 'sg-rented-gpu-capacity', 'sg-rented-gpu-capacity']);
      for (const c of changed) {
        expect(c).toMatchObject({ before: 'RESTRICTED_OFFSHORE', after: 'RESTRICTED_REMOTE_ACCESS', route: { kind: 'RENTED_CAPACITY' } });
        expect(c.reason).toMatchObject({ rule: 'cloud rule', criterion: 'TPP ≥ 4,800', remoteAccess: true });
        expect(c.reason.evidence[0]).toMatch(/^TPP [\d,]+ ≥ 4,800$/);
        expect(c.reason.basis).toEqual(expect.arrayContaining(['CN ∈ D:5']));
      }
      const loss = s.losses.find((l) => l.company.id === company);
      expect(loss?.chips.map((c) => c.id).sort(), company).toEqual(['nvidia-b200', 'nvidia-h100']);
      expect(loss?.countries.map((c) => c.id).sort(), company).toEqual(['malaysia', 'singapore']);
    }
    // DeepSeek does reach the Ascend 910B at home that day (computeAccess), and the rule leaves that route alone.
    const access = await server.data<{ computeAccess: { routes: { chip: { id: string }; dataCenterCountry: { id: string } | null }[] } }>(
      'query ($asOf: Date) { computeAccess(company: "deepseek", asOf: $asOf) { routes { chip { id } dataCenterCountry { id } } } }',
      { asOf: ASOF },
    );
    expect(access.computeAccess.routes).toContainEqual({ chip: { id: 'huawei-ascend-910b' }, dataCenterCountry: { id: 'china' } });
    const deepseek = changesOf(s, 'deepseek');
    expect(deepseek.filter((c) => c.route.chip.id.startsWith('huawei-ascend'))).toEqual([]);
    expect(s.undecided.filter((u) => u.route.chip.id.startsWith('huawei-ascend'))).toEqual([]);
    expect(s.routesEvaluated).toBeGreaterThan(s.changes.length);
  });

  it('leaves the same routes offshore when the rule does not cover remote access: the loophole stays', async () => {
    const s = await simulate({ criteria: A090, destinations: ['D:5'] });
    expect(changesOf(s, 'bytedance')).toEqual([]);
    expect(changesOf(s, 'alibaba')).toEqual([]);
  });

  it('writes nothing: the routes it changes, their entities and the audit trail stay as they were', async () => {
    const id = await graph(SMALL_CHIP_USER[0], SMALL_CHIP_USER[1]);
    await withTpp(id('chip'), 1000);
    const scope = { prefix: id(''), ids: ['bytedance', 'sg-rented-gpu-capacity', 'my-rented-gpu-capacity'] };
    const before = await snapshot(server, scope);
    const s = await simulate({ criteria: [{ tpp: 800 }], destinations: ['D:5', 'MY', 'SG'], remoteAccess: true });
    expect(s.changes.some((c) => c.company.id === id('co'))).toBe(true);
    expect(await snapshot(server, scope)).toEqual(before);
  });

  it('catches a chip below the thresholds in force once a lower threshold is simulated, citing the criterion and its numbers', async () => {
    const id = await graph(SMALL_CHIP_USER[0], SMALL_CHIP_USER[1]);
    await withTpp(id('chip'), 1000);
    const mine = (s: Simulation): Change[] => s.changes.filter((c) => c.route.chip.id === id('chip'));
    expect(mine(await simulate({ criteria: A090, destinations: ['D:5'] }))).toEqual([]);
    const lower = await simulate({ criteria: [{ tpp: 800 }], destinations: ['CN'] });
    expect(mine(lower)).toEqual([
      {
        before: 'UNRESTRICTED',
        after: 'RESTRICTED_DOMESTIC',
        company: { id: id('co') },
        route: { kind: 'OWN_DATA_CENTER', classification: 'UNRESTRICTED', chip: { id: id('chip') }, dataCenter: { id: id('dc') } },
        reason: { rule: 'simulated rule', criterion: 'TPP ≥ 800', evidence: ['TPP 1,000 ≥ 800'], basis: ['CN named'], remoteAccess: false },
      },
    ]);
    expect(lower.losses.find((l) => l.company.id === id('co'))).toMatchObject({ chips: [{ id: id('chip') }], countries: [{ id: 'china' }] });
  });

  it('names a chip it cannot decide for want of an input, and changes nothing for it', async () => {
    const s = await simulate({ criteria: [{ tpp: 1600, performanceDensity: 5.92 }], destinations: ['D:5'] });
    const undecided = s.undecided.filter((u) => ['bytedance', 'alibaba'].includes(u.company.id));
    expect(undecided.length).toBeGreaterThan(0);
    for (const u of undecided) expect(u.missing).toEqual(['dieAreaMm2']);
    expect(changesOf(s, 'bytedance')).toEqual([]);
  });

  it('simulates a rule that names chips, and refuses one naming a chip the graph lacks, naming the field', async () => {
    const s = await simulate({ chips: ['nvidia-h100'], destinations: ['D:5'], remoteAccess: true });
    expect(s.rule.chips).toEqual([{ id: 'nvidia-h100' }]);
    expect(changesOf(s, 'bytedance').map((c) => c.reason.criterion)).toEqual(['named: nvidia-h100', 'named: nvidia-h100']);
    const res = await server.gql(SIMULATE, { rule: { chips: ['nvidia-h100', 'no-such-chip'], destinations: ['CN'] } });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'rule.chips[1]' });
  });

  it('refuses bad input with BAD_USER_INPUT naming the field, and no internals', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ criteria: [{ tpp: -5 }], destinations: ['CN'] }, 'rule.criteria[0].tpp'],
      [{ criteria: [{}], destinations: ['CN'] }, 'rule.criteria[0]'],
      [{ criteria: [{ tpp: 4800 }], destinations: ['China'] }, 'rule.destinations[0]'],
      [{ destinations: ['CN'] }, 'rule.criteria'],
    ];
    for (const [rule, field] of cases) {
      const res = await server.gql(SIMULATE, { rule });
      expect(res.data ?? null, field).toBeNull();
      expect(res.errors?.[0]?.extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message, field).toContain(field);
      expect(JSON.stringify(res.errors), field).not.toMatch(/zod|ZodError|at \w+ \(|MATCH/);
    }
  });
});
