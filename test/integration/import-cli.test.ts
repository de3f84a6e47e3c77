import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './harness.js';
import { asEditor, snapshot, WRITE_ENV } from './write-helpers.js';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/epoch/ml_hardware_2025-12.csv', import.meta.url));

const server = useTestServer(WRITE_ENV);

/** Runs an npm CLI script (through tsx) against the test database. */
const cli = (script: string, args: string[]) =>
  run(`${ROOT}node_modules/.bin/tsx`, [`src/cli/${script}.ts`, ...args], {
    cwd: ROOT,
    env: { ...process.env, NEO4J_URI: server.config.NEO4J_URI, LOG_LEVEL: 'warn' },
    timeout: 120_000,
  });

describe('the import and export commands', () => {
  it('imports a file as a dry run: reports what it would do, shows progress on stderr, writes nothing', async () => {
    // Entities a real import of this file would create (prefix) or fill in (ids).
    const scope = { prefix: 'huawei-ascend-9', ids: ['nvidia', 'nvidia-h100', 'nvidia-h800', 'huawei', 'tsmc', 'smic'] };
    const before = await snapshot(server, scope);
    const { stdout, stderr } = await cli('import', [FIXTURE, '--dry-run']);
    expect(stdout).toMatch(/^Dry run \(nothing written\): 170 record\(s\)\.\n {2}entities: {6}\d+ created, \d+ updated, \d+ unchanged/);
    expect(stderr).toContain('read 170 record(s) as EPOCH_HARDWARE');
    expect(await snapshot(server, scope)).toEqual(before);
  });

  it('fails with the row and column of a bad cell, a non-zero exit code and nothing written', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'atlas-cli-')), 'bad.csv');
    writeFileSync(
      file,
      'record,id,kind,name,sources,releaseDate\nentity,t-cli-ok,Model,Ok,src-epoch-notable-models,2024-01-01\nentity,t-cli-bad,Model,Bad,src-epoch-notable-models,someday\n',
    );
    const before = await snapshot(server, { prefix: 't-cli-' });
    const error = (await cli('import', [file]).catch((e: unknown) => e)) as { code?: number; stdout?: string };
    expect(error.code).toBe(1);
    expect(error.stdout).toContain('Nothing was written: 1 problem(s).');
    expect(error.stdout).toContain('row 3, column "releaseDate"');
    expect(await snapshot(server, { prefix: 't-cli-' })).toEqual(before);
  });

  it('exports the neighbourhood of an entity as GraphML', async () => {
    const { stdout, stderr } = await cli('export', ['--format', 'graphml', '--id', 'nvidia-h800', '--depth', '1']);
    expect(stdout).toContain('<node id="nvidia-h800">');
    expect(stdout).toContain('<node id="deepseek-v3">');
    expect(stderr).toMatch(/^exported \d+ entities and \d+ relationships/);
  });
});

describe('importing an Epoch file through GraphQL', () => {
  it('accepts an Epoch table as importGraph content and reports it (dry run)', async () => {
    const { readFile } = await import('node:fs/promises');
    const content = await readFile(FIXTURE, 'utf8');
    const data = await server.data<{
      importGraph: { report: { entitiesCreated: number; entitiesUpdated: number; entitiesUnchanged: number }; errors: unknown[] };
    }>(
      'mutation($content: String!) { importGraph(format: EPOCH_HARDWARE, content: $content, dryRun: true) { report { entitiesCreated entitiesUpdated entitiesUnchanged } errors { message } } }',
      { content },
      asEditor,
    );
    expect(data.importGraph.errors).toEqual([]);
    const r = data.importGraph.report;
    expect(r.entitiesCreated + r.entitiesUpdated + r.entitiesUnchanged).toBe(193);
  });
});
