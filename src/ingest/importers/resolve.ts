import { relationshipSpec, type EntityKind } from '../../graph/ontology.js';
import { changeOf, type EntityChange, type RelationshipChange } from '../../store/change-writer.js';
import { compact, relationshipKey, type EntityRecord, type RelationshipRecord } from '../../store/graph-records.js';
import { mergeEntity, mergeRelationship, type MergeMode } from '../../store/merge.js';
import type { UserErrorModel } from '../../errors.js';
import { issueAt, normaliseName, slugOf, type Draft, type DraftEntity } from './draft.js';

/** Counts of what a plan does to one kind of record. */
export interface Tally {
  created: number;
  updated: number;
  unchanged: number;
}

/** Counts a planned change (null: unchanged) in a tally, and keeps it. */
function tallied<T>(change: (T & { op: 'create' | 'update' | 'delete' }) | null, changes: T[], tally: Tally): void {
  if (change) changes.push(change);
  tally[change?.op === 'create' ? 'created' : change ? 'updated' : 'unchanged'] += 1;
}

export interface EntityPlan {
  readonly changes: EntityChange[];
  /** Draft ref → the id it resolved to (matched or new). */
  readonly idOf: Map<string, string>;
  readonly kindOf: Map<string, EntityKind>;
  readonly tally: Tally;
  readonly errors: UserErrorModel[];
}

/**
 * Looks up existing entities by id, and by kind plus normalised name or alias: two Maps, so matching a draft is
 * linear in its entities whatever the size of the graph. A name is a key before any alias (an alias never hides
 * another entity's name); among aliases the first entity to claim one keeps it.
 */
export class EntityIndex {
  readonly byId = new Map<string, EntityRecord>();
  private readonly byName = new Map<string, EntityRecord>();

  constructor(existing: readonly EntityRecord[]) {
    for (const e of existing) this.add(e);
  }

  add(e: EntityRecord): void {
    this.byId.set(e.id, e);
    for (const alias of e.aliases ?? []) {
      const key = `${e.kind}|${normaliseName(alias)}`;
      if (!this.byName.has(key)) this.byName.set(key, e);
    }
    this.byName.set(`${e.kind}|${normaliseName(e.name)}`, e);
  }

  /** The existing entity a draft entity stands for, and whether it matched by id. */
  match(d: DraftEntity): { entity: EntityRecord; byId: boolean } | null {
    const sameKind = (e: EntityRecord | undefined): EntityRecord | undefined => (e?.kind === d.kind ? e : undefined);
    const byId = d.id ? sameKind(this.byId.get(d.id)) : undefined;
    if (byId) return { entity: byId, byId: true };
    if (d.idOnly) return null;
    const byName = this.byName.get(`${d.kind}|${normaliseName(d.name)}`) ?? (d.id ? undefined : sameKind(this.byId.get(slugOf(d.name))));
    return byName ? { entity: byName, byId: false } : null;
  }

  /** A free id for a new entity of this name: its slug, else slug-kind, else the first free slug-2, slug-3 … */
  freshId(d: DraftEntity): string {
    const base = slugOf(d.name) || d.kind.toLowerCase();
    for (const candidate of [base, `${base}-${slugOf(d.kind)}`]) if (!this.byId.has(candidate)) return candidate;
    for (let i = 2; ; i += 1) if (!this.byId.has(`${base}-${i}`)) return `${base}-${i}`;
  }
}

const recordOf = (d: DraftEntity, id: string): EntityRecord =>
  compact({ ...d.props, id, kind: d.kind, name: d.name, aliases: d.aliases, sources: d.sources }) as EntityRecord;

/**
 * Matches each draft entity to an existing one (by id, else by name or alias of the same kind) or gives it a
 * new id, and works out what changes. Matches by name only fill gaps, never overwrite.
 */
export function planEntities(draft: Draft, existing: readonly EntityRecord[]): EntityPlan {
  const index = new EntityIndex(existing);
  const plan: EntityPlan = { changes: [], idOf: new Map(), kindOf: new Map(), tally: { created: 0, updated: 0, unchanged: 0 }, errors: [] };
  for (const d of draft.entities) {
    const taken = d.id ? index.byId.get(d.id) : undefined;
    if (taken && taken.kind !== d.kind) {
      plan.errors.push(issueAt(`${d.at}.id`, d.at, `id "${d.id}" is already used by a ${taken.kind}`, 'DUPLICATE_ID'));
      continue;
    }
    const match = index.match(d);
    const id = match?.entity.id ?? d.id ?? index.freshId(d);
    const mode: MergeMode = match?.byId ? draft.mode : 'fill';
    const after = mergeEntity(match?.entity ?? null, recordOf(d, id), mode);
    plan.idOf.set(d.ref, id);
    plan.kindOf.set(id, d.kind);
    tallied(changeOf(match?.entity ?? null, after), plan.changes, plan.tally);
    index.add(after);
  }
  return plan;
}

export interface ResolvedRelationship {
  readonly record: RelationshipRecord;
  readonly at: string;
}

/** The draft's relationships with endpoints resolved to ids; unknown endpoints and disallowed kinds are errors. */
export function resolveRelationships(
  draft: Draft,
  plan: EntityPlan,
  existing: ReadonlyMap<string, EntityRecord>,
): { resolved: ResolvedRelationship[]; errors: UserErrorModel[] } {
  const errors: UserErrorModel[] = [];
  const resolved = new Map<string, ResolvedRelationship>();
  for (const r of draft.relationships) {
    const spec = relationshipSpec(r.type);
    const before = errors.length;
    const ends = (['from', 'to'] as const).map((end) => {
      const id = plan.idOf.get(r[end]) ?? (existing.has(r[end]) ? r[end] : null);
      const kind = id ? (plan.kindOf.get(id) ?? existing.get(id)?.kind) : undefined;
      const allowed = end === 'from' ? spec?.from : spec?.to;
      if (!id) errors.push(issueAt(`${r.at}.${end}`, r.at, `unknown entity "${r[end]}"`, 'UNKNOWN_ENDPOINT'));
      else if (kind && allowed && !allowed.includes(kind))
        errors.push(issueAt(`${r.at}.${end}`, r.at, `${r.type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${kind}`, 'RELATIONSHIP_NOT_ALLOWED'));
      return id;
    });
    if (!ends[0] || !ends[1] || errors.length > before) continue;
    const record = compact({ ...r.props, type: r.type, from: ends[0], to: ends[1], sources: r.sources }) as RelationshipRecord;
    const key = relationshipKey(r.type, ends[0], ends[1]);
    const previous = resolved.get(key);
    resolved.set(key, { record: previous ? mergeRelationship(previous.record, record, 'fill') : record, at: r.at });
  }
  return { resolved: [...resolved.values()], errors };
}

/** What changes for each resolved relationship, given the ones already in the graph (keyed by relationshipKey). */
export function planRelationships(
  resolved: readonly ResolvedRelationship[],
  existing: ReadonlyMap<string, RelationshipRecord>,
  mode: MergeMode,
): { changes: RelationshipChange[]; tally: Tally } {
  const tally: Tally = { created: 0, updated: 0, unchanged: 0 };
  const changes: RelationshipChange[] = [];
  for (const { record } of resolved) {
    const before = existing.get(relationshipKey(record.type, record.from, record.to)) ?? null;
    const after = mergeRelationship(before, before ? { ...record, from: before.from, to: before.to } : record, mode);
    tallied(changeOf(before, after), changes, tally);
  }
  return { changes, tally };
}
