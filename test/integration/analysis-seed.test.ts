import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';

// Generous transaction timeout: the first run of each analysis query plans it, slow on a busy CI machine.
const server = useTestServer({ ANALYSIS_TX_TIMEOUT_MS: '60000', REQUEST_TIMEOUT_MS: '90000' });

const PATH = 'path { length nodes { id } edges { type from to direction confidence sources { id } } }';
const ROUTES = `query ($company: ID!, $asOf: Date) { computeAccess(company: $company, asOf: $asOf) {
  asOf homeCountry { id } truncated
  routes { kind classification confidence restrictedForHome restrictedForDataCenterCountry
    chip { id } dataCenter { id } dataCenterCountry { id } homeCountry { id }
    restrictions { regulation { id } destinations { id } } sources { id } ${PATH} } } }`;

interface Route {
  kind: string;
  classification: string;
  confidence: string;
  chip: { id: string };
  dataCenter: { id: string } | null;
  dataCenterCountry: { id: string } | null;
  restrictions: { regulation: { id: string }; destinations: { id: string }[] }[];
  sources: { id: string }[];
  path: { length: number; nodes: { id: string }[]; edges: { type: string; from: string; to: string }[] };
}

const routesOf = async (company: string, asOf: string): Promise<Route[]> =>
  (await server.data<{ computeAccess: { routes: Route[] } }>(ROUTES, { company, asOf })).computeAccess.routes;

const inCountry = (routes: Route[], country: string): Route[] => routes.filter((r) => r.dataCenterCountry?.id === country);

describe('computeAccess on the seed graph', () => {
  it.each(['bytedance', 'alibaba'])('shows the Singapore and Malaysia routes of %s as RESTRICTED_OFFSHORE', async (company) => {
    const routes = await routesOf(company, '2025-06-01');
    for (const country of ['singapore', 'malaysia']) {
      const here = inCountry(routes, country);
      expect(here.map((r) => r.chip.id).sort()).toEqual(['nvidia-b200', 'nvidia-h100']);
      for (const route of here) {
        expect(route).toMatchObject({ kind: 'RENTED_CAPACITY', classification: 'RESTRICTED_OFFSHORE', confidence: 'LOW' });
        expect(route.path.nodes.map((n) => n.id)).toEqual([company, route.dataCenter!.id, route.chip.id]);
        expect(route.sources.length).toBeGreaterThan(0);
        expect(route.restrictions.map((r) => r.regulation.id)).toContain('bis-2023-10-17-ac-s-ifr');
      }
    }
  });

  it('keeps the Singapore route RESTRICTED_OFFSHORE while the AI Diffusion rule also covered Singapore', async () => {
    const sg = inCountry(await routesOf('bytedance', '2025-03-01'), 'singapore').find((r) => r.chip.id === 'nvidia-h100');
    expect(sg).toMatchObject({ classification: 'RESTRICTED_OFFSHORE', restrictedForDataCenterCountry: true });
    expect(sg!.restrictions.map((r) => r.regulation.id)).toEqual(expect.arrayContaining(['bis-2023-10-17-ac-s-ifr', 'bis-2025-01-15-ai-diffusion-rule']));
  });

  it('shows the Huawei Ascend routes of DeepSeek as UNRESTRICTED and its Nvidia H800 at home as RESTRICTED_DOMESTIC', async () => {
    const routes = await routesOf('deepseek', '2025-06-01');
    const ascend = routes.filter((r) => r.chip.id.startsWith('huawei-ascend'));
    expect(ascend.length).toBeGreaterThan(0);
    expect(new Set(ascend.map((r) => r.classification))).toEqual(new Set(['UNRESTRICTED']));
    expect(ascend.map((r) => r.kind)).toEqual(expect.arrayContaining(['OWN_DATA_CENTER', 'PARTNER_INFRASTRUCTURE']));
    const h800 = routes.filter((r) => r.chip.id === 'nvidia-h800');
    expect(h800.map((r) => r.kind)).toEqual(expect.arrayContaining(['OWN_DATA_CENTER', 'TRAINING_HARDWARE']));
    expect(new Set(h800.map((r) => r.classification))).toEqual(new Set(['RESTRICTED_DOMESTIC']));
  });

  it('does not show the Ascend data-center routes before the 2025 equipment reports', async () => {
    const routes = await routesOf('deepseek', '2024-06-01');
    expect(routes.filter((r) => r.chip.id.startsWith('huawei-ascend'))).toEqual([]);
  });

  it('returns null for an unknown company', async () => {
    const data = await server.data<{ computeAccess: unknown }>(ROUTES, { company: 'no-such-company', asOf: '2025-06-01' });
    expect(data.computeAccess).toBeNull();
  });
});

