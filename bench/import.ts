import { spawn } from 'node:child_process';
import { mkdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Database } from '../src/db/database.js';
import { startLocalNeo4j } from '../src/db/local-neo4j.js';
import { migrate } from '../src/db/migrations.js';
import { loadSeed } from '../src/ingest/seed.js';
import { projectRoot } from '../src/project-root.js';
import { writeImportFile } from './generate-import.js';
import { rssMb, sampleRss } from './processes.js';
import { writeImportResults, type ImportRun } from './import-report.js';

/**
 * `npm run bench:import -- --sizes 1e4,1e5,1e6`: imports generated graph CSV files (bench/generate-import.ts) of
 * each size through `npm run import` (src/cli/import.ts, one process per file) into a dedicated local Neo4j that
 * holds the seed graph, one after the other, and records rows per second, the time of each stage and peak RSS of
 * the command and of Neo4j. Writes bench/results/<date>-import.json and .md.
 */
function options() {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '1e4,1e5,1e6' },
      heap: { type: 'string', default: '2g' },
      'data-dir': { type: 'string' },
      out: { type: 'string' },
    },
  });
  return {
    sizes: values.sizes!.split(',').map(Number),
    heap: values.heap!,
    dataDir: values['data-dir'] ?? path.join(projectRoot(), '.data', 'bench-import'),
    out: values.out ?? path.join(projectRoot(), 'bench', 'results'),
  };
}

/** The import command's V8 heap limit: 10^6 rows come near Node's default of about 4 GB. */
const NODE_HEAP = '--max-old-space-size=6144';

/** The highest RSS of a process seen so far (sampled every second), readable at any time. */
function peakRss(pid: number): { peek: () => number | null } {
  let peak: number | null = null;
  const timer = setInterval(() => {
    const mb = rssMb(pid);
    if (mb !== null) peak = Math.max(peak ?? 0, mb);
  }, 1_000);
  timer.unref();
  return { peek: () => peak };
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** Seconds since the command started at each stage line it printed (src/cli/import.ts). */
function stagesOf(stderr: string): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const m of stderr.matchAll(/^(read \d+ record\(s\)|matching|comparing|finished)\D*?([\d.]+) s/gm)) stages[m[1]!.split(' ')[0]!] = Number(m[2]);
  return stages;
}

/** Runs the import command on a file and measures it (peak RSS from /proc while it runs, and as the command reports it). */
function runImportCommand(file: string, uri: string): Promise<Omit<ImportRun, 'rows' | 'fileMb'>> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/import.ts', file], {
      cwd: projectRoot(),
      env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: '', LOG_LEVEL: 'warn', NODE_OPTIONS: NODE_HEAP },
    });
    const rss = sampleRss(child.pid!, 500);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const reported = /peak RSS (\d+) MB/.exec(stderr);
      resolve({ exitCode: code, seconds, stages: stagesOf(stderr), peakRssMb: reported ? Number(reported[1]) : rss().peakMb, report: stdout.trim() });
    });
  });
}

async function main(): Promise<void> {
  const opts = options();
  const loadAvgAtStart = os.loadavg();
  rmSync(opts.dataDir, { recursive: true, force: true });
  const neo4j = await startLocalNeo4j({ dataDir: opts.dataDir, port: 0, heap: opts.heap, pageCacheMb: 1024, quickStart: false, log, startTimeoutMs: 600_000 });
  const neo4jRss = peakRss(neo4j.pid);
  const runs: ImportRun[] = [];
  // Written after every file (and on failure), so a long run that is stopped keeps what it measured.
  const save = (): void => {
    const cpus = os.cpus();
    writeImportResults(opts.out, {
      date: new Date().toISOString(),
      command: `npm run bench:import -- ${process.argv.slice(2).join(' ')}`.trim(),
      machine: {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model ?? 'unknown',
        totalMemGb: +(os.totalmem() / 2 ** 30).toFixed(1),
        node: process.version,
        loadAvgAtStart,
        loadAvgAtEnd: os.loadavg(),
      },
      neo4j: { heap: opts.heap, peakRssMb: neo4jRss.peek() },
      nodeOptions: NODE_HEAP,
      runs,
    });
  };
  try {
    const db = new Database({ uri: neo4j.uri, user: 'neo4j', password: '', database: 'neo4j', txTimeoutMs: 600_000 });
    // A JVM just started on a loaded machine may refuse the first schema statements; try again a few times.
    for (let attempt = 1; ; attempt += 1) {
      const failed = await migrate(db).then(
        () => null,
        (error: unknown) => error as Error,
      );
      if (!failed) break;
      log(`migrations failed (${String((failed.cause as Error | undefined)?.message ?? failed.message)}); attempt ${attempt}`);
      if (attempt === 5) throw failed;
      await new Promise((resolve) => setTimeout(resolve, 5_000));
    }
    await loadSeed(db);
    await db.close();
    const dir = path.join(projectRoot(), '.cache', 'bench');
    mkdirSync(dir, { recursive: true });
    for (const rows of opts.sizes) {
      const file = path.join(dir, `import-${rows}.csv`);
      await writeImportFile(file, rows, `bench${rows}`);
      const { size } = statSync(file);
      log(`importing ${rows} rows (${(size / 2 ** 20).toFixed(1)} MB)…`);
      runs.push({ rows, fileMb: +(size / 2 ** 20).toFixed(1), ...(await runImportCommand(file, neo4j.uri)) });
      rmSync(file, { force: true });
      save();
    }
  } finally {
    save();
    await neo4j.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:import failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
