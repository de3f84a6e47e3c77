import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { connect } from '../db/connect.js';
import type { GoneUpstream } from '../ingest/dataset-gone.js';
import { updateDatasets, type DatasetUpdate } from '../ingest/dataset-update.js';
import { DATASETS_DIR } from '../ingest/default-graph.js';
import { createLogger } from '../logger.js';

const USAGE = `Usage: npm run data:update -- [<folder>] [--dry-run]
Re-reads the snapshots <folder>/manifest.json names (data/datasets by default), reports each as new, changed or
unchanged since the snapshot the database holds (by SHA-256), and imports the new and changed ones only, in
manifest order. A value already in the graph is never overwritten: the file's other value is listed as a
disagreement. What a newer snapshot no longer holds is reported; its relationships that only the dataset's
Source cites get validTo = the snapshot's date, and nothing is deleted; one a later snapshot lists again is
reopened from that snapshot's date (docs/data.md, Refresh). --dry-run: report only.`;

const STATUS = { new: 'new', changed: 'changed', unchanged: 'unchanged', missing: 'MISSING' } as const;
const shown = (v: unknown): string => JSON.stringify(v);
/** Ids or keys listed per line of the report before the rest are only counted. */
const LISTED = 10;
const listed = (items: readonly string[]): string =>
  items.length > LISTED ? `${items.slice(0, LISTED).join(', ')} and ${items.length - LISTED} more` : items.join(', ');

/** What a file's dataset lost upstream since its previous snapshot, and got back, as report lines (none when nothing). */
function goneLines(gone: GoneUpstream): string[] {
  const back = gone.reopened.length ? [`    back upstream, reopened (a new period from the snapshot's date): ${listed(gone.reopened)}`] : [];
  if (!gone.entities.length && !gone.relationships.length) return back;
  const out = [`    gone upstream: ${gone.entities.length} entit(ies), ${gone.relationships.length} relationship(s); nothing deleted`];
  if (gone.entities.length) out.push(`      entities (kept, reported only): ${listed(gone.entities)}`);
  if (gone.ended.length) out.push(`      ended (validTo = the snapshot's date): ${listed(gone.ended)}`);
  if (gone.keptOpen.length) out.push(`      kept open (another source cites them too, or they start after the snapshot): ${listed(gone.keptOpen)}`);
  return [...out, ...back];
}

/** The update as text: each file's state, what was imported, and every value kept against a file's. */
export function describeUpdate(update: DatasetUpdate, dryRun: boolean): string {
  const lines = update.states.map((s) => `  ${STATUS[s.status].padEnd(9)} ${s.file}${s.status === 'changed' ? ` (was ${s.loaded!.slice(0, 12)}…)` : ''}`);
  const missing = update.states.filter((s) => s.status === 'missing');
  const due = update.states.filter((s) => s.status === 'new' || s.status === 'changed').length;
  const out = ['Snapshots against the database:', ...lines];
  if (update.unlisted.length) out.push(`Not in the manifest (ignored): ${update.unlisted.join(', ')}`);
  if (missing.length) out.push(`Nothing imported: ${missing.length} file(s) the manifest names are missing.`);
  else if (dryRun) out.push(`Dry run: ${due} file(s) would be imported.`);
  else out.push(`Imported ${update.imported.length} file(s).`);
  for (const { file, report: r, gone } of update.imported) {
    out.push(
      `  ${file}: ${r.records} record(s); entities ${r.entitiesCreated} created, ${r.entitiesUpdated} updated; relationships ${r.relationshipsCreated} created, ${r.relationshipsUpdated} updated`,
    );
    for (const d of r.disagreements)
      out.push(`    kept ${d.target}.${d.field} = ${shown(d.kept)}; the file says ${shown(d.offered)} (${d.sources.join(', ')})`);
    out.push(...goneLines(gone));
  }
  return `${out.join('\n')}\n`;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
  });
  if (values.help || positionals.length > 1) throw new Error(USAGE);
  const dir = positionals[0] ? path.resolve(positionals[0]) : DATASETS_DIR;
  const config = loadConfig();
  const connection = await connect(config, createLogger(config.LOG_LEVEL === 'info' ? 'warn' : config.LOG_LEVEL));
  try {
    const dryRun = values['dry-run']!;
    const update = await updateDatasets(connection.db, dir, {
      dryRun,
      onProgress: (p) => p.stage === 'importing' && process.stderr.write(`importing ${p.file} (${p.index} of ${p.of})…\n`),
    });
    process.stdout.write(describeUpdate(update, dryRun));
    if (update.states.some((s) => s.status === 'missing')) process.exitCode = 1;
  } finally {
    await connection.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`data:update failed: ${(error as Error).message}\n`);
  process.exit(1);
});
