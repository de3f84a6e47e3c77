import { randomUUID } from 'node:crypto';
import type { Database, Tx } from '../../db/database.js';
import { applyChanges, loadEntities, loadEntityKeys, loadRelationships, type ChangeSet } from '../../store/change-writer.js';
import { recordPublishedRun } from '../../store/import-runs.js';
import { writeStaged } from '../../store/staged-writer.js';
import { recomputeDerivedRestrictions } from '../../store/derived-restrictions.js';
import { relationshipKey, type EntityRecord } from '../../store/graph-records.js';
import type { UserErrorModel } from '../../errors.js';
import { isEntityKind } from '../../graph/ontology.js';
import { validateGraph } from '../../graph/validation.js';
import { loadCompanyCountries } from '../../store/company-countries.js';
import { findDisagreements, type Disagreement } from './disagreements.js';
import type { Draft, MatchReview, SkippedRecord } from './draft.js';
import { planEntities, planRelationships, resolveRelationships, type Tally } from './resolve.js';

/** What an import did (or, in a dry run, would do). */
export interface ImportReport {
  /** The import's run, for reviewing its match candidates later (importRun); null in a dry run. */
  readonly importId: string | null;
  readonly entitiesCreated: number;
  readonly entitiesUpdated: number;
  readonly entitiesUnchanged: number;
  readonly relationshipsCreated: number;
  readonly relationshipsUpdated: number;
  readonly relationshipsUnchanged: number;
  readonly createdIds: string[];
  readonly skipped: SkippedRecord[];
  readonly unknownColumns: string[];
  readonly records: number;
  /** Records matched uncertainly to existing entities: imported as their own entities, listed for review. */
  readonly matchCandidates: MatchReview[];
  /** Values the graph kept where this (fill-mode) file offered others. */
  readonly disagreements: Disagreement[];
}

export interface ImportResult {
  readonly report: ImportReport | null;
  readonly errors: UserErrorModel[];
}

export interface ImportOptions {
  readonly dryRun?: boolean;
  /** Called as the import moves on: a stage name and, while writing, changes written of the total. A promise it returns is awaited. */
  readonly onProgress?: (stage: string, done: number, total: number) => unknown;
  /** Each transaction's time limit: the planning one, each staged batch's and the publishing one. */
  readonly timeoutMs?: number;
  /** Change sets above this many changes are staged and published at once (default STAGE_ABOVE). */
  readonly stageAbove?: number;
  /** Changes per staging transaction (default WRITE_BATCH). */
  readonly batchSize?: number;
  /**
   * Runs in the transaction that makes the changes visible (not in a dry run): commits with them. `written` is what
   * the file holds, changed or not: what a refresh compares with the previous snapshot's (src/ingest/dataset-gone.ts).
   */
  readonly onWritten?: (tx: Tx, report: ImportReport, written: WrittenKeys) => Promise<void>;
}

/** Every entity id and relationship key (relationshipKey) an import's file resolved to, whether it changed them or not. */
export interface WrittenKeys {
  readonly entityIds: readonly string[];
  readonly relationshipKeys: readonly string[];
}

/** The project's own formats, validated as a whole graph against what is already in the database. */
function expandOwnFormat(draft: Draft, existing: readonly EntityRecord[]): Draft {
  if (!draft.raw) return draft;
  const known = new Map(existing.map((e) => [e.id, e.kind]));
  // Entities of the file that fail validation still count as known, so their relationships are not reported too.
  for (const e of draft.raw.entities as { id?: unknown; kind?: unknown }[]) {
    if (typeof e?.id === 'string' && typeof e.kind === 'string' && isEntityKind(e.kind)) known.set(e.id, e.kind);
  }
  const { graph, issues } = validateGraph(draft.raw, known);
  const locate = draft.locate ?? ((path: string) => ({ field: path, label: path }));
  const errors = issues.map((i) => {
    const { field, label } = locate(i.path);
    return { code: i.code ?? 'INVALID_VALUE', field, message: `${label}: ${i.message}` } satisfies UserErrorModel;
  });
  const entities = graph.entities.map((e, i) => {
    const { id, kind, name, aliases, sources, ...props } = e;
    return { ref: id, id, kind, name, aliases: aliases ?? undefined, sources, props, at: locate(`entities[${i}]`).label };
  });
  const relationships = graph.relationships.map((r, i) => {
    const { type, from, to, sources, properties, ...props } = r;
    return { type, from, to, sources, props: { ...props, ...(properties ?? {}) }, at: locate(`relationships[${i}]`).label };
  });
  return { ...draft, entities, relationships, issues: [...draft.issues, ...errors] };
}

/** Every source the draft cites must be a Source in the graph (or in the draft itself). */
function unknownSources(draft: Draft, existing: readonly EntityRecord[]): UserErrorModel[] {
  const known = new Set([...existing, ...draft.entities].filter((e) => e.kind === 'Source').map((e) => ('id' in e && e.id) || ''));
  const cited = new Set([...draft.entities, ...draft.relationships].flatMap((x) => x.sources));
  return [...cited]
    .filter((s) => !known.has(s))
    .map((s) => ({
      code: 'UNKNOWN_SOURCE',
      field: 'sources',
      message: `Source "${s}" is not in the graph; load the seed graph (npm run seed) or add that Source first.`,
    }));
}

/** Chips whose specs or designers the change set writes: their derived restrictions are recomputed. */
const chipsTouched = (set: ChangeSet): string[] => [
  ...set.entities.flatMap((c) => (c.after?.kind === 'Chip' ? [c.after.id] : [])),
  ...set.relationships.flatMap((c) => (c.after?.type === 'DESIGNS' ? [c.after.to] : [])),
];

