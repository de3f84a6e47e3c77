import { afterAll, describe, expect, it } from 'vitest';
import { exportGraph, toGraphML } from '../../src/ingest/export.js';
import { parseImport, runImport } from '../../src/ingest/importers/index.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, snapshot, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const p = uniquePrefix('imp');
const SRC = 'src-epoch-notable-models';
const ids = { lab: `${p}-lab`, model: `${p}-model`, chip: `${p}-chip`, base: `${p}-base` };

const IMPORT = `mutation($format: ImportFormat!, $content: String!, $dryRun: Boolean) {
  importGraph(format: $format, content: $content, dryRun: $dryRun) {
    report { entitiesCreated entitiesUpdated entitiesUnchanged relationshipsCreated relationshipsUpdated relationshipsUnchanged createdIds }
    errors { code field message }
  } }`;

interface ImportPayload {
  report: { createdIds: string[]; [count: string]: unknown } | null;
  errors: { code: string; field: string; message: string }[];
}

async function importGraph(format: string, content: string, dryRun = false): Promise<ImportPayload> {
  return (await server.data<{ importGraph: ImportPayload }>(IMPORT, { format, content, dryRun }, asEditor)).importGraph;
}

const graph = () => ({
  entities: [
    { id: ids.lab, kind: 'Company', name: `${p} Lab`, sources: [SRC], roles: ['AI_LAB'] },
    { id: ids.model, kind: 'Model', name: `${p} Model`, sources: [SRC], releaseDate: '2025-01-02', parameters: 7e9 },
    { id: ids.base, kind: 'Model', name: `${p} Base`, sources: [SRC] },
    { id: ids.chip, kind: 'Chip', name: `${p} Chip`, aliases: [`${p}-c`], sources: [SRC], tpp: 4800 },
  ],
  relationships: [
    { type: 'DEVELOPS', from: ids.lab, to: ids.model, sources: [SRC], validFrom: '2025-01-02' },
    { type: 'TRAINED_ON', from: ids.model, to: ids.chip, sources: [SRC], properties: { chipCount: 512 } },
    { type: 'FINE_TUNED_FROM', from: ids.model, to: ids.base, sources: [SRC], confidence: 'medium' },
  ],
});

const CSV = (rows: string[]): string =>
  ['record,id,kind,name,aliases,sources,roles,releaseDate,parameters,tpp,type,from,to,validFrom,confidence,chipCount', ...rows].join('\n');

afterAll(async () => {
  await removeEntities(server, Object.values(ids));
});

