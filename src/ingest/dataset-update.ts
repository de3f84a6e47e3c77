import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Database } from '../db/database.js';
import { loadedDatasets } from '../store/dataset-store.js';
import { DATASETS_DIR, loadDefaultGraph, readManifest, type DefaultGraphProgress } from './default-graph.js';
import type { GoneUpstream } from './dataset-gone.js';
import type { ImportReport } from './importers/index.js';

/** How a manifest file stands against the snapshot the database holds of it (by the SHA-256 on its marker). */
export type DatasetStatus = 'new' | 'changed' | 'unchanged' | 'missing';

export interface DatasetState {
  readonly file: string;
  readonly status: DatasetStatus;
  /** SHA-256 of the file in the folder; null when it is missing. */
  readonly sha256: string | null;
  /** SHA-256 of the snapshot loaded; null when none was. */
  readonly loaded: string | null;
}

export interface DatasetUpdate {
  readonly states: DatasetState[];
  /** Files in the folder the manifest does not name: never imported. */
  readonly unlisted: string[];
  /** What each imported file did (nothing in a dry run, or when a listed file is missing). */
  readonly imported: ImportedSnapshot[];
}

/** One imported file: its import's report, and what its dataset's previous snapshot held that it does not. */
export interface ImportedSnapshot {
  readonly file: string;
  readonly report: ImportReport;
  readonly gone: GoneUpstream;
}

const sha256Of = (file: string): string => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Files the folder holds besides its manifest and notes (relative, with forward slashes). */
function folderFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => path.relative(dir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
    .filter((f) => f !== 'manifest.json' && !f.toLowerCase().endsWith('.md'))
    .sort();
}

/** Each manifest file's state against the markers of the database, in manifest order. */
export async function datasetStates(db: Database, dir = DATASETS_DIR): Promise<{ states: DatasetState[]; unlisted: string[] }> {
  const entries = readManifest(dir);
  const loaded = await loadedDatasets(db);
  const states = entries.map((entry): DatasetState => {
    const full = path.join(dir, entry.file);
    const before = loaded.get(entry.file) ?? null;
    if (!existsSync(full)) return { file: entry.file, status: 'missing', sha256: null, loaded: before };
    const sha256 = sha256Of(full);
    const status = before === null ? 'new' : before === sha256 ? 'unchanged' : 'changed';
    return { file: entry.file, status, sha256, loaded: before };
  });
  const listed = new Set(entries.map((e) => e.file));
  return { states, unlisted: folderFiles(dir).filter((f) => !listed.has(f)) };
}

/**
 * Refreshes the graph from a folder of snapshots (its manifest.json as data/datasets'): reports each file as new,
 * changed or unchanged since the snapshot loaded, then imports the new and changed ones only, in manifest order,
 * each in fill mode so a value already in the graph is kept and the file's other value recorded as a
 * disagreement, and ends what a newer snapshot no longer holds (endGoneUpstream). Imports nothing when a listed
 * file is missing, or in a dry run.
 */
export async function updateDatasets(
  db: Database,
  dir = DATASETS_DIR,
  options: { dryRun?: boolean; onProgress?: (p: DefaultGraphProgress) => void } = {},
): Promise<DatasetUpdate> {
  const { states, unlisted } = await datasetStates(db, dir);
  const imported: ImportedSnapshot[] = [];
  if (options.dryRun || states.some((s) => s.status === 'missing')) return { states, unlisted, imported };
  await loadDefaultGraph(
    db,
    (p) => {
      if (p.stage === 'imported') imported.push({ file: p.file, report: p.report, gone: p.gone });
      options.onProgress?.(p);
    },
    dir,
  );
  return { states, unlisted, imported };
}