/**
 * The graph's entities as matching sees them (id, kind, name, aliases), with the full records of those the draft
 * matches, found by a first planning pass over the keys alone: matching reads nothing else, so both passes match
 * alike, and only the matched entities' properties are read.
 */
async function matchedRecords(tx: Tx, draft: Draft, keys: readonly EntityRecord[]): Promise<EntityRecord[]> {
  const ids = new Set(keys.map((k) => k.id));
  const matched = [...new Set(planEntities(draft, keys).idOf.values())].filter((id) => ids.has(id));
  const full = await loadEntities(tx, matched);
  return keys.map((k) => full.get(k.id) ?? k);
}

const sum = (a: Tally, b: Tally): number => a.created + a.updated + b.created + b.updated;

/**
 * Change sets larger than this are staged (src/store/staged-writer.ts) rather than written in the planning
 * transaction: above it one transaction's state outgrows a default 2g heap long before a file's end.
 */
export const STAGE_ABOVE = 10_000;

type Planned =
  { readonly report: ImportReport; readonly set: ChangeSet; readonly total: number; readonly written: WrittenKeys } | { readonly errors: UserErrorModel[] };

/** Matches, resolves and compares a draft in the caller's transaction: the changes it makes and their report. */
async function planImport(tx: Tx, parsed: Draft, progress: Progress): Promise<Planned> {
  await progress('matching', 0, 0);
  const keys = await loadEntityKeys(tx);
  const refined = parsed.refine?.({ entities: keys, countryOf: await loadCompanyCountries(tx) });
  const draft = expandOwnFormat(refined?.draft ?? parsed, keys);
  if (draft.issues.length) return { errors: draft.issues };
  const existing = await matchedRecords(tx, draft, keys);
  const entityPlan = planEntities(draft, existing);
  const byId = new Map(existing.map((e) => [e.id, e]));
  const { resolved, errors } = resolveRelationships(draft, entityPlan, byId);
  const problems = [...unknownSources(draft, existing), ...entityPlan.errors, ...errors];
  if (problems.length) return { errors: problems };
  await progress('comparing', 0, 0);
  // Only relationships between entities already in the graph can be there already: new ones have none.
  const known = new Set(existing.map((e) => e.id));
  const current = await loadRelationships(
    tx,
    resolved.filter((r) => known.has(r.record.from) && known.has(r.record.to)).map((r) => r.record),
  );
  const relPlan = planRelationships(resolved, current, draft.mode);
  const report: ImportReport = {
    importId: null,
    entitiesCreated: entityPlan.tally.created,
    entitiesUpdated: entityPlan.tally.updated,
    entitiesUnchanged: entityPlan.tally.unchanged,
    relationshipsCreated: relPlan.tally.created,
    relationshipsUpdated: relPlan.tally.updated,
    relationshipsUnchanged: relPlan.tally.unchanged,
    createdIds: entityPlan.changes.filter((c) => c.op === 'create').map((c) => c.after!.id),
    skipped: draft.skipped,
    unknownColumns: draft.unknownColumns,
    records: draft.records,
    disagreements: findDisagreements(draft, entityPlan.idOf, byId, resolved, current),
    matchCandidates: refined?.review ?? [],
  };
  const written: WrittenKeys = {
    entityIds: [...new Set(entityPlan.idOf.values())],
    relationshipKeys: resolved.map(({ record: r }) => relationshipKey(r.type, r.from, r.to)),
  };
  const set = { entities: entityPlan.changes, relationships: relPlan.changes };
  return { report, set, total: sum(entityPlan.tally, relPlan.tally), written };
}

type Progress = (stage: string, done: number, total: number) => unknown;

/**
 * Imports a draft all-or-nothing: matches entities, plans every change, and writes them with their audit
 * records, or writes nothing when any row or reference is wrong. A change set up to `stageAbove` changes is
 * written in the planning transaction; a larger one is staged in bounded transactions and published at once.
 */
export async function runImport(db: Database, actor: string, parsed: Draft, options: ImportOptions = {}): Promise<ImportResult> {
  if (parsed.issues.length) return { report: null, errors: parsed.issues };
  const progress: Progress = options.onProgress ?? (() => undefined);
  const timeoutMs = options.timeoutMs ?? 300_000;
  const stageAbove = options.stageAbove ?? STAGE_ABOVE;
  const finish = async (tx: Tx, set: ChangeSet, report: ImportReport, written: WrittenKeys): Promise<void> => {
    await progress('deriving restrictions', 0, 0);
    await recomputeDerivedRestrictions(tx, chipsTouched(set));
    await options.onWritten?.(tx, report, written);
  };
  const importId = options.dryRun ? null : randomUUID();
  const planned = await db.write(
    async (tx) => {
      const plan = await planImport(tx, parsed, progress);
      if ('errors' in plan || !importId || plan.total > stageAbove) return plan;
      await applyChanges(tx, actor, plan.set, (done) => void progress('writing', done, plan.total));
      await recordPublishedRun(tx, importId, actor, plan.total, plan.report);
      await finish(tx, plan.set, { ...plan.report, importId }, plan.written);
      return plan;
    },
    { timeoutMs },
  );
  if ('errors' in planned) return { report: null, errors: planned.errors };
  const report = { ...planned.report, importId };
  if (importId && planned.total > stageAbove) {
    await writeStaged(db, actor, planned.set, {
      importId,
      details: report,
      batchSize: options.batchSize,
      timeoutMs,
      onProgress: (stage, done) => progress(stage, Math.min(done, planned.total), planned.total),
      onPublish: (tx) => finish(tx, planned.set, report, planned.written),
    });
  }
  return { report, errors: [] };
}
