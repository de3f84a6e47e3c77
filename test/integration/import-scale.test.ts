import { afterAll, describe, expect, it } from 'vitest';
import { IMPORT_HEADER, unitRows } from '../../bench/generate-import.js';
import { parseImport, runImport } from '../../src/ingest/importers/index.js';
import { WRITE_BATCH } from '../../src/store/change-writer.js';
import { useTestServer } from './harness.js';
import { removeEntities, uniquePrefix, WRITE_ENV } from './write-helpers.js';

// Imports of many rows (bench/generate-import.ts: units of 3 entities and 7 relationships, 4 of them to seed
// entities) through the batched writer: 20,000 rows are staged and published at once (above STAGE_ABOVE changes),
// 10,000 written in one transaction; either way all of it lands, or none of it.
const server = useTestServer(WRITE_ENV);
const LONG = 600_000;
const prefixes: string[] = [];

/** A file of `rows` generated rows under a fresh prefix, with `edit` applied to the rows (0-based, header excluded). */
function generated(label: string, rows: number, edit: (lines: string[]) => void = () => undefined): { prefix: string; content: string; lines: string[] } {
  const prefix = uniquePrefix(label);
  prefixes.push(prefix);
  const lines = Array.from({ length: rows / 10 }, (_, k) => unitRows(prefix, k)).flat();
  edit(lines);
  return { prefix, content: [IMPORT_HEADER, ...lines].join('\n'), lines };
}

/** What the graph holds under a prefix: entity ids, relationship keys (from|type|to) and audit records. */
async function landed(prefix: string): Promise<{ ids: string[]; relationships: string[]; changes: { seq: number; at: string }[] }> {
  return server.db.read(
    async (tx) => {
      const ids = await tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix RETURN n.id AS id', { prefix });
      const rels = await tx.run('MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH $prefix RETURN a.id + "|" + type(r) + "|" + b.id AS k', { prefix });
      const changes = await tx.run('MATCH (c:Change) WHERE c.entityId STARTS WITH $prefix RETURN c.seq AS seq, toString(c.at) AS at', { prefix });
      return {
        ids: ids.map((r) => r.id as string).sort(),
        relationships: rels.map((r) => r.k as string).sort(),
        changes: changes as { seq: number; at: string }[],
      };
    },
    { timeoutMs: 120_000 },
  );
}

/** The ids and relationship keys the generated rows assert. */
function expected(lines: readonly string[]): { ids: string[]; relationships: string[] } {
  const cells = lines.map((l) => l.split(','));
  return {
    ids: cells
      .filter((c) => c[0] === 'entity')
      .map((c) => c[1]!)
      .sort(),
    relationships: cells
      .filter((c) => c[0] === 'relationship')
      .map((c) => `${c[14]}|${c[13]}|${c[15]}`)
      .sort(),
  };
}

afterAll(async () => {
  for (const prefix of prefixes) {
    const { ids } = await landed(prefix);
    await removeEntities(server, ids);
  }
}, 600_000);

describe('importing a file of 20,000 rows', () => {
  const file = generated('scale', 20_000);

  it(
    'writes every entity, relationship and audit record in batches, reporting progress after each',
    async () => {
      const progress: [string, number, number][] = [];
      const result = await runImport(server.db, 'test:scale', parseImport('CSV', file.content).draft, {
        timeoutMs: 600_000,
        onProgress: (stage, done, total) => progress.push([stage, done, total]),
      });
      expect(result.errors).toEqual([]);
      expect(result.report).toMatchObject({ records: 20_000, entitiesCreated: 6_000, relationshipsCreated: 14_000 });
      const writing = progress.filter(([stage]) => stage === 'writing');
      expect(writing.length).toBe(Math.ceil(6_000 / WRITE_BATCH) + Math.ceil(14_000 / WRITE_BATCH));
      expect(writing.map(([, done]) => done)).toEqual([...writing.map(([, done]) => done)].sort((a, b) => a - b));
      expect(writing.at(-1)).toEqual(['writing', 20_000, 20_000]);

      const graph = await landed(file.prefix);
      expect({ ids: graph.ids, relationships: graph.relationships }).toEqual(expected(file.lines));
      // One audit record per row, in one ordered sequence under one timestamp across all the batches.
      expect(graph.changes.map((c) => c.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20_000 }, (_, i) => i));
      expect(new Set(graph.changes.map((c) => c.at)).size).toBe(1);
    },
    LONG,
  );

  it(
    'finds everything unchanged when the same file is imported again, and writes nothing',
    async () => {
      const result = await runImport(server.db, 'test:scale', parseImport('CSV', file.content).draft, { timeoutMs: 600_000 });
      expect(result.report).toMatchObject({
        entitiesCreated: 0,
        entitiesUpdated: 0,
        entitiesUnchanged: 6_000,
        relationshipsCreated: 0,
        relationshipsUpdated: 0,
      });
      expect(result.report!.relationshipsUnchanged).toBe(14_000);
      expect((await landed(file.prefix)).changes.length).toBe(20_000);
    },
    LONG,
  );
});

describe('a large import that fails', () => {
  it(
    'writes nothing when one of 20,000 rows is wrong, and names that row',
    async () => {
      const file = generated('scale-bad', 20_000, (lines) => {
        // Row 19,993 of the file: a model, whose release date becomes a day that does not exist.
        lines[19_991] = lines[19_991]!.replace(/,2\d\d\d-\d\d-\d\d,/, ',2024-02-30,');
      });
      expect(file.lines[19_991]).toContain(',2024-02-30,');
      const result = await runImport(server.db, 'test:scale', parseImport('CSV', file.content).draft, { timeoutMs: 600_000 });
      expect(result.report).toBeNull();
      expect(result.errors.map((e) => e.field)).toEqual(['rows[19993].releaseDate']);
      expect(await landed(file.prefix)).toEqual({ ids: [], relationships: [], changes: [] });
    },
    LONG,
  );

  it(
    'leaves nothing of the batches already written when the write stops part-way',
    async () => {
      const file = generated('scale-abort', 10_000);
      const stop = new Error('stopped after the first batches');
      const outcome = runImport(server.db, 'test:scale', parseImport('CSV', file.content).draft, {
        timeoutMs: 600_000,
        onProgress: (stage, done) => {
          if (stage === 'writing' && done >= 5_000) throw stop;
        },
      });
      await expect(outcome).rejects.toThrow();
      expect(await landed(file.prefix)).toEqual({ ids: [], relationships: [], changes: [] });
    },
    LONG,
  );

  it('refuses a row with a cell beyond the header, naming its row and column, and writes nothing', async () => {
    const file = generated('scale-extra', 1_000, (lines) => {
      lines[500] = `${lines[500]},stray`;
    });
    const { draft } = parseImport('AUTO', file.content);
    const result = await runImport(server.db, 'test:scale', draft);
    expect(result.errors).toEqual([expect.objectContaining({ code: 'EXTRA_CELL', field: 'rows[502].column21' })]);
    expect(result.errors[0]!.message).toMatch(/^row 502, column 21: /);
    expect(await landed(file.prefix)).toEqual({ ids: [], relationships: [], changes: [] });
  });
});
