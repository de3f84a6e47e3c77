import { describe, expect, it } from 'vitest';
import type { EntityKind } from '../../src/graph/ontology.js';
import { graphPerTest, type Rel } from './analysis-graph.js';
import { useTestServer } from './harness.js';

// Generous transaction timeout: the first run of each analysis query plans it, slow on a busy CI machine.
const server = useTestServer({ ANALYSIS_TX_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000' });

const graph = graphPerTest(() => server);

interface Route {
  kind: string;
  classification: string;
  confidence: string;
  chip: { id: string };
  dataCenter: { id: string } | null;
  restrictedForHome: boolean;
  sources: { id: string }[];
}
const ACCESS = `query ($co: ID!, $asOf: Date) { computeAccess(company: $co, asOf: $asOf) {
  homeCountry { id } routes { kind classification confidence restrictedForHome chip { id } dataCenter { id } sources { id } } } }`;
const routesOf = async (co: string, asOf: string): Promise<Route[]> =>
  (await server.data<{ computeAccess: { routes: Route[] } }>(ACCESS, { co, asOf })).computeAccess.routes;
const byDataCenter = (routes: Route[], dc: string | null): Route | undefined => routes.find((r) => (r.dataCenter?.id ?? null) === dc);

/** A Chinese company reaching the seed graph's H20 at home, offshore, and through a model trained on it. */
const H20_USER: [[string, EntityKind][], Rel[]] = [
  [
    ['co', 'Company'],
    ['home-dc', 'DataCenter'],
    ['away-dc', 'DataCenter'],
    ['away', 'Country'],
    ['model', 'Model'],
  ],
  [
    { type: 'HEADQUARTERED_IN', from: 'co', to: '@china' },
    { type: 'OPERATES', from: 'co', to: 'home-dc' },
    { type: 'LOCATED_IN', from: 'home-dc', to: '@china' },
    { type: 'EQUIPPED_WITH', from: 'home-dc', to: '@nvidia-h20' },
    { type: 'RENTS_CAPACITY_AT', from: 'co', to: 'away-dc', confidence: 'medium' },
    { type: 'LOCATED_IN', from: 'away-dc', to: 'away' },
    { type: 'EQUIPPED_WITH', from: 'away-dc', to: '@nvidia-h20' },
    { type: 'DEVELOPS', from: 'co', to: 'model' },
    { type: 'TRAINED_ON', from: 'model', to: '@nvidia-h20' },
  ],
];

describe('computeAccess on synthetic companies', () => {
  it('classifies every H20 route as UNRESTRICTED on 2025-01-01, before the April 2025 rule', async () => {
    const id = await graph(...H20_USER);
    const routes = await routesOf(id('co'), '2025-01-01');
    expect(routes).toHaveLength(3);
    expect(new Set(routes.map((r) => r.classification))).toEqual(new Set(['UNRESTRICTED']));
  });

  it('classifies the H20 at home and through training as RESTRICTED_DOMESTIC, and abroad as RESTRICTED_OFFSHORE, from April 2025', async () => {
    const id = await graph(...H20_USER);
    const routes = await routesOf(id('co'), '2025-06-01');
    expect(byDataCenter(routes, id('home-dc'))).toMatchObject({ kind: 'OWN_DATA_CENTER', classification: 'RESTRICTED_DOMESTIC', restrictedForHome: true });
    expect(byDataCenter(routes, id('away-dc'))).toMatchObject({ kind: 'RENTED_CAPACITY', classification: 'RESTRICTED_OFFSHORE', confidence: 'MEDIUM' });
    expect(byDataCenter(routes, null)).toMatchObject({ kind: 'TRAINING_HARDWARE', classification: 'RESTRICTED_DOMESTIC' });
    expect(byDataCenter(routes, id('away-dc'))!.sources).toEqual([{ id: id('src') }]);
  });

  it('reaches compute through partners, subsidiaries and a model trained at a known site', async () => {
    const id = await graph(
      [
        ['co', 'Company'],
        ['partner', 'Company'],
        ['sub', 'Company'],
        ['p-dc', 'DataCenter'],
        ['s-dc', 'DataCenter'],
        ['chip', 'Chip'],
        ['model', 'Model'],
      ],
      [
        { type: 'PARTNERS_WITH', from: 'partner', to: 'co' },
        { type: 'OPERATES', from: 'partner', to: 'p-dc' },
        { type: 'EQUIPPED_WITH', from: 'p-dc', to: 'chip' },
        { type: 'SUBSIDIARY_OF', from: 'sub', to: 'co' },
        { type: 'OPERATES', from: 'sub', to: 's-dc' },
        { type: 'EQUIPPED_WITH', from: 's-dc', to: 'chip', confidence: 'low' },
        { type: 'DEVELOPS', from: 'co', to: 'model' },
        { type: 'TRAINED_ON', from: 'model', to: 'chip' },
        { type: 'TRAINED_AT', from: 'model', to: 's-dc' },
      ],
    );
    const routes = await routesOf(id('co'), '2025-06-01');
    expect(routes.map((r) => [r.kind, r.dataCenter?.id, r.classification, r.confidence]).sort()).toEqual([
      ['PARTNER_INFRASTRUCTURE', id('p-dc'), 'UNRESTRICTED', 'HIGH'],
      ['SUBSIDIARY_DATA_CENTER', id('s-dc'), 'UNRESTRICTED', 'LOW'],
      ['TRAINING_HARDWARE', id('s-dc'), 'UNRESTRICTED', 'HIGH'],
    ]);
  });
});

describe('exposure and whoUses on synthetic rules', () => {
  const RULE: [[string, EntityKind][], Rel[]] = [
    [
      ['rule', 'Regulation'],
      ['home', 'Country'],
      ['away', 'Country'],
      ['chip', 'Chip'],
      ['co', 'Company'],
      ['dc', 'DataCenter'],
    ],
    [
      { type: 'RESTRICTS', from: 'rule', to: 'chip' },
      { type: 'APPLIES_TO', from: 'rule', to: 'home' },
      { type: 'HEADQUARTERED_IN', from: 'co', to: 'home' },
      { type: 'RENTS_CAPACITY_AT', from: 'co', to: 'dc' },
      { type: 'LOCATED_IN', from: 'dc', to: 'away' },
      { type: 'EQUIPPED_WITH', from: 'dc', to: 'chip', validFrom: '2024-01-01' },
    ],
  ];
  const EXPOSURE = `query ($rule: ID!, $asOf: Date) { exposure(regulation: $rule, asOf: $asOf) {
    inForce chips { id } destinations { id } companies { company { id } homeCovered offshore } offshore { company { id } } } }`;

  async function withDates(effective: string, rescinded: string): Promise<(name: string) => string> {
    const id = await graph(...RULE);
    await server.db.write((tx) =>
      tx.run('MATCH (r:Entity {id: $id}) SET r.effectiveDate = date($effective), r.rescindedDate = date($rescinded)', { id: id('rule'), effective, rescinded }),
    );
    return id;
  }

  it('names the company reaching the restricted chip abroad as offshore while the rule is in force', async () => {
    const id = await withDates('2025-01-01', '2025-07-01');
    const data = await server.data<{ exposure: Record<string, unknown> }>(EXPOSURE, { rule: id('rule'), asOf: '2025-03-01' });
    expect(data.exposure).toEqual({
      inForce: true,
      chips: [{ id: id('chip') }],
      destinations: [{ id: id('home') }],
      companies: [{ company: { id: id('co') }, homeCovered: true, offshore: true }],
      offshore: [{ company: { id: id('co') } }],
    });
  });

  it('shows the rule out of force before its effective date and from its rescission date', async () => {
    const id = await withDates('2025-01-01', '2025-07-01');
    for (const asOf of ['2024-12-31', '2025-07-01']) {
      const data = await server.data<{ exposure: Record<string, unknown> }>(EXPOSURE, { rule: id('rule'), asOf });
      expect(data.exposure).toMatchObject({ inForce: false, chips: [], companies: [], offshore: [] });
    }
  });

  it('counts only the uses of a chip that held on asOf', async () => {
    const id = await withDates('2025-01-01', '2025-07-01');
    const WHO = `query ($chip: ID!, $asOf: Date) { whoUses(chip: $chip, asOf: $asOf) { users { entity { id } how direct } restrictions { regulation { id } } } }`;
    const before = await server.data<{ whoUses: { users: unknown[] } }>(WHO, { chip: id('chip'), asOf: '2023-06-01' });
    expect(before.whoUses.users).toEqual([]);
    const during = await server.data<{ whoUses: { users: unknown[]; restrictions: unknown[] } }>(WHO, { chip: id('chip'), asOf: '2025-03-01' });
    expect(during.whoUses).toEqual({
      users: [{ entity: { id: id('co') }, how: 'RENTS_CAPACITY', direct: false }],
      restrictions: [{ regulation: { id: id('rule') } }],
    });
  });

  it('returns null for unknown ids rather than an error', async () => {
    const data = await server.data<Record<string, unknown>>(
      '{ whoUses(chip: "t-an-none") { asOf } exposure(regulation: "t-an-none") { asOf } timeline(id: "t-an-none") { truncated } neighborhood(id: "t-an-none") { truncated } }',
    );
    expect(data).toEqual({ whoUses: null, exposure: null, timeline: null, neighborhood: null });
  });
});
