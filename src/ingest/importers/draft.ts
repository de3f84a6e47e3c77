import type { EntityKind } from '../../graph/ontology.js';
import type { MergeMode } from '../../store/merge.js';
import type { UserErrorModel } from '../../errors.js';
import type { EntityRecord } from '../../store/graph-records.js';
import type { ScoredCandidate } from './company-matcher.js';

/**
 * An entity an import asserts. `ref` is how the draft's relationships point at it (its id in the project's
 * own formats, `Kind:normalised name` in Epoch files); `id` is the id to give it when it is new.
 */
export interface DraftEntity {
  readonly ref: string;
  readonly id?: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases?: string[];
  readonly sources: string[];
  /** Kind properties and description; null or absent means "not given". */
  readonly props: Record<string, unknown>;
  /** Where it comes from, for messages: "row 12", "entities[3]". */
  readonly at: string;
  /** Matched by id only: the importer has matched it by name already (and may have kept it apart on purpose). */
  readonly idOnly?: boolean;
}

/** A relationship an import asserts, between refs (or ids already in the graph). */
export interface DraftRelationship {
  readonly type: string;
  readonly from: string;
  readonly to: string;
  readonly sources: string[];
  /** validFrom, validTo, confidence, notes and the type's properties. */
  readonly props: Record<string, unknown>;
  readonly at: string;
}

export interface SkippedRecord {
  readonly at: string;
  readonly reason: string;
}

/** A record matched uncertainly: kept as its own entity (importedAs) and listed for a person to review. */
export interface MatchReview {
  readonly at: string;
  readonly name: string;
  readonly importedAs: string;
  readonly candidates: ScoredCandidate[];
}

/** What the graph holds that matching a draft against it needs: the entities and each company's country. */
export interface KnownGraph {
  readonly entities: readonly EntityRecord[];
  readonly countryOf: ReadonlyMap<string, string>;
}

/** What a parser made of a file: what to assert, what it left out and why, and what it could not read. */
export interface Draft {
  readonly mode: MergeMode;
  readonly entities: DraftEntity[];
  readonly relationships: DraftRelationship[];
  readonly skipped: SkippedRecord[];
  readonly unknownColumns: string[];
  readonly issues: UserErrorModel[];
  /** Data rows or records read. */
  readonly records: number;
  /** The project's own formats are validated as a whole graph (validateGraph) once the graph is known. */
  readonly raw?: { entities: unknown[]; relationships: unknown[] };
  /** Turns a graph-file path (`entities[3].name`) into the file's own location (`rows[5].name`). */
  readonly locate?: (path: string) => { field: string; label: string };
  /** Matches the draft's parties against the graph before the import plans its changes (screening lists). */
  readonly refine?: (graph: KnownGraph) => { draft: Draft; review: MatchReview[] };
}

/** A located problem with one cell or field; a field under "row 12" is named rows[12].<field>. */
export const issueAt = (field: string, label: string, message: string, code: UserErrorModel['code'] = 'INVALID_VALUE'): UserErrorModel => ({
  code,
  field: field.replace(/^row (\d+)/, 'rows[$1]'),
  message: `${label}: ${message}`,
});

/** Case-, accent-, space- and punctuation-insensitive form of a name, for matching. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** A lower-case slug for a name (accents dropped), or an empty string when nothing is left. */
export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/g, '');
}

/** A draft that writes nothing because the file cannot be read: one UNREADABLE_FILE issue (at `field`, if one is to blame). */
export const unreadable = (message: string, field: string | null = null): Draft => ({
  mode: 'assert',
  entities: [],
  relationships: [],
  skipped: [],
  unknownColumns: [],
  records: 0,
  issues: [{ code: 'UNREADABLE_FILE', field, message }],
});
