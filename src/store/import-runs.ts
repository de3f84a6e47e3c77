import { z } from 'zod';
import type { Database, Tx } from '../db/database.js';
import { dbInt } from '../db/mapping.js';
import { parsed } from './rows.js';

/** A record an import matched uncertainly, with its scored candidates (src/ingest/importers/draft.ts MatchReview). */
export interface MatchReview {
  readonly at: string;
  readonly name: string;
  readonly importedAs: string;
  readonly candidates: { id: string; name: string; score: number; features: string[]; reason: string }[];
}

/** A published import as the review queries return it: who ran it, when, and what it left for review. */
export interface ImportRunModel {
  readonly id: string;
  readonly actor: string;
  readonly startedAt: string;
  readonly publishedAt: string;
  readonly records: number;
  readonly changes: number;
  readonly matchCandidates: MatchReview[];
}

/** What an import records on its run besides its state: counted in the report, kept for review. */
export interface ImportRunDetails {
  readonly records: number;
  readonly matchCandidates: readonly MatchReview[];
}

/** The run's properties for its details: the review list as JSON text (a node property cannot hold maps). */
export const runProperties = (d: ImportRunDetails): Record<string, unknown> => ({
  records: d.records,
  matchCandidates: JSON.stringify(d.matchCandidates),
});

export const RECORD_PUBLISHED_RUN = `
  CREATE (run:ImportRun {id: $importId, actor: $actor, state: 'PUBLISHED', changes: $changes})
  SET run += $details, run.startedAt = datetime(), run.heartbeatAt = datetime(), run.publishedAt = datetime()`;

/** Records an import written in one transaction as a published run, in that transaction. */
export async function recordPublishedRun(tx: Tx, importId: string, actor: string, changes: number, details: ImportRunDetails): Promise<void> {
  await tx.run(RECORD_PUBLISHED_RUN, { importId, actor, changes, details: runProperties(details) });
}

const RUN_COLUMNS = `run.id AS id, run.actor AS actor, toString(run.startedAt) AS startedAt, toString(run.publishedAt) AS publishedAt,
    coalesce(run.records, 0) AS records, run.changes AS changes, coalesce(run.matchCandidates, '[]') AS matchCandidates`;
export const IMPORT_RUN = `
  MATCH (run:ImportRun {id: $id})
  WHERE run.state = 'PUBLISHED'
  RETURN ${RUN_COLUMNS}`;
export const IMPORT_RUNS = `
  MATCH (run:ImportRun)
  WHERE run.state = 'PUBLISHED' AND ($withCandidates = false OR run.matchCandidates <> '[]')
  RETURN ${RUN_COLUMNS}
  ORDER BY run.publishedAt DESC, run.id
  LIMIT $first`;

const candidate = z.object({ id: z.string(), name: z.string(), score: z.number(), features: z.array(z.string()), reason: z.string() });
const review = z.object({ at: z.string(), name: z.string(), importedAs: z.string(), candidates: z.array(candidate) });
const runRow = z.object({
  id: z.string(),
  actor: z.string(),
  startedAt: z.string(),
  publishedAt: z.string(),
  records: z.number(),
  changes: z.number(),
  matchCandidates: z.string().transform((s) => z.array(review).parse(JSON.parse(s))),
});

/** A published import by id; null when there is none (or it is still staged). */
export async function importRun(db: Database, id: string): Promise<ImportRunModel | null> {
  const [row] = await db.query(IMPORT_RUN, { id });
  return row ? parsed(runRow, row, 'import run') : null;
}

/** Published imports, newest first; only those with records to review when `withCandidates`. */
export async function importRuns(db: Database, first: number, withCandidates: boolean): Promise<ImportRunModel[]> {
  const rows = await db.query(IMPORT_RUNS, { first: dbInt(first), withCandidates });
  return rows.map((r) => parsed(runRow, r, 'import run'));
}
