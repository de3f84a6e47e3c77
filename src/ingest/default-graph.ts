import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Database } from '../db/database.js';
import { projectRoot } from '../project-root.js';
import { loadedDatasets, markDataset } from '../store/dataset-store.js';
import { endGoneUpstream, NOTHING_GONE, snapshotDay, type GoneUpstream } from './dataset-gone.js';
import { IMPORT_FORMATS, parseImport, runImport, type ImportReport } from './importers/index.js';
import type { Draft } from './importers/draft.js';
import { reciteProvenance, VALUE_PROVENANCE } from '../graph/value-provenance.js';

/** The actor the audit trail names for what a shipped dataset wrote: `dataset:epoch-ai/…csv`. */
export const datasetActor = (file: string): string => `dataset:${file}`;

const manifestSchema = z.object({
  files: z.array(
    z.object({
      file: z.string().min(1),
      /** The dataset the file is a snapshot of, so a newer snapshot under another file name is compared with it (default: the file). */
      dataset: z.string().min(1).optional(),
      importer: z.enum(IMPORT_FORMATS),
      source: z.string().min(1),
      // A partial date is ordered (and ends what a newer snapshot lacks) on its first day: src/ingest/dataset-gone.ts.
      snapshotDate: z
        .string()
        .regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be a date: YYYY, YYYY-MM or YYYY-MM-DD')
        .nullable(),
      publisher: z.string().min(1),
      licence: z.string().min(1),
      origin: z.string().min(1),
    }),
  ),
});
export type ManifestEntry = z.infer<typeof manifestSchema>['files'][number];

export const DATASETS_DIR = path.join(projectRoot(), 'data', 'datasets');

/** The manifest of the shipped snapshots, in load order; throws naming what is wrong with it. */
export function readManifest(dir = DATASETS_DIR): ManifestEntry[] {
  return manifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8'))).files;
}

/** Where the default graph's load is: a file starting (with its place in the list), skipped, or done. */
export type DefaultGraphProgress =
  | { readonly stage: 'skipped' | 'importing'; readonly file: string; readonly index: number; readonly of: number }
  | { readonly stage: 'writing'; readonly file: string; readonly done: number; readonly total: number }
  | { readonly stage: 'imported'; readonly file: string; readonly report: ImportReport; readonly gone: GoneUpstream };

/**
 * Every fact of the draft cites the file's own Source (the snapshot shipped), not the parser's default one; and
 * merges in fill mode whatever its parser's mode, so a snapshot (or a refresh, npm run data:update) never overwrites
 * a value the graph holds: it is kept, and the file's other value recorded as a disagreement. Each value's
 * provenance cites the file's Source too, as of the snapshot's day where the row gives no date of its own; a value
 * the copy credits to a third party (coordinates added by its author) keeps that credit in its own entry only: the
 * entity's sources (which every value without an entry falls back to) stay the file's.
 */
const citing = (draft: Draft, source: string, snapshotDate: string | null): Draft => ({
  ...draft,
  mode: 'fill',
  entities: draft.entities.map((e) => ({
    ...e,
    sources: [source],
    props: e.props[VALUE_PROVENANCE]
      ? { ...e.props, [VALUE_PROVENANCE]: reciteProvenance(e.props[VALUE_PROVENANCE], source, snapshotDate && snapshotDay(snapshotDate), e.sources) }
      : e.props,
  })),
  relationships: draft.relationships.map((r) => ({ ...r, sources: [source] })),
});

const counts = (r: ImportReport, gone: GoneUpstream): string =>
  JSON.stringify({
    records: r.records,
    entitiesCreated: r.entitiesCreated,
    entitiesUpdated: r.entitiesUpdated,
    relationshipsCreated: r.relationshipsCreated,
    relationshipsUpdated: r.relationshipsUpdated,
    skipped: r.skipped.length,
    entitiesGone: gone.entities.length,
    relationshipsGone: gone.relationships.length,
    relationshipsEnded: gone.ended.length,
    relationshipsKeptOpen: gone.keptOpen.length,
    relationshipsReopened: gone.reopened.length,
  });

/**
 * Imports every manifest file the database does not hold yet (no marker, or a marker with another SHA-256), in
 * manifest order, each in one transaction with its marker; third-party files merge in fill mode, so the curated
 * seed's values win and every value kept against a file's is recorded on the marker; what the dataset's previous
 * snapshot held and this one lacks is ended or reported in the same transaction (endGoneUpstream). Throws on a file that does
 * not import, naming its problems; the files before it stay loaded. `markers` (file → SHA-256, as loadedDatasets
 * reads them) saves reading them again when the caller already has.
 */
export async function loadDefaultGraph(
  db: Database,
  onProgress: (p: DefaultGraphProgress) => void = () => undefined,
  dir = DATASETS_DIR,
  markers?: ReadonlyMap<string, string>,
): Promise<{ imported: string[]; skipped: string[] }> {
  const entries = readManifest(dir);
  const loaded = markers ?? (await loadedDatasets(db));
  const done = { imported: [] as string[], skipped: [] as string[] };
  for (const [i, entry] of entries.entries()) {
    const bytes = readFileSync(path.join(dir, entry.file));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (loaded.get(entry.file) === sha256) {
      onProgress({ stage: 'skipped', file: entry.file, index: i + 1, of: entries.length });
      done.skipped.push(entry.file);
      continue;
    }
    onProgress({ stage: 'importing', file: entry.file, index: i + 1, of: entries.length });
    const { draft } = parseImport(entry.importer, bytes.toString('utf8'));
    const actor = datasetActor(entry.file);
    const snapshot = { dataset: entry.dataset ?? entry.file, source: entry.source, snapshotDate: entry.snapshotDate };
    let gone = NOTHING_GONE;
    const result = await runImport(db, actor, citing(draft, entry.source, entry.snapshotDate ?? null), {
      onProgress: (stage, written, total) => stage === 'writing' && onProgress({ stage, file: entry.file, done: written, total }),
      onWritten: async (tx, report, written) => {
        const compared = await endGoneUpstream(tx, actor, snapshot, written);
        gone = compared.gone;
        await markDataset(tx, {
          ...snapshot,
          file: entry.file,
          sha256,
          importer: entry.importer,
          report: counts(report, gone),
          disagreements: report.disagreements.map((d) => JSON.stringify(d)),
          baseline: compared.baseline,
        });
      },
    });
    if (!result.report)
      throw new Error(
        `${entry.file} did not import: ${result.errors
          .slice(0, 5)
          .map((e) => e.message)
          .join('; ')}`,
      );
    onProgress({ stage: 'imported', file: entry.file, report: result.report, gone });
    done.imported.push(entry.file);
  }
  return done;
}
