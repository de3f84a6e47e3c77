import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_HEADER, unitRows } from '../../bench/generate-import.js';
import { parseImport, runImport } from '../../src/ingest/importers/index.js';
import { sweepAbandoned } from '../../src/store/staged-cleanup.js';
import { useTestServer } from './harness.js';
import { asEditor, removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

// Imports staged in small batches (stageAbove 0, batchSize 100) so a file of 1,000 rows takes ten staging
// transactions before it is published: what readers see meanwhile, and what a failure leaves.
const server = useTestServer(WRITE_ENV);
const STAGED = { stageAbove: 0, batchSize: 100, timeoutMs: 120_000 };
const prefixes: string[] = [];

function generated(label: string, rows = 1_000): { prefix: string; content: string; ids: string[] } {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  const lines = Array.from({ length: rows / 10 }, (_, k) => unitRows(prefix, k)).flat();
  const ids = lines.filter((l) => l.startsWith('entity,')).map((l) => l.split(',')[1]!);
  return { prefix, content: [IMPORT_HEADER, ...lines].join('\n'), ids };
}

/** Counts under a prefix: visible entities, staged ones, relationships from either kind of node, audit records, open runs. */
async function counts(prefix: string): Promise<{ visible: number; staged: number; relationships: number; changes: number }> {
  const [row] = await server.db.read((tx) =>
    tx.run(
      `RETURN COUNT { MATCH (n:Entity) WHERE n.id STARTS WITH $prefix } AS visible,
              COUNT { MATCH (n:Staged) WHERE n.id STARTS WITH $prefix } AS staged,
              COUNT { MATCH (n)-[r]->() WHERE n.id STARTS WITH $prefix } AS relationships,
              COUNT { MATCH (c:Change) WHERE c.entityId STARTS WITH $prefix } AS changes`,
      { prefix },
    ),
  );
  return row as { visible: number; staged: number; relationships: number; changes: number };
}

/**
 * What a client sees of the import: one of its companies, its audit trail, and the paths from a seed chip to a seed
 * country through its data centers (the seed has none of those, so every one runs through the import).
 */
async function clientView(prefix: string): Promise<{ company: unknown; changes: number; dataCenters: number }> {
  const data = await server.data<{ entity: unknown; changes: { edges: unknown[] }; paths: { nodes: { id: string }[] }[] }>(
    `query ($id: ID!) {
      entity(id: $id) { id }
      changes(entity: $id, first: 50) { edges { node { id } } }
      paths(from: "nvidia-a100", to: "china", maxLength: 2, first: 50, relationshipTypes: [EQUIPPED_WITH, LOCATED_IN]) { nodes { id } }
    }`,
    { id: `${prefix}-co-1` },
  );
  const dataCenters = data.paths.filter((p) => p.nodes.some((n) => n.id.startsWith(prefix))).length;
  return { company: data.entity, changes: data.changes.edges.length, dataCenters };
}

afterAll(async () => {
  for (const prefix of prefixes)
    await removeEntities(
      server,
      (await server.db.query('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id', { prefix })).map((r) => r.id as string),
    );
}, 120_000);

describe('a staged import', () => {
  it('shows clients nothing while its batches are staged, then all of it at once', async () => {
    const file = generated('staged');
    let during: { view: Awaited<ReturnType<typeof clientView>>; counts: Awaited<ReturnType<typeof counts>> } | null = null;
    const stages: string[] = [];
    const result = await runImport(server.db, 'test:staged', parseImport('CSV', file.content).draft, {
      ...STAGED,
      onProgress: async (stage, done) => {
        stages.push(stage);
        if (stage === 'writing' && done >= 900 && !during) during = { view: await clientView(file.prefix), counts: await counts(file.prefix) };
      },
    });
    expect(result.errors).toEqual([]);
    expect(result.report).toMatchObject({ entitiesCreated: 300, relationshipsCreated: 700 });
    // Nine of ten batches staged: the staged entities are in the database, and no client sees any of them.
    expect(during).toEqual({ view: { company: null, changes: 0, dataCenters: 0 }, counts: expect.objectContaining({ visible: 0, staged: 300, changes: 900 }) });
    expect(stages.filter((s) => s === 'writing')).toHaveLength(10);
    expect(stages).toContain('publishing');
    expect(await clientView(file.prefix)).toEqual({ company: { id: `${file.prefix}-co-1` }, changes: 4, dataCenters: 25 });
    expect(await counts(file.prefix)).toEqual({ visible: 300, staged: 0, relationships: 700, changes: 1_000 });
  }, 180_000);

  it('leaves nothing visible and nothing staged when a late batch fails', async () => {
    const file = generated('staged-fail');
    const stop = new Error('the ninth batch failed');
    const outcome = runImport(server.db, 'test:staged', parseImport('CSV', file.content).draft, {
      ...STAGED,
      onProgress: (stage, done) => {
        if (stage === 'writing' && done >= 900) throw stop;
      },
    });
    await expect(outcome).rejects.toBe(stop);
    expect(await counts(file.prefix)).toEqual({ visible: 0, staged: 0, relationships: 0, changes: 0 });
    expect(await clientView(file.prefix)).toEqual({ company: null, changes: 0, dataCenters: 0 });
  }, 180_000);

  it('refuses to publish over an entity created meanwhile under a staged id, and removes what it staged', async () => {
    const file = generated('staged-clash');
    const clash = `${file.prefix}-co-7`;
    const create = 'mutation ($input: CreateCompanyInput!) { createCompany(input: $input) { entity { id } errors { code } } }';
    const outcome = runImport(server.db, 'test:staged', parseImport('CSV', file.content).draft, {
      ...STAGED,
      onProgress: async (stage) => {
        if (stage !== 'publishing') return;
        const made = await server.data<{ createCompany: { errors: unknown[] } }>(
          create,
          { input: { id: clash, name: 'Clash Co', sources: ['src-company-websites'] } },
          asEditor,
        );
        expect(made.createCompany.errors).toEqual([]);
      },
    });
    await expect(outcome).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await counts(file.prefix)).toMatchObject({ visible: 1, staged: 0, relationships: 0 });
  }, 180_000);

  it('sweeps a staged import whose writer stopped touching it long ago, and keeps a fresh one', async () => {
    const prefix = uniquePrefix('staged-abandoned');
    const stale = `${prefix}-stale`;
    const fresh = `${prefix}-fresh`;
    await server.db.write(async (tx) => {
      for (const [id, age] of [
        [stale, 120],
        [fresh, 0],
      ] as const) {
        await tx.run(
          `CREATE (:ImportRun {id: $id, state: 'STAGED', heartbeatAt: datetime() - duration({minutes: $age})})
           CREATE (s:Staged {importId: $id, id: $id + '-co', kind: 'Company', name: 'Left behind'})
           WITH s MATCH (c:Entity {id: 'china'}) CREATE (s)-[:HEADQUARTERED_IN]->(c)`,
          { id, age },
        );
      }
    });
    expect(await sweepAbandoned(server.db)).toContain(stale);
    const left = await server.db.query('MATCH (s:Staged) WHERE s.id STARTS WITH $prefix RETURN s.id AS id', { prefix });
    expect(left.map((r) => r.id)).toEqual([`${fresh}-co`]);
    await server.db.write((tx) =>
      tx.run('MATCH (x) WHERE x:Staged AND x.id STARTS WITH $prefix OR x:ImportRun AND x.id = $fresh DETACH DELETE x', { prefix, fresh }),
    );
  });
});
