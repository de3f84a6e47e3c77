import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetActor } from '../../src/ingest/default-graph.js';
import { updateDatasets } from '../../src/ingest/dataset-update.js';
import { useTestServer } from './harness.js';
import { removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const server = useTestServer(WRITE_ENV);

// A folder of its own with a manifest naming one graph CSV under a unique path, so its marker is this file's alone.
const prefix = uniquePrefix('refresh');
const dir = mkdtempSync(path.join(tmpdir(), 'atlas-refresh-'));
const file = `${prefix}/companies.csv`;
const ids = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
mkdirSync(path.join(dir, prefix));
writeFileSync(
  path.join(dir, 'manifest.json'),
  JSON.stringify({
    files: [{ file, importer: 'CSV', source: 'src-company-websites', snapshotDate: '2026-12-01', publisher: 'Test', licence: 'CC0', origin: 'this test' }],
  }),
);

const snapshot = (rows: string[]): void =>
  writeFileSync(path.join(dir, file), ['record,id,kind,name,sources,foundedYear', ...rows.map((r) => `entity,${r}`)].join('\n'));
const company = (id: string, name: string, year: number): string => `${id},Company,${name},src-company-websites,${year}`;

afterAll(async () => {
  await removeEntities(server, ids);
  await server.db.write(async (tx) => {
    await tx.run('MATCH (d:DatasetLoad {file: $file}) DELETE d', { file });
    await tx.run('MATCH (run:ImportRun {actor: $actor}) DELETE run', { actor: datasetActor(file) });
  });
});

const foundedYear = async (id: string): Promise<unknown> => (await server.db.query('MATCH (n:Entity {id: $id}) RETURN n.foundedYear AS y', { id }))[0]?.y;

describe('refreshing the datasets (npm run data:update)', () => {
  it('imports a new snapshot, then skips it while it is unchanged', async () => {
    writeFileSync(path.join(dir, 'README.md'), 'notes');
    writeFileSync(path.join(dir, `${prefix}/extra.csv`), 'not listed');
    snapshot([company(ids[0]!, 'Refresh A', 2001), company(ids[1]!, 'Refresh B', 2002)]);
    const first = await updateDatasets(server.db, dir);
    expect(first.states).toEqual([{ file, status: 'new', sha256: expect.stringMatching(/^[0-9a-f]{64}$/), loaded: null }]);
    expect(first.unlisted).toEqual([`${prefix}/extra.csv`]);
    expect(first.imported.map((i) => [i.file, i.report.entitiesCreated])).toEqual([[file, 2]]);

    const again = await updateDatasets(server.db, dir);
    expect(again.states.map((s) => s.status)).toEqual(['unchanged']);
    expect(again.imported).toEqual([]);
  });

  it('reports a dry run without importing, through the command', async () => {
    snapshot([company(ids[0]!, 'Refresh A', 2005), company(ids[1]!, 'Refresh B', 2002), company(ids[2]!, 'Refresh C', 2010)]);
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['src/cli/data-update.ts', dir, '--dry-run'], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: server.config.NEO4J_URI, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    expect(stdout).toMatch(new RegExp(`changed +${file} \\(was [0-9a-f]{12}…\\)`));
    expect(stdout).toContain('Dry run: 1 file(s) would be imported.');
    expect(await foundedYear(ids[2]!)).toBeUndefined();
  });

  it('re-imports a changed snapshot: adds what is new, keeps what the graph holds and lists the disagreement', async () => {
    const update = await updateDatasets(server.db, dir);
    expect(update.states.map((s) => s.status)).toEqual(['changed']);
    const [{ report }] = update.imported as [(typeof update.imported)[number]];
    expect(report).toMatchObject({ entitiesCreated: 1 });
    expect(report.disagreements).toEqual([{ target: ids[0], field: 'foundedYear', kept: 2001, offered: 2005, sources: ['src-company-websites'] }]);
    expect(await foundedYear(ids[0]!)).toBe(2001);
    expect(await foundedYear(ids[2]!)).toBe(2010);
    const [marker] = await server.db.query('MATCH (d:DatasetLoad {file: $file}) RETURN d.sha256 AS sha, d.disagreements AS disagreements', { file });
    expect(marker!.sha).toBe(update.states[0]!.sha256);
    expect((marker!.disagreements as string[]).map((d) => JSON.parse(d) as unknown)).toEqual(report.disagreements);
  });

  it('imports nothing when a file the manifest names is missing, and says which', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'atlas-refresh-missing-'));
    writeFileSync(
      path.join(empty, 'manifest.json'),
      JSON.stringify({ files: [{ file: 'gone.csv', importer: 'CSV', source: 's', snapshotDate: null, publisher: 'p', licence: 'l', origin: 'o' }] }),
    );
    const update = await updateDatasets(server.db, empty);
    expect(update).toEqual({ states: [{ file: 'gone.csv', status: 'missing', sha256: null, loaded: null }], unlisted: [], imported: [] });
  });
});
