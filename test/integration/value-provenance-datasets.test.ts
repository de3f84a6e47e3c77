import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetActor, readManifest, type ManifestEntry } from '../../src/ingest/default-graph.js';
import { updateDatasets } from '../../src/ingest/dataset-update.js';
import { useTestServer } from './harness.js';
import { revertChangesBy, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const server = useTestServer(WRITE_ENV);
const prefix = uniquePrefix('prov-datasets');

/** The shipped file's header and the lines `keep` picks: real rows, loaded the way the default graph loads them. */
const shippedLines = (file: string, keep: (line: string) => boolean): string => {
  const [header, ...rows] = readFileSync(new URL(`../../data/datasets/${file}`, import.meta.url), 'utf8').split(/\r?\n/);
  return [header, ...rows.filter(keep)].join('\n');
};

// A folder of its own with a manifest naming each subset under a unique path (so the markers are this file's),
// with the shipped manifest's Source and snapshot date for each.
const dir = mkdtempSync(path.join(tmpdir(), 'atlas-prov-'));
mkdirSync(path.join(dir, prefix));
const shipped = new Map(readManifest().map((e) => [e.file, e]));
const subsets = [
  // El Capitan, renamed for this run so the system is this test's own.
  ['top500/top500_2025-06.csv', shippedLines('top500/top500_2025-06.csv', (l) => l.startsWith('1;')).replace(';El Capitan;', `;${prefix} El Capitan;`)],
  ['aws/aws_gpu_instance_regions_2026-01.csv', shippedLines('aws/aws_gpu_instance_regions_2026-01.csv', (l) => l.includes(',ap-southeast-5,'))],
  // One document the seed cites (its curated values win) and one it does not.
  [
    'federal-register/fr_bis_documents_2020-2026_partial.csv',
    shippedLines('federal-register/fr_bis_documents_2020-2026_partial.csv', (l) => /^(2019-27649|2022-21658),/.test(l)),
  ],
] as const;
const entries: ManifestEntry[] = subsets.map(([file, content]) => {
  writeFileSync(path.join(dir, prefix, path.basename(file)), content);
  // Each file its own dataset (no `dataset`), so no baseline of the shipped files is compared with these subsets.
  return { ...shipped.get(file)!, file: `${prefix}/${path.basename(file)}`, dataset: undefined };
});
writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify({ files: entries }));

afterAll(async () => {
  for (const { file } of [...entries].reverse()) await revertChangesBy(server, datasetActor(file));
  await server.db.write(async (tx) => {
    await tx.run('MATCH (d:DatasetLoad) WHERE d.file IN $files DELETE d', { files: entries.map((e) => e.file) });
    await tx.run('MATCH (run:ImportRun) WHERE run.actor IN $actors DELETE run', { actors: entries.map((e) => datasetActor(e.file)) });
  });
}, 300_000);

interface Provenance {
  readonly property: string;
  readonly sources: { id: string }[];
  readonly confidence: string | null;
  readonly asOf: string | null;
  readonly note: string | null;
}

async function provenanceOf(id: string, property: string): Promise<{ sources: { id: string }[]; entry: Provenance }> {
  const query = `{ entity(id: "${id}") { sources { id } valueProvenance(property: "${property}") { property sources { id } confidence asOf note } } }`;
  const { entity } = await server.data<{ entity: { sources: { id: string }[]; valueProvenance: Provenance[] } }>(query);
  return { sources: entity.sources, entry: entity.valueProvenance[0]! };
}

describe('the provenance of the values the TOP500, cloud and Federal Register importers write', () => {
  it('loads the real rows as the default graph does', async () => {
    const update = await updateDatasets(server.db, dir);
    expect(update.imported.map((i) => [i.file, i.report.skipped.length])).toEqual(entries.map((e) => [e.file, 0]));
  }, 300_000);

  it("credits El Capitan's Rmax and power to the June 2025 TOP500 list, as of its month, at high confidence", async () => {
    const id = `${prefix}-el-capitan`;
    expect((await provenanceOf(id, 'rmaxPflops')).entry).toEqual({
      property: 'rmaxPflops',
      sources: [{ id: 'src-dataset-top500-2025-06' }],
      confidence: 'HIGH',
      asOf: '2025-06-01',
      note: null,
    });
    expect((await provenanceOf(id, 'powerMw')).entry).toMatchObject({ confidence: 'HIGH', asOf: '2025-06-01', note: 'TOP500 Power Source: Submitted.' });
    expect((await provenanceOf(id, 'top500Rank')).entry).toMatchObject({ sources: [{ id: 'src-dataset-top500-2025-06' }], asOf: '2025-06-01' });
  });

  it("dates a cloud region's status by the AWS listing, and leaves the city from the region table on the entity's sources", async () => {
    const id = 'aws-ap-southeast-5';
    expect((await provenanceOf(id, 'status')).entry).toMatchObject({
      sources: [{ id: 'src-dataset-aws-gpu-instances-2026-01' }],
      confidence: 'HIGH',
      asOf: '2026-01-21',
    });
    const city = await provenanceOf(id, 'city');
    expect(city.entry).toMatchObject({ sources: city.sources, confidence: null, asOf: null });
  });

  it("credits a Federal Register document's publication date to the table, and keeps none for a curated date", async () => {
    expect((await provenanceOf('src-fr-2019-27649', 'publishedDate')).entry).toEqual({
      property: 'publishedDate',
      sources: [{ id: 'src-dataset-federal-register-bis-partial' }],
      confidence: 'HIGH',
      asOf: null,
      note: null,
    });
    const curated = await provenanceOf('src-fr-2022-21658', 'publishedDate');
    expect(curated.entry).toMatchObject({ sources: curated.sources, confidence: null });
  });
});
