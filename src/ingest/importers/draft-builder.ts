import type { EntityKind } from '../../graph/ontology.js';
import type { MergeMode } from '../../store/merge.js';
import type { UserErrorModel } from '../../errors.js';
import { normaliseName, type Draft, type DraftEntity, type DraftRelationship, type SkippedRecord } from './draft.js';

const fillMissing = (base: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> => {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) if (v !== null && v !== undefined && (out[k] === null || out[k] === undefined)) out[k] = v;
  return out;
};

/**
 * Collects what the rows of a third-party file assert. An entity named on many rows (a developer, a chip) is
 * one draft entity, keyed by kind and normalised name; the first row that gives a property wins.
 */
export class DraftBuilder {
  private readonly entities = new Map<string, DraftEntity>();
  private readonly relationships = new Map<string, DraftRelationship>();
  readonly skipped: SkippedRecord[] = [];
  readonly issues: UserErrorModel[] = [];
  records = 0;

  constructor(
    private readonly source: string,
    private readonly mode: MergeMode = 'fill',
  ) {}

  /** Asserts an entity by name; returns the ref relationships use. */
  entity(kind: EntityKind, name: string, props: Record<string, unknown>, at: string): string {
    const ref = `${kind}:${normaliseName(name)}`;
    const existing = this.entities.get(ref);
    if (existing) this.entities.set(ref, { ...existing, props: fillMissing(existing.props, props) });
    else this.entities.set(ref, { ref, kind, name, sources: [this.source], props, at });
    return ref;
  }

  relationship(type: string, from: string, to: string, props: Record<string, unknown>, at: string): void {
    const key = `${from}|${type}|${to}`;
    const existing = this.relationships.get(key);
    if (existing) this.relationships.set(key, { ...existing, props: fillMissing(existing.props, props) });
    else this.relationships.set(key, { type, from, to, sources: [this.source], props, at });
  }

  skip(at: string, reason: string): void {
    this.skipped.push({ at, reason });
  }

  build(unknownColumns: string[]): Draft {
    return {
      mode: this.mode,
      entities: [...this.entities.values()],
      relationships: [...this.relationships.values()],
      skipped: this.skipped,
      unknownColumns,
      issues: this.issues,
      records: this.records,
    };
  }
}

/** Epoch's country names (ISO 3166 official short names) where the graph uses the common name. */
const COUNTRY_NAMES: Record<string, string> = {
  'united kingdom of great britain and northern ireland': 'United Kingdom',
  'korea (republic of)': 'South Korea',
  'korea, republic of': 'South Korea',
  'taiwan, province of china': 'Taiwan',
  'russian federation': 'Russia',
  'viet nam': 'Vietnam',
  'iran (islamic republic of)': 'Iran',
};

/** The graph's name for an Epoch country, or null for values that are not one country ("Multinational"). */
export function countryName(value: string): string | null {
  const trimmed = value.replace(/\s*\(the\)$/i, '').trim();
  if (!trimmed || /^multinational$/i.test(trimmed)) return null;
  return COUNTRY_NAMES[trimmed.toLowerCase()] ?? trimmed;
}

/** A number rounded to 10 significant digits, so unit conversions do not leave float noise (1042.0799999999984). */
export const tidy = (n: number | null, divisor = 1): number | null => (n === null ? null : Number((n / divisor).toPrecision(10)));
