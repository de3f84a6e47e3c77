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

// A second folder: one dataset (named, so its marker's baseline is found by name) and another file whose own
// Source also cites one of the dataset's relationships.
const goneDir = mkdtempSync(path.join(tmpdir(), 'atlas-refresh-gone-'));
const gonePrefix = uniquePrefix('gone');
const [main, other, renamed] = [`${gonePrefix}/companies.csv`, `${gonePrefix}/partners.csv`, `${gonePrefix}/companies-2027.csv`];
const co = ['a', 'b', 'c', 'd', 'e'].map((x) => `${gonePrefix}-${x}`) as [string, string, string, string, string];
const [onlyOurs, alsoTheirs] = [`${co[0]}|SUBSIDIARY_OF|${co[1]}`, `${co[2]}|SUBSIDIARY_OF|${co[3]}`];
mkdirSync(path.join(goneDir, gonePrefix));

const goneManifest = (snapshotDate: string, file = main): void =>
  writeFileSync(
    path.join(goneDir, 'manifest.json'),
    JSON.stringify({
      files: [
        {
          file,
          dataset: `${gonePrefix}-companies`,
          importer: 'CSV',
          source: 'src-company-websites',
          snapshotDate,
          publisher: 'Test',
          licence: 'CC0',
          origin: 'this test',
        },
        { file: other, importer: 'CSV', source: 'src-fr-2024-05696', snapshotDate: '2026-10-01', publisher: 'Test', licence: 'CC0', origin: 'this test' },
      ],
    }),
  );
const graphCsv = (rows: string[]): string => ['record,id,kind,name,sources,type,from,to', ...rows].join('\n');
const entityRow = (id: string): string => `entity,${id},Company,${id.toUpperCase()},src-company-websites,,,`;
const subsidiary = ([from, , to]: string[]): string => `relationship,,,,src-company-websites,SUBSIDIARY_OF,${from},${to}`;
const mainSnapshot = (entities: string[], relationships: string[], file = main): void =>
  writeFileSync(path.join(goneDir, file), graphCsv([...entities.map(entityRow), ...relationships.map((k) => subsidiary(k.split('|')))]));

const goneState = async (key: string): Promise<{ validTo: unknown; sources: unknown } | undefined> => {
  const [from, type, to] = key.split('|');
  const rows = await server.db.query(`MATCH (:Entity {id: $from})-[r:${type}]->(:Entity {id: $to}) RETURN r.validTo AS validTo, r.sourceIds AS sources`, {
    from,
    to,
  });
  return rows[0] as { validTo: unknown; sources: unknown } | undefined;
};
const changesBy = async (actor: string): Promise<Record<string, unknown>[]> =>
  (
    await server.db.query('MATCH (c:Change {actor: $actor}) RETURN c.operation AS operation, c.entityId AS from, c.after AS after ORDER BY c.seq', { actor })
  ).map((r) => ({ ...r, after: JSON.parse(r.after as string) as unknown }));

afterAll(async () => {
  await removeEntities(server, co);
  await server.db.write(async (tx) => {
    await tx.run('MATCH (d:DatasetLoad) WHERE d.file IN $files DELETE d', { files: [main, other, renamed] });
    await tx.run('MATCH (run:ImportRun) WHERE run.actor IN $actors DELETE run', { actors: [main, other, renamed].map(datasetActor) });
  });
});

