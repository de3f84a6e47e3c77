import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseImport, runImport, type ImportFormat, type ImportReport } from '../../src/ingest/importers/index.js';
import { useTestServer } from './harness.js';
import { revertChangesBy, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const FIXTURES = new URL('../fixtures/epoch/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, FIXTURES), 'utf8');

const server = useTestServer(WRITE_ENV);
const actors: string[] = [];

interface GraphState {
  readonly nodes: Map<string, string>;
  readonly rels: Map<string, string>;
}

const stable = (p: unknown): string =>
  JSON.stringify(Object.entries({ ...(p as Record<string, unknown>), updatedAt: null }).sort(([a], [b]) => a.localeCompare(b)));

/** Entities (properties but updatedAt) and relationships that touch the given ids, or the whole graph. */
async function stateOf(ids: string[] | null): Promise<GraphState> {
  return server.db.read(
    async (tx) => {
      const nodes = await tx.run('MATCH (n:Entity) WHERE $ids IS NULL OR n.id IN $ids RETURN n.id AS id, properties(n) AS p', { ids });
      const rels = await tx.run(
        'MATCH (a:Entity)-[r]->(b:Entity) WHERE $ids IS NULL OR a.id IN $ids OR b.id IN $ids RETURN a.id + "|" + type(r) + "|" + b.id AS k, properties(r) AS p',
        { ids },
      );
      return { nodes: new Map(nodes.map((r) => [r.id as string, stable(r.p)])), rels: new Map(rels.map((r) => [r.k as string, stable(r.p)])) };
    },
    { timeoutMs: 120_000 },
  );
}

let before: GraphState;

beforeAll(async () => {
  before = await stateOf(null);
});
afterAll(async () => {
  // Undo every import of this file, newest first; then every entity the imports touched must be as it was
  // (or gone, if they created it), with the same relationships.
  const [row] = await server.db.read((tx) =>
    tx.run('MATCH (c:Change) WHERE c.actor IN $actors RETURN collect(DISTINCT c.entityId) + collect(DISTINCT c.relatedEntityId) AS ids', { actors }),
  );
  const touched = [...new Set(row!.ids as string[])];
  for (const actor of [...actors].reverse()) await revertChangesBy(server, actor);
  const after = await stateOf(touched);
  expect(touched.length).toBeGreaterThan(250);
  expect([...after.nodes.keys()].sort()).toEqual(touched.filter((id) => before.nodes.has(id)).sort());
  for (const [id, props] of after.nodes) expect(props, id).toBe(before.nodes.get(id));
  for (const [key, props] of after.rels) expect(props, key).toBe(before.rels.get(key));
  const expectedRels = [...before.rels.keys()].filter((k) => touched.includes(k.split('|')[0]!) || touched.includes(k.split('|')[2]!));
  expect([...after.rels.keys()].sort()).toEqual(expectedRels.sort());
});

/** Imports a fixture under a fresh actor (so its changes can be undone exactly) and returns the report. */
async function importFixture(format: ImportFormat, file: string): Promise<ImportReport> {
  const actor = `test:${uniquePrefix('epoch')}`;
  actors.push(actor);
  const { draft } = parseImport(format, read(file));
  const result = await runImport(server.db, actor, draft);
  expect(result.errors).toEqual([]);
  return result.report!;
}

async function entity<T = Record<string, unknown>>(id: string, selection: string): Promise<T> {
  return (await server.data<{ entity: T }>(`{ entity(id: "${id}") { id name ${selection} } }`)).entity;
}

async function idsNamed(name: string): Promise<string[]> {
  const rows = await server.db.read((tx) => tx.run('MATCH (n:Entity) WHERE toLower(n.name) = toLower($name) RETURN n.id AS id', { name }));
  return rows.map((r) => r.id as string);
}

const sum = (r: ImportReport): number => r.entitiesCreated + r.entitiesUpdated + r.entitiesUnchanged;

describe('importing Epoch AI datasets', () => {
  it('imports the ML Hardware table: chips with specs and TPP, designers and foundries, matched to the seed chips', async () => {
    const report = await importFixture('EPOCH_HARDWARE', 'ml_hardware_2025-12.csv');
    expect(report.records).toBe(170);
    expect(report.unknownColumns).toEqual([]);
    expect(report.skipped).toEqual([]);
    expect(sum(report)).toBe(193);
    expect(report.entitiesCreated).toBeGreaterThan(140);
    // Seed chips are matched by name or alias, not duplicated.
    expect(report.createdIds).not.toContain('nvidia-h100-sxm5-80gb');
    expect(await idsNamed('NVIDIA H100 SXM5 80GB')).toEqual(['nvidia-h100']);
    const nvl = await entity('nvidia-h100-nvl', '... on Chip { tpp memoryGb releaseDate designers { node { id } } sources { id } }');
    expect(nvl).toMatchObject({
      name: 'NVIDIA H100 NVL',
      tpp: 13368,
      memoryGb: 94,
      releaseDate: '2024-03-14',
      designers: [{ node: { id: 'nvidia' } }],
      sources: [{ id: 'src-epoch-ml-hardware' }],
    });
    const ascend920 = await entity('huawei-ascend-920', '... on Chip { designers { node { id } } }');
    expect(ascend920.designers).toEqual([{ node: { id: 'huawei' } }]);
  });

  it('imports the Notable AI Models table: models with developers, countries, training chips and base models', async () => {
    const report = await importFixture('EPOCH_MODELS', 'notable_ai_models_sample.csv');
    expect(report.records).toBe(55);
    expect(report.unknownColumns).toEqual([]);
    expect(report.createdIds).toContain('pangu-weather');
    expect(report.createdIds).not.toContain('deepseek-v3');
    const pangu = await entity(
      'pangu-weather',
      '... on Model { releaseDate developers { node { id } } trainingChips { node { name } relationship { chipCount sources { id } } } }',
    );
    expect(pangu.developers).toEqual([{ node: { id: 'huawei' } }]);
    expect(pangu.trainingChips).toEqual([{ node: { name: 'NVIDIA V100' }, relationship: { chipCount: 192, sources: [{ id: 'src-epoch-notable-models' }] } }]);
    // "NVIDIA A100" is the seed's nvidia-a100 (matched by id), not a new chip.
    const megascale = await entity<{ developers: { node: { id: string } }[]; trainingChips: unknown }>(
      'megascale-production',
      '... on Model { developers { node { id } } trainingChips { node { id } relationship { chipCount } } }',
    );
    expect(megascale.developers.map((d) => d.node.id).sort()).toEqual(['bytedance', 'peking-university']);
    expect(megascale.trainingChips).toEqual([{ node: { id: 'nvidia-a100' }, relationship: { chipCount: 12288 } }]);
    const videoMae = await entity('videomae-v2', '... on Model { baseModels { node { name } } }');
    expect(videoMae.baseModels).toEqual([{ node: { name: 'ViT-G/14' } }]);
    // Curated seed facts are not overwritten by Epoch's figures (Epoch dates DeepSeek-V3 2024-12-24).
    expect(await entity('deepseek-v3', '... on Model { releaseDate }')).toMatchObject({ releaseDate: '2024-12-26' });
    expect(await idsNamed('DeepSeek-V3')).toEqual(['deepseek-v3']);
  });

  it('imports the GPU Clusters table: data centers with owners, chips and countries, skipping anonymised rows', async () => {
    const report = await importFixture('EPOCH_CLUSTERS', 'gpu_clusters_sample.csv');
    expect(report.records).toBe(65);
    expect(report.skipped).toHaveLength(15);
    expect(report.skipped[0]!.reason).toContain('anonymised');
    expect(report.unknownColumns).toEqual([]);
    // Epoch's names for seed sites and operators are aliases there: matched, not duplicated.
    expect(report.createdIds).not.toContain('alibaba-cloud-in-singapore');
    expect(report.createdIds).not.toContain('smc-sustainable-metal-cloud');
    expect(report.createdIds).not.toContain('national-supercomputing-center-singapore');
    const ytl = await entity(
      'ytl-ai-johor',
      '... on DataCenter { status country { node { id } } chips { node { id } relationship { chipCount } } operators { node { id } } }',
    );
    expect(ytl.country).toEqual({ node: { id: 'malaysia' } });
    expect(ytl.chips).toContainEqual({ node: { id: 'nvidia-gb200' }, relationship: { chipCount: 15428 } });
    expect(ytl.operators).toContainEqual({ node: { id: 'ytl-power' } });
    const coreweave = await entity('coreweave-h200s', '... on DataCenter { chips { node { id } } operators { node { name } } }');
    expect(coreweave.chips).toContainEqual({ node: { id: 'nvidia-h200' } });
    expect(coreweave.operators).toEqual([{ node: { name: 'CoreWeave' } }]);
  });

  it('changes nothing when the same files are imported again', async () => {
    for (const [format, file] of [
      ['EPOCH_HARDWARE', 'ml_hardware_2025-12.csv'],
      ['EPOCH_MODELS', 'notable_ai_models_sample.csv'],
      ['EPOCH_CLUSTERS', 'gpu_clusters_sample.csv'],
    ] as const) {
      const report = await importFixture(format, file);
      expect(report, file).toMatchObject({ entitiesCreated: 0, entitiesUpdated: 0, relationshipsCreated: 0, relationshipsUpdated: 0 });
    }
  });
});
