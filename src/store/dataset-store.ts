import type { Database, Tx } from '../db/database.js';
import { text, texts } from './rows.js';

/**
 * One marker per shipped dataset file the database holds (`:DatasetLoad`, not an `:Entity`, so no list, search
 * or count sees it): which file, the SHA-256 of the bytes loaded, when, and what the import found; and the
 * dataset's baseline, what its newest snapshot so far held, which the next snapshot is compared with to find
 * what is gone upstream.
 */
export interface DatasetMarker {
  readonly file: string;
  readonly sha256: string;
  readonly importer: string;
  /** The import's counts, as JSON. */
  readonly report: string;
  /** Each value a curated (or earlier) fact kept against the file's, as JSON lines. */
  readonly disagreements: readonly string[];
  /** The dataset the file is a snapshot of (the manifest's `dataset`, else the file). */
  readonly dataset: string;
  /** The Source every fact read from the file cites. */
  readonly source: string;
  /** The file's snapshot date as the manifest gives it (null: undated). */
  readonly snapshotDate: string | null;
  readonly baseline: DatasetBaseline;
}

/** What the newest snapshot of a dataset loaded so far held: its date, entity ids and relationship keys. */
export interface DatasetBaseline {
  /** The date (YYYY-MM-DD) the baseline's snapshot is ordered by. */
  readonly date: string;
  readonly entityIds: readonly string[];
  readonly relationshipKeys: readonly string[];
  /**
   * The relationships the dataset's refreshes ended (gone upstream) and no later snapshot listed again, each with
   * the day its validTo was set to: what a snapshot that lists one again may reopen (src/ingest/dataset-gone.ts).
   */
  readonly ended: Readonly<Record<string, string>>;
}

// Stored as `from|TYPE|to@YYYY-MM-DD` strings: ids are slugs and types upper-case words, neither holds '@'.
const endedList = (ended: Readonly<Record<string, string>>): string[] => Object.entries(ended).map(([key, day]) => `${key}@${day}`);
const endedMap = (list: readonly string[]): Record<string, string> =>
  Object.fromEntries(list.map((item) => [item.slice(0, item.lastIndexOf('@')), item.slice(item.lastIndexOf('@') + 1)]));

const LOADED_DATASETS = 'MATCH (d:DatasetLoad) RETURN d.file AS file, d.sha256 AS sha256';

const MARK_DATASET = `MERGE (d:DatasetLoad {file: $file})
SET d.sha256 = $sha256, d.importer = $importer, d.report = $report, d.disagreements = $disagreements, d.loadedAt = datetime(),
  d.dataset = $dataset, d.source = $source, d.snapshotDate = $snapshotDate, d.baselineDate = $baselineDate,
  d.baselineEntityIds = $baselineEntityIds, d.baselineRelationshipKeys = $baselineRelationshipKeys,
  d.baselineEndedKeys = $baselineEndedKeys`;

// Markers written before datasets had names (and baselines) stand for the dataset named after their file.
const DATASET_BASELINE = `MATCH (d:DatasetLoad)
WHERE coalesce(d.dataset, d.file) = $dataset AND d.baselineDate IS NOT NULL
RETURN d.baselineDate AS date, d.baselineEntityIds AS entityIds, d.baselineRelationshipKeys AS relationshipKeys,
  coalesce(d.baselineEndedKeys, []) AS ended
ORDER BY d.loadedAt DESC
LIMIT 1`;

/** The SHA-256 of every dataset file loaded into the database, by file. */
export async function loadedDatasets(db: Database): Promise<Map<string, string>> {
  const rows = await db.query(LOADED_DATASETS);
  return new Map(rows.map((r) => [text(r.file, 'file'), text(r.sha256, 'sha256')]));
}

/** The baseline of a dataset: the one its most recently loaded file's marker carries; null when none has one. */
export async function datasetBaseline(tx: Tx, dataset: string): Promise<DatasetBaseline | null> {
  const [row] = await tx.run(DATASET_BASELINE, { dataset });
  if (!row) return null;
  return {
    date: text(row.date, 'baselineDate'),
    entityIds: texts(row.entityIds, 'baselineEntityIds'),
    relationshipKeys: texts(row.relationshipKeys, 'baselineRelationshipKeys'),
    ended: endedMap(texts(row.ended, 'baselineEndedKeys')),
  };
}

/** Records (or replaces) a file's marker, in the transaction that imported it. */
export async function markDataset(tx: Tx, marker: DatasetMarker): Promise<void> {
  const { baseline, ...rest } = marker;
  await tx.run(MARK_DATASET, {
    ...rest,
    disagreements: [...marker.disagreements],
    baselineDate: baseline.date,
    baselineEntityIds: [...baseline.entityIds],
    baselineRelationshipKeys: [...baseline.relationshipKeys],
    baselineEndedKeys: endedList(baseline.ended),
  });
}
