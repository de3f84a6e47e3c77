import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.js';
import { AppError } from '../errors.js';
import { connect } from '../db/connect.js';
import { IMPORT_FORMATS, parseImport, runImport, type ImportFormat, type ImportResult } from '../ingest/importers/index.js';
import { createLogger } from '../logger.js';

const USAGE = `Usage: npm run import -- <file> [--format auto|${IMPORT_FORMATS.map((f) => f.toLowerCase().replaceAll('_', '-')).join('|')}] [--dry-run] [--timeout <seconds>]
Imports a graph JSON, graph CSV, Epoch AI or cloud-listing CSV, or US screening-list JSON file, all or nothing: in one transaction, or
above 10,000 changes staged in transactions of 2,000 and published at once (see docs/import-export.md).
--timeout: each transaction's time limit; by default 300 s, or 5 ms per record for files of more than 60,000.`;

/** The default time limit of an import's transaction: 300 s, or 5 ms a record (10^6 records: 83 min). */
const defaultTimeoutMs = (records: number): number => Math.max(300_000, records * 5);

const started = performance.now();
/** Seconds since the command started, for the stage lines on stderr. */
const elapsed = (): string => `${((performance.now() - started) / 1000).toFixed(1)} s`;

/** Records above which a progress bar is drawn on stderr. */
const PROGRESS_THRESHOLD = 200;

function formatOf(value: string): ImportFormat | 'AUTO' {
  const upper = value.toUpperCase().replace(/-/g, '_');
  if (upper === 'AUTO' || (IMPORT_FORMATS as readonly string[]).includes(upper)) return upper as ImportFormat | 'AUTO';
  throw new Error(`Unknown format "${value}".\n${USAGE}`);
}

/** The report as text: counts first, then what was left out and what was not understood. */
export function describeResult(result: ImportResult, dryRun: boolean): string {
  if (!result.report) return `Nothing was written: ${result.errors.length} problem(s).\n${result.errors.map((e) => `  ${e.message}`).join('\n')}\n`;
  const r = result.report;
  const lines = [
    `${dryRun ? 'Dry run (nothing written)' : 'Imported'}: ${r.records} record(s).`,
    `  entities:      ${r.entitiesCreated} created, ${r.entitiesUpdated} updated, ${r.entitiesUnchanged} unchanged`,
    `  relationships: ${r.relationshipsCreated} created, ${r.relationshipsUpdated} updated, ${r.relationshipsUnchanged} unchanged`,
    `  skipped:       ${r.skipped.length}`,
    ...(r.disagreements.length ? [`  kept against the file: ${r.disagreements.length} value(s) the graph already had (docs/data.md)`] : []),
    ...r.skipped.map((s) => `    ${s.at}: ${s.reason}`),
    ...(r.unknownColumns.length ? [`  unknown columns (ignored): ${r.unknownColumns.map((c) => `"${c}"`).join(', ')}`] : []),
    ...(r.matchCandidates.length ? [`  to review:     ${r.matchCandidates.length} imported apart from a possible match`] : []),
    ...r.matchCandidates.map(
      (m) => `    ${m.at} "${m.name}" → ${m.importedAs}; may be ${m.candidates.map((c) => `${c.id} (${c.score}: ${c.reason})`).join(', ')}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}

function progressReporter(records: number): { onProgress: (stage: string, done: number, total: number) => void; stop: () => void } {
  if (records < PROGRESS_THRESHOLD) return { onProgress: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar(
    // Without a terminal (a log, a pipe) the bar is written as a line every 5 s instead of redrawn.
    { stream: process.stderr, format: '{stage} [{bar}] {value}/{total} changes', hideCursor: true, noTTYOutput: true, notTTYSchedule: 5_000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: (stage, done, total) => {
      if (stage !== 'writing') return void process.stderr.write(`${stage}… (${elapsed()})\n`);
      if (!started) bar.start(total, 0, { stage });
      started = true;
      bar.update(done, { stage });
    },
    stop: () => started && bar.stop(),
  };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'auto' },
      'dry-run': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length !== 1) throw new Error(USAGE);
  const file = positionals[0]!;
  const timeoutS = values.timeout === undefined ? null : Number(values.timeout);
  if (timeoutS !== null && !(timeoutS > 0)) throw new Error(`--timeout must be a number of seconds above 0.\n${USAGE}`);
  process.stderr.write(`reading ${file}…\n`);
  const { format, draft } = parseImport(formatOf(values.format!), readFileSync(file, 'utf8'));
  process.stderr.write(`read ${draft.records} record(s) as ${format} (${elapsed()})\n`);
  const config = loadConfig();
  const connection = await connect(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  const progress = progressReporter(draft.records);
  try {
    const dryRun = values['dry-run']!;
    const timeoutMs = timeoutS === null ? defaultTimeoutMs(draft.records) : timeoutS * 1000;
    const result = await runImport(connection.db, `cli:${userInfo().username}`, draft, { dryRun, onProgress: progress.onProgress, timeoutMs }).catch(
      (error: unknown) => {
        if (!(error instanceof AppError && error.code === 'TIMEOUT')) throw error;
        throw new Error(`the import ran past its time limit (${timeoutMs / 1000} s) and nothing was written; retry with a longer --timeout.`, { cause: error });
      },
    );
    progress.stop();
    process.stderr.write(`finished in ${elapsed()}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB\n`);
    process.stdout.write(describeResult(result, dryRun));
    if (!result.report) process.exitCode = 1;
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`import failed: ${(error as Error).message}\n`);
  process.exit(1);
});
