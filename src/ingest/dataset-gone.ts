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
  /**
   * Relationships an earlier refresh of the dataset ended and this snapshot lists again: reopened, a new period
   * from this snapshot's day (validFrom), the ended one kept in the change history and the note.
   */
  readonly reopened: string[];
}

export const NOTHING_GONE: GoneUpstream = { entities: [], relationships: [], ended: [], keptOpen: [], reopened: [] };

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
 * The relationship `before` (ended on `endedOn` because the dataset's snapshot of that day lacked it) held again
 * from `day`: a new period. The graph holds one relationship per type and endpoints, so the period is the
 * relationship's validFrom/validTo; the ended one stays in the change history (this change's before) and in the note.
 */
function reopening(before: RelationshipRecord, endedOn: string, day: string): RelationshipChange {
  // Listed again on the very day it was ended: no gap, the first period goes on.
  if (day === endedOn) return { op: 'update', before, after: { ...before, validTo: null } };
  const earlier = `${typeof before.validFrom === 'string' ? `from ${before.validFrom} ` : ''}until ${endedOn}`;
  const note = `Held ${earlier}; not in the dataset's snapshot of ${endedOn}, listed again in the snapshot of ${day}, from which this period runs.`;
  const notes = typeof before.notes === 'string' && before.notes ? `${before.notes} ${note}` : note;
  return { op: 'update', before, after: { ...before, validFrom: day, validTo: null, notes } };
}

/** What a snapshot not older than the dataset's baseline lacks: ended (cited by the dataset alone) or kept open. */
function endingGone(previous: DatasetBaseline, written: WrittenKeys, current: ReadonlyMap<string, RelationshipRecord>, snapshot: SnapshotOf, day: string) {
  const relationships = without(previous.relationshipKeys, written.relationshipKeys);
  const gone: GoneUpstream = { entities: without(previous.entityIds, written.entityIds), relationships, ended: [], keptOpen: [], reopened: [] };
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
  return { gone, changes };
}

/**
 * Compares what an import's file held with the dataset's baseline, in the import's transaction, and returns what
 * is gone and the baseline the file's marker is to carry. A snapshot not older than the baseline becomes the
 * baseline; each relationship it lacks that the dataset's Source alone cites gets `validTo` = its day, through
 * applyChanges (audited as the import's actor, so the change feed shows it); one cited elsewhere too stays open
 * and is reported, as are entities gone. A relationship an earlier refresh ended that it lists again is reopened
 * (reopening), unless its validTo was changed since (a curator's, then). An older snapshot changes nothing and
 * carries the newer baseline forward.
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
  if (!previous) return { gone: NOTHING_GONE, baseline: { date: day, entityIds: written.entityIds, relationshipKeys: written.relationshipKeys, ended: {} } };
  const back = written.relationshipKeys.filter((key) => previous.ended[key] !== undefined);
  const listedAgain = new Set(back);
  const current = await loadRelationships(tx, [...without(previous.relationshipKeys, written.relationshipKeys), ...back].map(endsOf));
  const { gone, changes } = endingGone(previous, written, current, snapshot, day);
  const ended: Record<string, string> = Object.fromEntries(Object.entries(previous.ended).filter(([key]) => !listedAgain.has(key)));
  for (const key of gone.ended) ended[key] = day;
  for (const key of back) {
    const before = current.get(key);
    if (!before || before.validTo !== previous.ended[key]) continue;
    changes.push(reopening(before, previous.ended[key]!, day));
    gone.reopened.push(key);
  }
  await applyChanges(tx, actor, { entities: [], relationships: changes });
  return { gone, baseline: { date: day, entityIds: written.entityIds, relationshipKeys: written.relationshipKeys, ended } };
}
