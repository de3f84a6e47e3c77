import type { Database } from '../db/database.js';

/** Nodes removed per transaction when a staged import is discarded, so a discard never needs a large transaction. */
const DISCARD_BATCH = 5_000;

/** A staged import whose writer has not touched it for this long is abandoned (its process died). */
export const ABANDONED_AFTER_MINUTES = 30;

// DETACH DELETE takes the staged relationships with their staged end: none was created between visible entities.
export const DISCARD_STAGED = `
  MATCH (n:Staged {importId: $importId})
  WITH n LIMIT toInteger($limit)
  DETACH DELETE n
  RETURN count(*) AS removed`;
export const DISCARD_CHANGES = `
  MATCH (c:Change {importId: $importId})
  WITH c LIMIT toInteger($limit)
  DELETE c
  RETURN count(*) AS removed`;
// Claiming takes the run's lock, so a discard and a publish of one run never both go ahead: whichever commits first
// changes the state the other requires.
export const CLAIM_RUN = `
  MATCH (run:ImportRun {id: $importId})
  WHERE run.state <> 'PUBLISHED'
  SET run.state = 'DISCARDING', run.heartbeatAt = datetime()
  RETURN count(run) AS claimed`;
export const DISCARD_RUN = `
  MATCH (run:ImportRun {id: $importId, state: 'DISCARDING'})
  DELETE run`;
export const ABANDONED_RUNS = `
  MATCH (run:ImportRun)
  WHERE run.state <> 'PUBLISHED' AND run.heartbeatAt < datetime() - duration({minutes: $minutes})
  RETURN run.id AS id`;

async function removeAll(db: Database, statement: string, importId: string): Promise<void> {
  for (;;) {
    const [row] = await db.write((tx) => tx.run(statement, { importId, limit: DISCARD_BATCH }));
    if (Number(row?.removed ?? 0) < DISCARD_BATCH) return;
  }
}

/**
 * Removes everything a staged, unpublished import wrote: its staged entities with their relationships, its audit
 * records, then its run, each in bounded transactions. A published import is never touched: its audit records are
 * the trail. A discard that dies part-way is finished by the sweep.
 */
export async function discardStaged(db: Database, importId: string): Promise<void> {
  const [run] = await db.write((tx) => tx.run(CLAIM_RUN, { importId }));
  if (run?.claimed !== 1) return;
  await removeAll(db, DISCARD_STAGED, importId);
  await removeAll(db, DISCARD_CHANGES, importId);
  await db.write((tx) => tx.run(DISCARD_RUN, { importId }));
}

/** Discards staged imports whose writer stopped touching them long ago (a process killed part-way). */
export async function sweepAbandoned(db: Database, minutes = ABANDONED_AFTER_MINUTES): Promise<string[]> {
  const ids = (await db.query(ABANDONED_RUNS, { minutes })).map((r) => r.id as string);
  for (const id of ids) await discardStaged(db, id);
  return ids;
}
