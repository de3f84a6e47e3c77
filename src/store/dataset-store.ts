import type { Database, Tx } from '../db/database.js';
import { text } from './rows.js';

/**
 * One marker per shipped dataset file the database holds (`:DatasetLoad`, not an `:Entity`, so no list, search
 * or count sees it): which file, the SHA-256 of the bytes loaded, when, and what the import found.
 */
export interface DatasetMarker {
  readonly file: string;
  readonly sha256: string;
  readonly importer: string;
  /** The import's counts, as JSON. */
  readonly report: string;
  /** Each value a curated (or earlier) fact kept against the file's, as JSON lines. */
  readonly disagreements: readonly string[];
}

const LOADED_DATASETS = 'MATCH (d:DatasetLoad) RETURN d.file AS file, d.sha256 AS sha256';

const MARK_DATASET = `MERGE (d:DatasetLoad {file: $file})
SET d.sha256 = $sha256, d.importer = $importer, d.report = $report, d.disagreements = $disagreements, d.loadedAt = datetime()`;

/** The SHA-256 of every dataset file loaded into the database, by file. */
export async function loadedDatasets(db: Database): Promise<Map<string, string>> {
  const rows = await db.query(LOADED_DATASETS);
  return new Map(rows.map((r) => [text(r.file, 'file'), text(r.sha256, 'sha256')]));
}

/** Records (or replaces) a file's marker, in the transaction that imported it. */
export async function markDataset(tx: Tx, marker: DatasetMarker): Promise<void> {
  await tx.run(MARK_DATASET, { ...marker, disagreements: [...marker.disagreements] });
}
