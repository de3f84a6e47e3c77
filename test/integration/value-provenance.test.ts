import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportGraph } from '../../src/ingest/export.js';
import { parseImport, runImport } from '../../src/ingest/importers/index.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, revertChangesBy, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const prefix = uniquePrefix('prov');
const actor = `test:${prefix}`;
const qwq = `${prefix}-qwq-32b`;
const r1 = `${prefix}-deepseek-r1`;
const gpt = `${prefix}-gpt-4-5`;

/** Three real Epoch rows (Speculative, Confident, Unknown), renamed for this run so they are this test's own. */
const fixture = readFileSync(new URL('../fixtures/epoch/notable_ai_models_provenance.csv', import.meta.url), 'utf8').replace(
  /^(QwQ-32B|DeepSeek-R1|GPT-4\.5),/gm,
  `${prefix} $1,`,
);

const PROVENANCE = 'property sources { id } confidence asOf estimate note';

interface Provenance {
  readonly property: string;
  readonly sources: { id: string }[];
  readonly confidence: string | null;
  readonly asOf: string | null;
  readonly estimate: boolean;
  readonly note: string | null;
}

async function provenanceOf(id: string, property?: string): Promise<{ sources: { id: string }[]; valueProvenance: Provenance[] }> {
  const args = property ? `(property: "${property}")` : '';
  const query = `{ entity(id: "${id}") { sources { id } valueProvenance${args} { ${PROVENANCE} } } }`;
  return (await server.data<{ entity: { sources: { id: string }[]; valueProvenance: Provenance[] } }>(query)).entity;
}

afterAll(async () => {
  await revertChangesBy(server, actor);
  await removeEntities(server, [qwq, r1, gpt]);
});

describe('the provenance of each value, over GraphQL', () => {
  it("reports a Speculative model's parameters as LOW, an estimate, with the dataset's Source and the row's date", async () => {
    const result = await runImport(server.db, actor, parseImport('EPOCH_MODELS', fixture).draft);
    expect(result.errors).toEqual([]);
    expect(result.report!.createdIds).toEqual(expect.arrayContaining([qwq, r1, gpt]));
    const { valueProvenance } = await provenanceOf(qwq, 'parameters');
    expect(valueProvenance).toEqual([
      { property: 'parameters', sources: [{ id: 'src-epoch-notable-models' }], confidence: 'LOW', asOf: '2025-03-06', estimate: true, note: null },
    ]);
  });

  it('reports a Confident figure as HIGH and claims no confidence for an Unknown row', async () => {
    expect((await provenanceOf(r1, 'parameters')).valueProvenance[0]).toMatchObject({ confidence: 'HIGH', estimate: false });
    const unknown = await provenanceOf(gpt);
    expect(unknown.valueProvenance.length).toBeGreaterThan(0);
    for (const entry of unknown.valueProvenance) expect(entry.confidence).toBeNull();
  });

  it("falls back to a curated entity's own sources, with no confidence claimed", async () => {
    const h100 = await provenanceOf('nvidia-h100', 'tpp');
    expect(h100.valueProvenance).toEqual([{ property: 'tpp', sources: h100.sources, confidence: null, asOf: null, estimate: false, note: null }]);
  });

  it('refuses an unknown property name, naming the argument and the valid properties', async () => {
    const res = await server.gql(`{ entity(id: "nvidia-h100") { valueProvenance(property: "tppp") { property } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toMatch(/property: "tppp" is not a property of a Chip; valid properties: .*\btpp\b/);
    expect(res.errors?.[0]?.message).not.toMatch(/MATCH|neo4j|at \w+ \(/i);
  });

  it('round-trips the provenance through an export and an import of the graph file', async () => {
    const exported = await exportGraph(server.db, { rootId: qwq, depth: 1 });
    const model = exported.entities.find((e) => e.id === qwq)!;
    expect(model.valueProvenance).toMatchObject({ parameters: { confidence: 'low', estimate: true, asOf: '2025-03-06' } });
    await removeEntities(server, [qwq]);
    const result = await runImport(server.db, `${actor}-json`, parseImport('JSON', JSON.stringify(exported)).draft);
    expect(result.errors).toEqual([]);
    expect(await exportGraph(server.db, { rootId: qwq, depth: 1 })).toEqual(exported);
    expect((await provenanceOf(qwq, 'parameters')).valueProvenance[0]).toMatchObject({ confidence: 'LOW', estimate: true });
  });

  it("drops the source's entry of a value a curator replaces, and keeps the others", async () => {
    const update = `mutation { updateModel(id: "${r1}", input: { parameters: 670000000000, sources: ["src-company-websites"] }) { errors { code message } } }`;
    expect((await server.data<{ updateModel: { errors: unknown[] } }>(update, {}, asEditor)).updateModel.errors).toEqual([]);
    const after = await provenanceOf(r1);
    const parameters = after.valueProvenance.find((p) => p.property === 'parameters')!;
    expect(parameters).toMatchObject({ confidence: null, estimate: false, sources: after.sources });
    const compute = after.valueProvenance.find((p) => p.property === 'trainingComputeFlop');
    expect(compute).toMatchObject({ confidence: 'HIGH', sources: [{ id: 'src-epoch-notable-models' }] });
  });
});