describe('refreshing a dataset that lost records upstream', () => {
  it('records the first snapshot as the baseline, with nothing gone', async () => {
    goneManifest('2026-10');
    mainSnapshot(co, [onlyOurs, alsoTheirs]);
    writeFileSync(path.join(goneDir, other), graphCsv([`relationship,,,,src-fr-2024-05696,SUBSIDIARY_OF,${co[2]},${co[3]}`]));
    const update = await updateDatasets(server.db, goneDir);
    expect(update.imported.map((i) => [i.file, i.gone])).toEqual([
      [main, { entities: [], relationships: [], ended: [], keptOpen: [], reopened: [] }],
      [other, { entities: [], relationships: [], ended: [], keptOpen: [], reopened: [] }],
    ]);
    const [marker] = await server.db.query(
      'MATCH (d:DatasetLoad {file: $main}) RETURN d.dataset AS dataset, d.baselineDate AS date, d.baselineRelationshipKeys AS keys',
      { main },
    );
    expect(marker).toEqual({ dataset: `${gonePrefix}-companies`, date: '2026-10-01', keys: [onlyOurs, alsoTheirs] });
    expect((await goneState(alsoTheirs))?.sources).toEqual(['src-company-websites', 'src-fr-2024-05696']);
  });

  it('ends a relationship only its source cited, keeps one cited elsewhere open, and deletes nothing, through the command', async () => {
    goneManifest('2026-11-15');
    mainSnapshot(co.slice(0, 4), []);
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['src/cli/data-update.ts', goneDir], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: server.config.NEO4J_URI, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    expect(stdout).toContain('gone upstream: 1 entit(ies), 2 relationship(s); nothing deleted');
    expect(stdout).toContain(`entities (kept, reported only): ${co[4]}`);
    expect(stdout).toContain(`ended (validTo = the snapshot's date): ${onlyOurs}`);
    expect(stdout).toContain(`kept open (another source cites them too, or they start after the snapshot): ${alsoTheirs}`);
    expect(await goneState(onlyOurs)).toEqual({ validTo: '2026-11-15', sources: ['src-company-websites'] });
    const [marker] = await server.db.query('MATCH (d:DatasetLoad {file: $main}) RETURN d.baselineEndedKeys AS ended', { main });
    expect(marker!.ended).toEqual([`${onlyOurs}@2026-11-15`]);
    expect((await goneState(alsoTheirs))?.validTo).toBeNull();
    expect(await server.db.query('MATCH (n:Entity {id: $id}) RETURN n.id AS id', { id: co[4] })).toEqual([{ id: co[4] }]);
    const trail = await server.data<{ changes: { edges: { node: { operation: string; before: string; after: string } }[] } }>(
      `{ changes(entity: "${co[1]}", first: 1) { edges { node { operation before after } } } }`,
    );
    const [ending] = trail.changes.edges.map((e) => e.node);
    expect(ending!.operation).toBe('UPDATE_RELATIONSHIP');
    expect(JSON.parse(ending!.before)).not.toHaveProperty('validTo');
    expect(JSON.parse(ending!.after)).toMatchObject({ type: 'SUBSIDIARY_OF', from: co[0], to: co[1], validTo: '2026-11-15' });
  });

  it('changes nothing when the same snapshot is refreshed again', async () => {
    const before = await changesBy(datasetActor(main));
    const update = await updateDatasets(server.db, goneDir);
    expect(update.states.map((s) => s.status)).toEqual(['unchanged', 'unchanged']);
    expect(update.imported).toEqual([]);
    expect(await changesBy(datasetActor(main))).toEqual(before);
  });

  it('does not clear validTo when an older snapshot is imported after the newer one, and keeps the newer baseline', async () => {
    goneManifest('2026-10');
    mainSnapshot(co, [onlyOurs, alsoTheirs]);
    const before = await changesBy(datasetActor(main));
    const update = await updateDatasets(server.db, goneDir);
    expect(update.imported.map((i) => [i.file, i.gone.relationships, i.report.relationshipsUpdated])).toEqual([[main, [], 0]]);
    expect((await goneState(onlyOurs))?.validTo).toBe('2026-11-15');
    expect(await changesBy(datasetActor(main))).toEqual(before);
    const [marker] = await server.db.query(
      'MATCH (d:DatasetLoad {file: $main}) RETURN d.snapshotDate AS snapshot, d.baselineDate AS date, d.baselineRelationshipKeys AS keys',
      { main },
    );
    expect(marker).toEqual({ snapshot: '2026-10', date: '2026-11-15', keys: [] });
  });

  it('compares a newer snapshot under another file name with the dataset of the same name', async () => {
    goneManifest('2027-01-01', renamed);
    mainSnapshot(co.slice(0, 3), [], renamed);
    const update = await updateDatasets(server.db, goneDir);
    expect(update.states.map((s) => [s.file, s.status])).toEqual([
      [renamed, 'new'],
      [other, 'unchanged'],
    ]);
    expect(update.imported.map((i) => [i.file, i.gone])).toEqual([[renamed, { entities: [co[3]], relationships: [], ended: [], keptOpen: [], reopened: [] }]]);
  });

  it('reopens a relationship it ended when a newer snapshot lists it again: not held in the gap, held after it', async () => {
    goneManifest('2027-02-01', renamed);
    mainSnapshot(co.slice(0, 3), [onlyOurs], renamed);
    const { stdout } = await run(`${ROOT}node_modules/.bin/tsx`, ['src/cli/data-update.ts', goneDir], {
      cwd: ROOT,
      env: { ...process.env, NEO4J_URI: server.config.NEO4J_URI, LOG_LEVEL: 'warn' },
      timeout: 120_000,
    });
    expect(stdout).toContain(`back upstream, reopened (a new period from the snapshot's date): ${onlyOurs}`);
    expect(stdout).not.toContain('gone upstream');
    const parents = async (asOf: string) =>
      (
        await server.data<{
          entity: { parents: { node: { id: string }; relationship: { validFrom: string | null; validTo: string | null; notes: string } }[] };
        }>(`{ entity(id: "${co[0]}") { ... on Company { parents(asOf: "${asOf}") { node { id } relationship { validFrom validTo notes } } } } }`)
      ).entity.parents;
    expect(await parents('2026-12-01')).toEqual([]);
    const [after] = await parents('2027-03-01');
    expect(after).toMatchObject({ node: { id: co[1] }, relationship: { validFrom: '2027-02-01', validTo: null } });
    expect(after!.relationship.notes).toBe(
      "Held until 2026-11-15; not in the dataset's snapshot of 2026-11-15, listed again in the snapshot of 2027-02-01, from which this period runs.",
    );
    // The ended period stays in the change history: the reopening's before is it.
    const [reopening] = (await changesBy(datasetActor(renamed))).filter((c) => c.operation === 'UPDATE_RELATIONSHIP');
    expect(reopening!.after).toMatchObject({ type: 'SUBSIDIARY_OF', from: co[0], to: co[1], validFrom: '2027-02-01' });
    const [change] = await server.db.query("MATCH (c:Change {actor: $actor, operation: 'UPDATE_RELATIONSHIP'}) RETURN c.before AS before", {
      actor: datasetActor(renamed),
    });
    expect(JSON.parse(change!.before as string)).toMatchObject({ validTo: '2026-11-15' });
    const [marker] = await server.db.query('MATCH (d:DatasetLoad {file: $renamed}) RETURN d.baselineEndedKeys AS ended, d.report AS report', { renamed });
    expect(marker!.ended).toEqual([]);
    expect(JSON.parse(marker!.report as string)).toMatchObject({ relationshipsGone: 0, relationshipsReopened: 1 });
  });
});