describe('importing the graph JSON and CSV formats', () => {
  it('imports a JSON graph in one go and changes nothing the second time', async () => {
    const first = await importGraph('JSON', JSON.stringify(graph()));
    expect(first.errors).toEqual([]);
    expect(first.report).toMatchObject({ entitiesCreated: 4, relationshipsCreated: 3 });
    expect(first.report!.createdIds.sort()).toEqual(Object.values(ids).sort());
    const second = await importGraph('JSON', JSON.stringify(graph()));
    expect(second.report).toMatchObject({
      entitiesCreated: 0,
      entitiesUpdated: 0,
      entitiesUnchanged: 4,
      relationshipsCreated: 0,
      relationshipsUpdated: 0,
      relationshipsUnchanged: 3,
    });
    const model = await server.data<{ entity: Record<string, unknown> }>(
      `{ entity(id: "${ids.model}") { ... on Model { parameters developers { node { id } } trainingChips { relationship { chipCount } } } } }`,
    );
    expect(model.entity).toEqual({ parameters: 7e9, developers: [{ node: { id: ids.lab } }], trainingChips: [{ relationship: { chipCount: 512 } }] });
  });

  it('matches entities by name or alias instead of duplicating them, and adds new sources to repeated facts', async () => {
    const content = CSV([
      `entity,${p}-other-id,Chip,${p}-c,,src-deepseek-v3-tech-report,,,,,,,,,,`,
      `relationship,,,,,src-deepseek-v3-tech-report,,,,,TRAINED_ON,${ids.model},${p}-other-id,,,`,
    ]);
    const result = await importGraph('CSV', content);
    expect(result.errors).toEqual([]);
    expect(result.report).toMatchObject({ entitiesCreated: 0, entitiesUpdated: 1, relationshipsCreated: 0, relationshipsUpdated: 1 });
    const chip = await server.data<{ entity: Record<string, unknown> }>(
      `{ entity(id: "${ids.chip}") { sources { id } ... on Chip { trainedModels { relationship { chipCount sources { id } } } } } }`,
    );
    expect(chip.entity.sources).toEqual([{ id: SRC }, { id: 'src-deepseek-v3-tech-report' }]);
    expect(chip.entity.trainedModels).toEqual([{ relationship: { chipCount: 512, sources: [{ id: SRC }, { id: 'src-deepseek-v3-tech-report' }] } }]);
    expect((await server.data<{ entity: null }>(`{ entity(id: "${p}-other-id") { id } }`)).entity).toBeNull();
  });

  it('writes nothing when one CSV row is bad, and names its row and column', async () => {
    const before = await snapshot(server, { prefix: p });
    const content = CSV([
      `entity,${p}-new-a,Company,${p} New A,,${SRC},AI_LAB,,,,,,,,,`,
      `entity,${p}-new-b,Model,${p} New B,,${SRC},,2025-13-45,,,,,,,,`,
      `relationship,,,,,${SRC},,,,,DEVELOPS,${p}-new-a,${p}-new-b,,,`,
    ]);
    const result = await importGraph('CSV', content);
    expect(result.report).toBeNull();
    expect(result.errors).toEqual([expect.objectContaining({ field: 'rows[3].releaseDate' })]);
    expect(result.errors[0]!.message).toMatch(/^row 3, column "releaseDate"/);
    expect(await snapshot(server, { prefix: p })).toEqual(before);
  });

  it('writes nothing when a relationship points at an unknown entity or breaks the ontology', async () => {
    const before = await snapshot(server, { prefix: p });
    const bad = graph();
    bad.entities = [{ id: `${p}-new-c`, kind: 'Company', name: `${p} New C`, sources: [SRC], roles: [] }];
    bad.relationships = [
      { type: 'DEVELOPS', from: `${p}-new-c`, to: `${p}-nowhere`, sources: [SRC], validFrom: '2025-01-01' },
      { type: 'TRAINED_ON', from: `${p}-new-c`, to: ids.chip, sources: [SRC], properties: { chipCount: 1 } },
    ];
    const result = await importGraph('JSON', JSON.stringify(bad));
    expect(result.errors.map((e) => [e.code, e.field])).toEqual([
      ['UNKNOWN_ENDPOINT', 'relationships[0].to'],
      ['RELATIONSHIP_NOT_ALLOWED', 'relationships[1].from'],
    ]);
    expect(await snapshot(server, { prefix: p })).toEqual(before);
  });

  it('reports an import without writing it when asked for a dry run', async () => {
    const before = await snapshot(server, { prefix: p });
    const content = JSON.stringify({ entities: [{ id: `${p}-dry`, kind: 'Country', name: `${p} Dry`, sources: [SRC] }] });
    const result = await importGraph('JSON', content, true);
    expect(result.report).toMatchObject({ entitiesCreated: 1, createdIds: [`${p}-dry`] });
    expect(await snapshot(server, { prefix: p })).toEqual(before);
  });

  it('says what is wrong with a file that is not JSON at all', async () => {
    const result = await importGraph('JSON', '{ not json');
    expect(result.errors).toEqual([expect.objectContaining({ code: 'UNREADABLE_FILE' })]);
  });
});

describe('exporting', () => {
  it('round-trips a neighbourhood: export, delete, import, export again gives the same graph', async () => {
    const exported = await exportGraph(server.db, { rootId: ids.model, depth: 1 });
    expect(exported.entities.map((e) => e.id)).toEqual(expect.arrayContaining([...Object.values(ids), SRC]));
    expect(exported.relationships).toHaveLength(3);
    await removeEntities(server, Object.values(ids));
    const result = await importGraph('JSON', JSON.stringify(exported));
    expect(result.errors).toEqual([]);
    expect(result.report).toMatchObject({ entitiesCreated: 4, relationshipsCreated: 3 });
    expect(await exportGraph(server.db, { rootId: ids.model, depth: 1 })).toEqual(exported);
  });

  it('writes GraphML with one node per entity and one edge per relationship', async () => {
    const exported = await exportGraph(server.db, { rootId: ids.model, depth: 1 });
    const xml = toGraphML(exported);
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<graphml /);
    expect(xml.match(/<node id=/g)).toHaveLength(exported.entities.length);
    expect(xml.match(/<edge id=/g)).toHaveLength(3);
    expect(xml).toMatch(new RegExp(`<edge id="e\\d+" source="${ids.model}" target="${ids.chip}"><data key="e_type">TRAINED_ON</data>`));
    expect(xml).toContain(`<node id="${ids.chip}"><data key="n_kind">Chip</data>`);
    expect(xml).toContain('<key id="n_name" for="node" attr.name="label" attr.type="string"/>');
  });

  it('exports the whole graph in a form the importer accepts unchanged', async () => {
    const exported = await exportGraph(server.db);
    expect(exported.entities.length).toBeGreaterThan(200);
    const result = await runImport(server.db, 'test:whole-graph', parseImport('JSON', JSON.stringify(exported)).draft, { dryRun: true });
    expect(result.errors).toEqual([]);
    expect(result.report).toMatchObject({ entitiesCreated: 0, entitiesUpdated: 0, relationshipsCreated: 0, relationshipsUpdated: 0 });
  });
});
