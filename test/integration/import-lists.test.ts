import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { parseImport, runImport, type ImportFormat, type ImportReport } from '../../src/ingest/importers/index.js';
import { useTestServer } from './harness.js';
import { revertChangesBy, uniquePrefix, WRITE_ENV } from './write-helpers.js';

const LISTS = new URL('../../data/datasets/us-lists/', import.meta.url);
const read = (name: string): string => readFileSync(new URL(name, LISTS), 'utf8');

// A key of this file's own, so that undoing its mutation's changes touches no other test's; long timeouts for the
// importGraph mutation, which reads every entity of the graph.
const KEY = `${uniquePrefix('lists-key')}-0123456789`;
const server = useTestServer({ ...WRITE_ENV, API_KEYS: `${uniquePrefix('lists')}:${KEY}`, TX_TIMEOUT_MS: '120000', REQUEST_TIMEOUT_MS: '150000' });
const actors: string[] = [];
// The Entity List is 3,409 entries written in one transaction: slow on a busy 2-core machine.
const SLOW = 600_000;

afterAll(async () => {
  for (const actor of [...actors].reverse()) await revertChangesBy(server, actor);
  const [row] = await server.db.read((tx) => tx.run("MATCH (n:Entity) WHERE n.id IN ['bis-entity-list', 'bis-meu', 'dow-1260h'] RETURN count(n) AS n"));
  expect(Number(row!.n)).toBe(0);
}, SLOW);

/** Imports a shipped list under a fresh actor (so its changes can be undone exactly) and returns the report. */
async function importList(format: ImportFormat | 'AUTO', file: string): Promise<ImportReport> {
  const actor = `test:${uniquePrefix('lists')}`;
  actors.push(actor);
  const { draft } = parseImport(format, read(file));
  const result = await runImport(server.db, actor, draft);
  expect(result.errors).toEqual([]);
  return result.report!;
}

interface Listing {
  node: { id: string };
  relationship: {
    validFrom: string | null;
    validTo: string | null;
    citation: string | null;
    licenseRequirement: string | null;
    countries: string | null;
    notes: string | null;
    sources: { id: string }[];
  };
}

async function listedBy(id: string): Promise<Listing[]> {
  const query = `{ entity(id: "${id}") { ... on Company { listedBy { node { id } relationship { validFrom validTo citation licenseRequirement countries notes sources { id } } } } } }`;
  return (await server.data<{ entity: { listedBy: Listing[] } }>(query)).entity.listedBy;
}

const listing = async (id: string, list: string): Promise<Listing['relationship'] | undefined> =>
  (await listedBy(id)).find((l) => l.node.id === list)?.relationship;