describe('asOf on the seed graph: the H20', () => {
  const WHO = `query ($asOf: Date) { whoUses(chip: "nvidia-h20", asOf: $asOf) { asOf restrictions { regulation { id } destinations { id } } } }`;
  const EXPOSURE = `query ($asOf: Date) { exposure(regulation: "usg-2025-04-h20-license-requirement", asOf: $asOf) { inForce chips { id } destinations { id } } }`;

  it('lists no rule restricting the H20 on 2025-01-01', async () => {
    const data = await server.data<{ whoUses: { restrictions: unknown[] } }>(WHO, { asOf: '2025-01-01' });
    expect(data.whoUses.restrictions).toEqual([]);
  });

  it('lists the April 2025 licence requirement restricting the H20 for China from April 2025', async () => {
    const data = await server.data<{ whoUses: { restrictions: { regulation: { id: string }; destinations: { id: string }[] }[] } }>(WHO, {
      asOf: '2025-06-01',
    });
    expect(data.whoUses.restrictions.map((r) => r.regulation.id)).toEqual(['usg-2025-04-h20-license-requirement']);
    expect(data.whoUses.restrictions[0]!.destinations.map((d) => d.id)).toContain('china');
  });

  it('shows the H20 rule out of force with no chips on 2025-01-01 and restricting the H20 on 2025-06-01', async () => {
    const before = await server.data<{ exposure: { inForce: boolean; chips: { id: string }[] } }>(EXPOSURE, { asOf: '2025-01-01' });
    const after = await server.data<{ exposure: { inForce: boolean; chips: { id: string }[] } }>(EXPOSURE, { asOf: '2025-06-01' });
    expect(before.exposure).toMatchObject({ inForce: false, chips: [] });
    expect(after.exposure).toMatchObject({ inForce: true, chips: [{ id: 'nvidia-h20' }] });
  });
});

describe('exposure, whoUses and timeline on the seed graph', () => {
  it('names ByteDance and Alibaba among the companies reaching chips of the October 2023 rule offshore', async () => {
    const data = await server.data<{ exposure: { offshore: { company: { id: string } }[]; companies: { company: { id: string } }[] } }>(
      `{ exposure(regulation: "bis-2023-10-17-ac-s-ifr", asOf: "2025-06-01") { companies { company { id } } offshore { company { id } } } }`,
    );
    const offshore = data.exposure.offshore.map((c) => c.company.id);
    expect(offshore).toEqual(expect.arrayContaining(['alibaba', 'bytedance']));
    expect(offshore).not.toContain('deepseek');
    expect(data.exposure.companies.map((c) => c.company.id)).toContain('deepseek');
  });

  it('tells direct from indirect users of the H100, each with a path ending at the chip', async () => {
    const data = await server.data<{ whoUses: { users: { entity: { id: string }; how: string; direct: boolean; path: { nodes: { id: string }[] } }[] } }>(
      `{ whoUses(chip: "nvidia-h100", asOf: "2025-06-01") { users { entity { id } how direct path { nodes { id } } } } }`,
    );
    const users = data.whoUses.users;
    expect(users).toContainEqual(expect.objectContaining({ entity: { id: 'bytedance' }, how: 'RENTS_CAPACITY', direct: false }));
    expect(users).toContainEqual(expect.objectContaining({ entity: { id: 'llama-3-1-405b' }, how: 'TRAINED_ON', direct: true }));
    expect(users).toContainEqual(expect.objectContaining({ entity: { id: 'meta' }, how: 'OPERATES_DATA_CENTER', direct: true }));
    for (const u of users) expect(u.path.nodes.at(-1)).toEqual({ id: 'nvidia-h100' });
  });

  it('gives the H20 timeline oldest first, with its release and the April 2025 restriction', async () => {
    const data = await server.data<{ timeline: { events: { date: string; kind: string; other: { id: string } | null }[] } }>(
      `{ timeline(id: "nvidia-h20") { events { date kind other { id } sources { id } } } }`,
    );
    const events = data.timeline.events;
    expect(events.map((e) => e.date)).toEqual([...events.map((e) => e.date)].sort());
    expect(events).toContainEqual(
      expect.objectContaining({ date: '2025-04-09', kind: 'RELATIONSHIP_STARTED', other: { id: 'usg-2025-04-h20-license-requirement' } }),
    );
    expect(events.some((e) => e.kind === 'RELEASED')).toBe(true);
  });
});

