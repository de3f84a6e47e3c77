import type { Tx } from '../db/database.js';
import { applyChanges, loadRelationships, type RelationshipChange } from '../store/change-writer.js';
import { datasetBaseline, type DatasetBaseline } from '../store/dataset-store.js';
import type { RelationshipRecord } from '../store/graph-records.js';
import type { WrittenKeys } from './importers/run-import.js';

/** What a dataset's previous snapshot held and this one does not. Nothing gone is ever deleted. */
export interface GoneUpstream {
  /** Entity ids no longer in the dataset: reported only, never ended or deleted. */
  readonly entities: string[];
  /** Relationship keys (`from|TYPE|to`) no longer in the dataset. */
  readonly relationships: string[];
  /** Of those, the ones this import gave `validTo` = the snapshot's day: cited by the dataset's Source alone. */
  readonly ended: string[];
  /** Of those, the ones left open because another Source (the seed, another dataset, a curator) cites them too. */
  readonly keptOpen: string[];
}

export const NOTHING_GONE: GoneUpstream = { entities: [], relationships: [], ended: [], keptOpen: [] };

/** The snapshot a file is, as a refresh compares it: its dataset, the Source its facts cite, its date. */
export interface SnapshotOf {
  readonly dataset: string;
  readonly source: string;
  readonly snapshotDate: string | null;
}

/**
 * The day a snapshot is ordered by and ends what it lacks on: its date completed to a day (`2026-07` is
 * 2026-07-01, the earliest day it can mean); an undated snapshot counts as taken the day it is imported.
 */
export function snapshotDay(snapshotDate: string | null, today: Date = new Date()): string {
  if (!snapshotDate) return today.toISOString().slice(0, 10);
  const [year, month = '01', day = '01'] = snapshotDate.split('-');
  return `${year}-${month}-${day}`;
}

const without = (all: readonly string[], kept: readonly string[]): string[] => {
  const present = new Set(kept);
  return [...new Set(all)].filter((x) => !present.has(x));
};

// Keys are `from|TYPE|to` (graph-records relationshipKey); ids are slugs and types upper-case words, neither holds '|'.
const endsOf = (key: string): { type: string; from: string; to: string } => {
  const [from = '', type = '', to = ''] = key.split('|');
  return { type, from, to };
};

/** Whether the dataset's Source alone backs a relationship, so the dataset losing it means it stopped holding. */
const onlyCitedBy = (r: RelationshipRecord, source: string): boolean => r.sources.length > 0 && r.sources.every((s) => s === source);

/**
 * Compares what an import's file held with the dataset's baseline, in the import's transaction, and returns what
 * is gone and the baseline the file's marker is to carry. A snapshot not older than the baseline becomes the
 * baseline; each relationship it lacks that the dataset's Source alone cites gets `validTo` = its day, through
 * applyChanges (audited as the import's actor, so the change feed shows it); one cited elsewhere too stays open
 * and is reported, as are entities gone. An older snapshot changes nothing and carries the newer baseline forward.
 */
export async function endGoneUpstream(
  tx: Tx,
  actor: string,
  snapshot: SnapshotOf,
  written: WrittenKeys,
): Promise<{ gone: GoneUpstream; baseline: DatasetBaseline }> {
  const day = snapshotDay(snapshot.snapshotDate);
  const previous = await datasetBaseline(tx, snapshot.dataset);
  if (previous && day < previous.date) return { gone: NOTHING_GONE, baseline: previous };
  const baseline: DatasetBaseline = { date: day, entityIds: written.entityIds, relationshipKeys: written.relationshipKeys };
  if (!previous) return { gone: NOTHING_GONE, baseline };
  const relationships = without(previous.relationshipKeys, written.relationshipKeys);
  const current = await loadRelationships(tx, relationships.map(endsOf));
  const gone: GoneUpstream = { entities: without(previous.entityIds, written.entityIds), relationships, ended: [], keptOpen: [] };
  const changes: RelationshipChange[] = [];
  for (const key of relationships) {
    const before = current.get(key);
    // Already ended (upstream, by a curator or an earlier refresh) or removed from the graph: nothing to do.
    if (!before || before.validTo != null) continue;
    const endable = onlyCitedBy(before, snapshot.source) && !(typeof before.validFrom === 'string' && before.validFrom > day);
    if (!endable) {
      gone.keptOpen.push(key);
      continue;
    }
    changes.push({ op: 'update', before, after: { ...before, validTo: day } });
    gone.ended.push(key);
  }
  await applyChanges(tx, actor, { entities: [], relationships: changes });
  return { gone, baseline };
}