describe('importing the US screening lists', () => {
  it(
    'imports the Entity List: the curated companies matched, their affiliates kept apart for review, possible persons left out',
    async () => {
      const report = await importList('BIS_ENTITY_LIST', 'bis_entity_list.json');
      expect(report.records).toBe(3409);
      expect(report.entitiesCreated).toBeGreaterThan(2500);
      expect(await listing('huawei', 'bis-entity-list')).toMatchObject({
        validFrom: '2019-05-21',
        citation: '84 FR 22963, 5/21/19',
        countries: 'China',
        licenseRequirement: expect.stringContaining('For all items subject to the EAR'),
        sources: [{ id: 'src-bis-entity-list-2026-07-09' }],
      });
      for (const id of ['smic', 'sophgo', 'zhipu-ai', 'hisilicon']) expect(await listing(id, 'bis-entity-list'), id).toBeDefined();
      const device = report.matchCandidates.find((m) => m.name === 'Huawei Device Co., Ltd.');
      expect(device?.candidates[0]).toMatchObject({ id: 'huawei', features: ['distinctive words', 'country'] });
      expect(device!.importedAs).not.toBe('huawei');
      expect(await listing(device!.importedAs, 'bis-entity-list')).toMatchObject({ validFrom: '2019-05-21' });
      const persons = report.skipped.filter((s) => s.reason.startsWith('possibly a natural person'));
      expect(persons.length).toBeGreaterThan(400);
      expect(report.skipped.some((s) => s.reason.includes('Abdul Satar Ghoura'))).toBe(false);
      const hits = await server.data<{ search: { node: { name: string } }[] }>('{ search(text: "Abdul Satar Ghoura", kinds: [COMPANY]) { node { name } } }');
      expect(hits.search.filter((h) => h.node.name.includes('Ghoura'))).toEqual([]);
    },
    SLOW,
  );

  it(
    'imports the Entity List again without writing anything',
    async () => {
      const report = await importList('AUTO', 'bis_entity_list.json');
      expect([report.entitiesCreated, report.entitiesUpdated, report.relationshipsCreated, report.relationshipsUpdated]).toEqual([0, 0, 0, 0]);
      expect(report.entitiesUnchanged).toBeGreaterThan(2500);
    },
    SLOW,
  );

  it(
    'imports the 1260H list: Tencent, Baidu and Alibaba matched, listed from the notice of 10 June 2026',
    async () => {
      const report = await importList('DOW_1260H', 'dow_1260h.json');
      expect(report.records).toBe(80);
      for (const id of ['tencent', 'baidu', 'alibaba', 'smic']) {
        expect(await listing(id, 'dow-1260h'), id).toMatchObject({ validFrom: '2026-06-10', citation: '91 FR 35189 (June 10, 2026)' });
      }
    },
    SLOW,
  );

  it(
    'imports the NS-CMIC list with its effective dates and the Denied Persons List with the end of each denial',
    async () => {
      const cmic = await importList('OFAC_NSCMIC', 'ofac_nscmic.json');
      expect(cmic.records).toBe(68);
      expect(await listing('huawei', 'ofac-nscmic')).toMatchObject({ validFrom: '2021-08-02', notes: expect.stringContaining('Listing Date (CMIC)') });
      const dpl = await importList('BIS_DPL', 'bis_dpl.json');
      expect(dpl.records).toBe(564);
      expect(dpl.skipped.length).toBeGreaterThan(400);
      const [row] = await server.db.read((tx) =>
        tx.run(
          "MATCH (:Regulation {id: 'bis-dpl'})-[r:LISTS]->(c:Company) RETURN count(r) AS n, count(r.validTo) AS ending, toString(min(r.validFrom)) AS first",
        ),
      );
      expect(Number(row!.n)).toBe(dpl.entitiesCreated + dpl.entitiesUpdated + dpl.entitiesUnchanged - 3);
      expect(Number(row!.ending)).toBeGreaterThan(10);
    },
    SLOW,
  );

  it(
    'imports the Military End-User list through the importGraph mutation, reporting what to review',
    async () => {
      const mutation = `mutation($content: String!) { importGraph(format: BIS_MEU, content: $content) {
      report { entitiesCreated matchCandidates { name importedAs candidates { id score features reason } } } errors { code message } } }`;
      const response = await server.gql<{ importGraph: { report: { entitiesCreated: number }; errors: unknown[] } }>(
        mutation,
        { content: read('bis_meu.json') },
        { 'x-api-key': KEY },
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.importGraph.errors).toEqual([]);
      expect(response.data!.importGraph.report.entitiesCreated).toBeGreaterThan(60);
      const [row] = await server.db.read((tx) =>
        tx.run("MATCH (:Regulation {id: 'bis-meu'})-[r:LISTS]->() RETURN count(r) AS n, toString(min(r.validFrom)) AS first"),
      );
      expect(Number(row!.n)).toBe(70);
      expect(row!.first).toBe('2020-12-23');
      const [change] = await server.db.read((tx) => tx.run("MATCH (c:Change {entityId: 'bis-meu'}) RETURN c.actor AS actor LIMIT 1"));
      actors.push(change!.actor as string);
    },
    SLOW,
  );
});