describe('graph exploration on the seed graph', () => {
  it('finds a path from DeepSeek to Nvidia whose edges join consecutive nodes', async () => {
    const data = await server.data<{ shortestPath: { length: number; nodes: { id: string }[]; edges: { from: string; to: string }[] } }>(
      '{ shortestPath(from: "deepseek", to: "nvidia") { length nodes { id } edges { from to } } }',
    );
    const path = data.shortestPath;
    expect(path.nodes[0]).toEqual({ id: 'deepseek' });
    expect(path.nodes.at(-1)).toEqual({ id: 'nvidia' });
    expect(path.length).toBe(3);
    path.edges.forEach((e, i) => expect([e.from, e.to].sort()).toEqual([path.nodes[i]!.id, path.nodes[i + 1]!.id].sort()));
  });

  it('lists several simple paths from DeepSeek to Nvidia, shortest first', async () => {
    const data = await server.data<{ paths: { length: number; nodes: { id: string }[] }[] }>(
      `{ paths(from: "deepseek", to: "nvidia", maxLength: 3, first: 5) { length nodes { id } } }`,
    );
    expect(data.paths.length).toBeGreaterThan(1);
    expect(data.paths.map((p) => p.length)).toEqual([...data.paths.map((p) => p.length)].sort());
    for (const p of data.paths) expect(new Set(p.nodes.map((n) => n.id)).size).toBe(p.nodes.length);
  });

  it('shows the Huawei partnership and the home country among the direct neighbours of DeepSeek', async () => {
    const data = await server.data<{
      neighborhood: { nodes: { node: { id: string }; distance: number }[]; edges: { type: string; from: string; to: string }[] };
    }>(`{ neighborhood(id: "deepseek") { nodes { node { id } distance } edges { type from to } truncated } }`);
    expect(data.neighborhood.nodes).toContainEqual({ node: { id: 'huawei' }, distance: 1 });
    expect(data.neighborhood.nodes).toContainEqual({ node: { id: 'china' }, distance: 1 });
    expect(data.neighborhood.edges).toContainEqual({ type: 'HEADQUARTERED_IN', from: 'deepseek', to: 'china' });
  });

  it('refuses a depth above MAX_NEIGHBORHOOD_DEPTH with QUERY_TOO_COMPLEX naming the cap', async () => {
    const res = await server.gql(`{ neighborhood(id: "deepseek", depth: 5) { truncated } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/at most 4 \(MAX_NEIGHBORHOOD_DEPTH\)/);
  });

  it('refuses a path length above MAX_PATH_LENGTH and more paths than MAX_PATHS (50) with QUERY_TOO_COMPLEX', async () => {
    const long = await server.gql(`{ shortestPath(from: "deepseek", to: "nvidia", maxLength: 99) { length } }`);
    expect(long.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(long.errors?.[0]?.message).toMatch(/MAX_PATH_LENGTH/);
    const many = await server.gql(`{ paths(from: "deepseek", to: "nvidia", first: 51) { length } }`);
    expect(many.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(many.errors?.[0]?.message).toMatch(/MAX_PATHS/);
  });

  it('rejects a depth of zero with BAD_USER_INPUT and no internals', async () => {
    const res = await server.gql(`{ neighborhood(id: "deepseek", depth: 0) { truncated } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/MATCH|neo4j|stack/i);
  });
});
