import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Database } from '../../src/db/database.js';
import { readManifest } from '../../src/ingest/default-graph.js';
import { databaseOptions, testServerEnv } from './connection.js';
import { killServerProcesses, startServerProcess, type ServerProcess } from './server-process.js';
import { API_KEY } from './write-helpers.js';

// The default graph in a Neo4j of its own (a temporary data folder), so the shared test database keeps the seed.
const dataDir = mkdtempSync(path.join(tmpdir(), 'atlas-default-graph-'));
const ENV = { NEO4J_DATA_DIR: dataDir, NEO4J_BOLT_PORT: '0', SEED: 'auto', GRAPH: 'full', API_KEYS: API_KEY, BODY_LIMIT: '4mb', MAX_ANALYSIS_RESULTS: '5000' };
const LOAD_MS = 900_000;
const manifest = readManifest();
const KINDS = ['companies', 'models', 'chips', 'dataCenters', 'observations', 'regulations', 'countries', 'sources'];

let server: ServerProcess;

async function gql<T>(document: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': API_KEY },
    body: JSON.stringify({ query: document, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  expect(body.errors).toBeUndefined();
  return body.data!;
}

async function totals(): Promise<Record<string, number>> {
  const data = await gql<Record<string, { totalCount: number }>>(`{ ${KINDS.map((k) => `${k}(first: 1) { totalCount }`).join(' ')} }`);
  return Object.fromEntries(KINDS.map((k) => [k, data[k]!.totalCount]));
}

const entity = async <T>(id: string, selection: string): Promise<T> => (await gql<{ entity: T }>(`{ entity(id: "${id}") { id ${selection} } }`)).entity;
const ids = (relations: { node: { id: string } }[]): string[] => relations.map((r) => r.node.id);

beforeAll(async () => {
  server = await startServerProcess(ENV, LOAD_MS);
}, LOAD_MS);
afterAll(async () => {
  await killServerProcesses();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the default graph', () => {
  it('loads the seed and then every manifest file on an empty database, logging each file as it goes', async () => {
    const out = server.output();
    expect(out).toContain('seed graph loaded');
    for (const { file } of manifest) {
      expect(out).toContain(`"file":"${file}","n":`);
      expect(out).toMatch(new RegExp(`"file":"${file.replace(/\./g, '\\.')}","records":\\d+,.*"msg":"default graph: imported"`));
    }
    const counts = await totals();
    expect(counts.models).toBeGreaterThan(3000);
    expect(counts.dataCenters).toBeGreaterThan(600);
    expect(counts.observations).toBe(282);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBeGreaterThan(5500);
  });

  it('lists real clusters and rentable cloud regions among who uses the H100', async () => {
    const { whoUses } = await gql<{ whoUses: { truncated: boolean; users: { dataCenter: { id: string } | null }[] } }>(
      '{ whoUses(chip: "nvidia-h100", asOf: "2025-06-01") { truncated users { dataCenter { id } } } }',
    );
    const sites = new Set(whoUses.users.flatMap((u) => (u.dataCenter ? [u.dataCenter.id] : [])));
    expect(whoUses.truncated).toBe(false);
    for (const site of ['aws-us-east-1', 'google-cloud-asia-southeast1', 'mare-nostrum-5', 'xai-colossus-memphis-ph1', 'sg-rented-gpu-capacity'])
      expect(sites.has(site), site).toBe(true);
  });

  it('still shows the offshore routes of ByteDance and Alibaba to restricted chips', async () => {
    for (const company of ['bytedance', 'alibaba']) {
      const { computeAccess } = await gql<{ computeAccess: { routes: { classification: string; dataCenterCountry: { id: string } | null }[] } }>(
        `{ computeAccess(company: "${company}", asOf: "2025-06-01") { routes { classification dataCenterCountry { id } } } }`,
      );
      const offshore = computeAccess.routes.filter((r) => r.classification === 'RESTRICTED_OFFSHORE').map((r) => r.dataCenterCountry?.id);
      expect(offshore, company).toEqual(expect.arrayContaining(['singapore', 'malaysia']));
    }
  });

  it("keeps the seed's values where a dataset offers others, and records each disagreement on the file's marker", async () => {
    expect(await entity('nvidia-a100', '... on Chip { memoryGb }')).toMatchObject({ memoryGb: 80 });
    expect(await entity('alibaba-zhangbei', '... on DataCenter { powerMw }')).toMatchObject({ powerMw: 339 });
    const bolt = /local Neo4j: ready at (bolt:\/\/[\d.:]+)/.exec(server.output())![1]!;
    const db = new Database(databaseOptions(loadConfig(testServerEnv(bolt))));
    try {
      const rows = await db.query('MATCH (d:DatasetLoad {file: $file}) RETURN d.disagreements AS d', { file: 'epoch-ai/data_centers_2026-05.csv' });
      const recorded = (rows[0]!.d as string[]).map((d) => JSON.parse(d) as Record<string, unknown>);
      expect(recorded).toContainEqual({
        target: 'alibaba-zhangbei',
        field: 'powerMw',
        kept: 339,
        offered: 203,
        sources: ['src-dataset-epoch-data-centers-2026-05'],
      });
    } finally {
      await db.close();
    }
  });

  it('has one entity per chip and organisation across the spellings of Epoch and the cloud listings', async () => {
    const named = async (list: string, name: string): Promise<number> =>
      (await gql<Record<string, { totalCount: number }>>(`{ ${list}(first: 1, filter: { name: { eq: "${name}" } }) { totalCount } }`))[list]!.totalCount;
    for (const name of ['NVIDIA A100', 'NVIDIA H100', 'Nvidia H100 80G', 'NVIDIA H200']) expect(await named('chips', name), name).toBe(0);
    for (const name of ['Facebook AI Research', 'Google Brain', 'Z.ai (Zhipu AI)', 'Amazon AWS']) expect(await named('companies', name), name).toBe(0);
    const h100 = await entity<{ aliases: string[] }>('nvidia-h100', 'aliases');
    expect(h100.aliases).toEqual(expect.arrayContaining(['H100', 'Nvidia H100 80G', 'NVIDIA H100 80GB']));
  });
});

describe('the new importers on their shipped datasets', () => {
  it('reads Frontier Data Centers: owners as operators, other users as tenants, at Epoch certainty', async () => {
    const abilene = await entity<Record<string, unknown> & { operators: { node: { id: string }; relationship: { confidence: string } }[] }>(
      'openai-stargate-abilene',
      '... on DataCenter { powerMw h100Equivalents city country { node { id } } operators { node { id } relationship { confidence } } tenants { node { id } } }',
    );
    expect(abilene).toMatchObject({ city: 'Abilene', country: { node: { id: 'united-states' } }, tenants: [{ node: { id: 'openai' } }] });
    expect(abilene.operators).toEqual([{ node: { id: 'oracle' }, relationship: { confidence: 'HIGH' } }]);
    expect(abilene.h100Equivalents).toBeGreaterThan(100_000);
  });

  it('reads the timelines as one observation per day, projections marked as such', async () => {
    const READING = 'node { observedDate projected } relationship { confidence validFrom validTo notes }';
    type Reading = {
      node: { observedDate: string; projected: boolean };
      relationship: { confidence: string; validFrom: string; validTo: string | null; notes: string | null };
    };
    const site = await entity<{ now: Reading[]; later: Reading[] }>(
      'openai-stargate-abilene',
      `... on DataCenter { now: observations(asOf: "2026-01-01") { ${READING} } later: observations(asOf: "2026-12-01") { ${READING} } }`,
    );
    expect(site.now).toHaveLength(1);
    expect(site.now[0]!.node.projected).toBe(false);
    expect(site.now[0]!.relationship.validFrom <= '2026-01-01' && '2026-01-01' < site.now[0]!.relationship.validTo!).toBe(true);
    expect(site.later).toHaveLength(1);
    const id = (await gql<{ observations: { nodes: { id: string }[] } }>('{ observations(first: 1) { nodes { id } } }')).observations.nodes[0]!.id;
    const looked = await gql<{ node: unknown; entity: unknown }>(`{ node(id: "${id}") { __typename id } entity(id: "${id}") { kind sources { id } } }`);
    expect(looked).toEqual({
      node: { __typename: 'Observation', id },
      entity: { kind: 'OBSERVATION', sources: [{ id: 'src-dataset-epoch-data-center-timelines-2026-05' }] },
    });
    expect(site.later[0]).toMatchObject({ node: { projected: true }, relationship: { confidence: 'LOW', notes: expect.stringContaining('projection') } });
  });

  it('reads the cloud listings as regions operated by the provider, in their country, equipped with what one can rent there', async () => {
    type Site = {
      operators: { node: { id: string } }[];
      country: { node: { id: string } };
      chips: { node: { id: string }; relationship: { notes: string } }[];
    };
    const selection = '... on DataCenter { operators { node { id } } country { node { id } } chips { node { id } relationship { notes } } }';
    const virginia = await entity<Site>('aws-us-east-1', selection);
    expect(ids(virginia.operators)).toEqual(['amazon-web-services']);
    expect(ids(virginia.chips)).toEqual(expect.arrayContaining(['nvidia-h100', 'nvidia-a100', 'nvidia-a100-sxm4-40gb', 'nvidia-h200']));
    expect(virginia.chips.find((c) => c.node.id === 'nvidia-h100')!.relationship.notes).toContain('p5.48xlarge');
    expect((await entity<Site>('aws-ap-southeast-5', selection)).country.node.id).toBe('malaysia');
    const singapore = await entity<Site>('google-cloud-asia-southeast1', selection);
    expect(singapore).toMatchObject({ operators: [{ node: { id: 'google' } }], country: { node: { id: 'singapore' } } });
    expect(ids(singapore.chips)).toContain('nvidia-h100');
  });

  it("credits GPU clusters' coordinates to the author of the copy we ship, not to Epoch AI", async () => {
    type Provenance = { property: string; sources: { id: string }[]; note: string | null };
    const { dataCenters } = await gql<{
      dataCenters: { nodes: { latitude: number; longitude: number; sources: { id: string }[]; valueProvenance: Provenance[] }[] };
    }>(
      `{ dataCenters(filter: { name: { eq: "South Korea Planned 3GW Cluster" } }, first: 1) {
          nodes { latitude longitude sources { id } valueProvenance { property sources { id } note } } } }`,
    );
    const [site] = dataCenters.nodes;
    expect([site!.latitude, site!.longitude]).toEqual([36.536236, 128.168944]);
    const by = Object.fromEntries(site!.valueProvenance.map((v) => [v.property, v.sources.map((s) => s.id)]));
    expect([by.latitude, by.longitude]).toEqual([['src-kitwebster-cluster-geocoding'], ['src-kitwebster-cluster-geocoding']]);
    expect(by.powerMw).toEqual(['src-dataset-epoch-gpu-clusters-2025-12']);
    // The geocoder is credited for the coordinates only: the entity's sources, which values without an entry of
    // their own fall back to, stay Epoch's.
    expect(site!.sources.map((s) => s.id)).toEqual(['src-dataset-epoch-gpu-clusters-2025-12']);
    expect(by.status).toEqual(['src-dataset-epoch-gpu-clusters-2025-12']);
  });

  it('reads the TOP500 list: systems ranked, in their country, run by their site, equipped with their accelerators', async () => {
    type Ranked = { id: string; name: string; top500Rank: number; rmaxPflops: number; country: { node: { id: string } } | null };
    const { dataCenters } = await gql<{ dataCenters: { nodes: (Ranked & { chips: { node: { id: string } }[]; operators: { node: { name: string } }[] })[] } }>(
      `{ dataCenters(filter: { top500Rank: { lte: 5 } }, orderBy: { field: TOP500_RANK, direction: ASC }, first: 5) {
          nodes { id name top500Rank rmaxPflops country { node { id } } chips { node { id } } operators { node { name } } } } }`,
    );
    expect(dataCenters.nodes.map((n) => n.top500Rank)).toEqual([1, 2, 3, 4, 5]);
    const [capitan] = dataCenters.nodes;
    expect(capitan).toMatchObject({
      name: 'El Capitan',
      rmaxPflops: 1742,
      country: { node: { id: 'united-states' } },
      operators: [{ node: { name: 'DOE/NNSA/LLNL' } }],
    });
    expect(capitan!.chips).toHaveLength(1);
    const { whoUses } = await gql<{ whoUses: { users: { dataCenter: { top500Rank: number | null } | null }[] } }>(
      '{ whoUses(chip: "nvidia-h100", asOf: "2025-07-01") { users { dataCenter { top500Rank } } } }',
    );
    expect(whoUses.users.filter((u) => u.dataCenter?.top500Rank != null).length).toBeGreaterThan(20);
  });

  it('imports each new dataset again through importGraph without changing anything', async () => {
    const formats: Record<string, string> = { EPOCH_DATA_CENTERS: '', EPOCH_DATA_CENTER_TIMELINES: '', AWS_GPU_REGIONS: '', GCP_GPU_REGIONS: '', TOP500: '' };
    for (const { file, importer } of manifest.filter((m) => m.importer in formats)) {
      const content = readFileSync(new URL(`../../data/datasets/${file}`, import.meta.url), 'utf8');
      const { importGraph } = await gql<{ importGraph: { report: Record<string, number>; errors: unknown[] } }>(
        'mutation($format: ImportFormat!, $content: String!) { importGraph(format: $format, content: $content) { report { entitiesCreated entitiesUpdated relationshipsCreated relationshipsUpdated } errors { message } } }',
        { format: importer, content },
      );
      expect(importGraph.errors, file).toEqual([]);
      expect(importGraph.report, file).toEqual({ entitiesCreated: 0, entitiesUpdated: 0, relationshipsCreated: 0, relationshipsUpdated: 0 });
    }
  });
});

describe('a later start', () => {
  it(
    'skips every file already loaded and serves the same graph',
    async () => {
      const before = await totals();
      server.child.kill('SIGTERM');
      await server.exited;
      server = await startServerProcess(ENV, LOAD_MS);
      const out = server.output();
      expect(out).not.toContain('seed graph loaded');
      expect(out).not.toContain('default graph: importing');
      expect(out.match(/default graph: already loaded/g)).toHaveLength(manifest.length);
      expect(await totals()).toEqual(before);
    },
    LOAD_MS,
  );
});
