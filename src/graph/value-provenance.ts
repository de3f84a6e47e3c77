import { z } from 'zod';
import { CONFIDENCE_LEVELS, type Confidence } from './ontology.js';

/** The node property that holds an entity's per-value provenance, as a JSON string (Neo4j stores no maps). */
export const VALUE_PROVENANCE = 'valueProvenance';

/** Where one value of an entity comes from: its Source, how sure that source is, and the day it speaks of. */
export interface ValueProvenanceEntry {
  readonly source: string;
  /** Null: the source claims no confidence (Epoch's Unknown or blank); never read as HIGH. */
  readonly confidence: Confidence | null;
  readonly asOf?: string;
  readonly note?: string;
  /** The source calls the value an estimate (Epoch's Speculative, a cluster's Unlikely): not a plain fact. */
  readonly estimate?: boolean;
}

/** Property name → where its value comes from. */
export type ValueProvenanceMap = Readonly<Record<string, ValueProvenanceEntry>>;

const entrySchema = z
  .object({
    source: z.string().min(1, 'is required'),
    confidence: z.enum(CONFIDENCE_LEVELS).nullish(),
    asOf: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
      .nullish(),
    note: z.string().nullish(),
    estimate: z.boolean().nullish(),
  })
  .strict();

const jsonOrMap = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
};

/** The graph JSON format's `valueProvenance`: a map of property → entry (or the stored JSON string of one). */
export const valueProvenanceSchema = z.preprocess(jsonOrMap, z.record(z.string(), entrySchema));

function tidyEntry(e: z.infer<typeof entrySchema>): ValueProvenanceEntry {
  return {
    source: e.source,
    confidence: e.confidence ?? null,
    ...(e.asOf ? { asOf: e.asOf } : {}),
    ...(e.note ? { note: e.note } : {}),
    ...(e.estimate ? { estimate: true } : {}),
  };
}

/** The map a stored JSON string (or an already parsed object) holds; anything unreadable is an empty map. */
export function parseProvenance(value: unknown): ValueProvenanceMap {
  if (value === null || value === undefined || value === '') return {};
  let raw: unknown = value;
  if (typeof value === 'string') {
    try {
      raw = JSON.parse(value);
    } catch {
      return {};
    }
  }
  const parsed = valueProvenanceSchema.safeParse(raw);
  return parsed.success ? Object.fromEntries(Object.entries(parsed.data).map(([k, e]) => [k, tidyEntry(e)])) : {};
}

/**
 * The stored form: JSON with properties in name order and each entry's fields in one order (so equal maps are
 * equal strings, and importing the same file again writes nothing), or null when empty.
 */
export function serialiseProvenance(map: ValueProvenanceMap): string | null {
  const keys = Object.keys(map).sort();
  return keys.length ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, tidyEntry(map[k]!)]))) : null;
}

/** One entry for each of `properties` that has a value in `props` (a number, a date...), all alike. */
export function entriesFor(props: Record<string, unknown>, properties: readonly string[], entry: ValueProvenanceEntry): Record<string, ValueProvenanceEntry> {
  const given = properties.filter((p) => props[p] !== null && props[p] !== undefined);
  return Object.fromEntries(given.map((p) => [p, tidyEntry(entry)]));
}

/** entriesFor, in the stored form. */
export const provenanceFor = (props: Record<string, unknown>, properties: readonly string[], entry: ValueProvenanceEntry): string | null =>
  serialiseProvenance(entriesFor(props, properties, entry));

/**
 * The provenance after a merge: an incoming entry is taken for each property whose incoming value was taken (the
 * graph lacked it, or the mode asserts); an existing entry is dropped when an asserted value replaced its value.
 */
export function mergeProvenance(existing: Record<string, unknown>, incoming: Record<string, unknown>, taken: (property: string) => boolean): string | null {
  const before = parseProvenance(existing[VALUE_PROVENANCE]);
  const offered = parseProvenance(incoming[VALUE_PROVENANCE]);
  const out: Record<string, ValueProvenanceEntry> = {};
  for (const [prop, entry] of Object.entries(before)) if (!taken(prop) || JSON.stringify(existing[prop]) === JSON.stringify(incoming[prop])) out[prop] = entry;
  for (const [prop, entry] of Object.entries(offered)) if (taken(prop)) out[prop] = entry;
  return serialiseProvenance(out);
}

/** The provenance without the entries of `properties` (values a curator has just replaced or cleared). */
export function withoutEntries(value: unknown, properties: readonly string[]): string | null {
  const map = { ...parseProvenance(value) };
  for (const p of properties) delete map[p];
  return serialiseProvenance(map);
}

/**
 * The parser's own entries (cited to one of `own`) cited to `source` instead, with `asOf` where an entry has none
 * (a dataset's snapshot cited as a whole). An entry credited to someone else (coordinates a copy's author added)
 * keeps its source.
 */
export function reciteProvenance(value: unknown, source: string, asOf: string | null, own: readonly string[]): string | null {
  const map = parseProvenance(value);
  return serialiseProvenance(
    Object.fromEntries(Object.entries(map).map(([k, e]) => [k, own.includes(e.source) ? { ...e, source, ...(e.asOf || !asOf ? {} : { asOf }) } : e])),
  );
}
