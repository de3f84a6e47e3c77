import { parseProvenance, serialiseProvenance, valueProvenanceSchema } from './value-provenance.js';
import { z } from 'zod';
import type { GraphIssueCode } from '../errors.js';
import {
  CONFIDENCE_LEVELS,
  ENTITY_KINDS,
  ID_PATTERN,
  KIND_PROPERTIES,
  propertiesOf,
  relationshipSpec,
  type EntityKind,
  type PropertySpec,
} from './ontology.js';

/** A YYYY-MM-DD string naming a day that exists (2024-02-30 does not). */
const isRealDay = (s: string): boolean => {
  const day = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === s;
};
const isoDate = z.string().refine(isRealDay, 'must be a real date YYYY-MM-DD');

const atLeast = (scalar: z.ZodNumber, min: number, list = false): z.ZodType => {
  const bounded = scalar.min(min, `must not be below ${min}`);
  return (list ? z.array(bounded) : bounded).nullish();
};

const schemaCache = new WeakMap<PropertySpec, z.ZodType>();

/** The zod schema of a property, built once per spec: validating an import calls this for every cell. */
function propertySchema(spec: PropertySpec): z.ZodType {
  const cached = schemaCache.get(spec);
  if (cached) return cached;
  const schema = buildPropertySchema(spec);
  schemaCache.set(spec, schema);
  return schema;
}

function buildPropertySchema(spec: PropertySpec): z.ZodType {
  const scalar = spec.values
    ? z.enum(spec.values as [string, ...string[]])
    : { string: z.string(), int: z.number().int(), float: z.number(), boolean: z.boolean(), date: isoDate }[spec.type];
  if (spec.min !== undefined && scalar instanceof z.ZodNumber) return atLeast(scalar, spec.min, spec.list);
  return (spec.list ? z.array(scalar) : scalar).nullish();
}

/** A `valueProvenance` map keyed by the kind's properties only, stored as its JSON string. */
function provenanceSchemaOf(kind: EntityKind) {
  const names = new Set(propertiesOf(kind).map((p) => p.name));
  return valueProvenanceSchema
    .refine((m) => Object.keys(m).every((k) => names.has(k)), `may only name properties of a ${kind}`)
    .transform((m) => serialiseProvenance(parseProvenance(m)))
    .nullish();
}

/** Longest entity id: ids are slugs (the longest in the seed has 40 characters) and keys of a Neo4j index. */
export const MAX_ID_LENGTH = 200;

const entitySchemas: Record<EntityKind, z.ZodType> = Object.fromEntries(
  ENTITY_KINDS.map((kind) => [
    kind,
    z
      .object({
        id: z.string().max(MAX_ID_LENGTH, `may be at most ${MAX_ID_LENGTH} characters`).regex(ID_PATTERN, 'must be a lower-case slug such as nvidia-h100'),
        kind: z.literal(kind),
        sources: z.array(z.string()).default([]),
        ...Object.fromEntries(propertiesOf(kind).map((p) => [p.name, propertySchema(p)])),
        valueProvenance: provenanceSchemaOf(kind),
        name: z.string().min(1, 'is required').max(300),
      })
      .strict(),
  ]),
) as Record<string, z.ZodType>;

export interface GraphEntity {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  readonly aliases?: string[] | null;
  readonly description?: string | null;
  readonly sources: string[];
  readonly [property: string]: unknown;
}

const relationshipBase = z
  .object({
    type: z.string(),
    from: z.string().min(1),
    to: z.string().min(1),
    sources: z.array(z.string()).min(1, 'must cite at least one source'),
    validFrom: isoDate.nullish(),
    validTo: isoDate.nullish(),
    confidence: z.enum(CONFIDENCE_LEVELS).nullish(),
    notes: z.string().nullish(),
    properties: z.record(z.string(), z.unknown()).nullish(),
  })
  .strict();

export type GraphRelationship = z.infer<typeof relationshipBase>;

export interface GraphFile {
  readonly entities: GraphEntity[];
  readonly relationships: GraphRelationship[];
}

/** A problem in a graph file, located by path (`entities[3].releaseDate`). */
export interface GraphIssue {
  readonly path: string;
  readonly message: string;
  /** Absent means INVALID_VALUE. */
  readonly code?: GraphIssueCode;
}

const zodCode = (issue: z.core.$ZodIssue): GraphIssueCode => {
  const last = issue.path[issue.path.length - 1];
  if (last === 'id' && issue.path.length === 1) return 'INVALID_ID';
  if (issue.message === 'is required' || issue.message.startsWith('must cite') || (issue.code === 'invalid_type' && issue.input === undefined))
    return 'REQUIRED';
  return 'INVALID_VALUE';
};

const at = (prefix: string, issue: z.core.$ZodIssue): GraphIssue => ({
  path: [prefix, ...issue.path.map(String)].join('.'),
  message: issue.message,
  code: zodCode(issue),
});

/** Validates one entity against its kind's schema. */
export function parseEntity(raw: unknown, path: string): { entity?: GraphEntity; issues: GraphIssue[] } {
  const kind = (raw as { kind?: unknown } | null)?.kind;
  if (typeof kind !== 'string' || !(kind in KIND_PROPERTIES)) {
    return { issues: [{ path: `${path}.kind`, message: `must be one of ${ENTITY_KINDS.join(', ')}` }] };
  }
  const parsed = entitySchemas[kind as EntityKind].safeParse(raw);
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => at(path, i)) };
  return { entity: parsed.data as GraphEntity, issues: [] };
}

const TYPE_NAMES: Record<PropertySpec['type'], string> = {
  string: 'a text',
  int: 'an integer',
  float: 'a number',
  boolean: 'true or false',
  date: 'a date YYYY-MM-DD',
};

const propertyMessage = (prop: PropertySpec, value: unknown): string =>
  typeof value === 'number' && prop.min !== undefined && value < prop.min ? `must not be below ${prop.min}` : `must be ${TYPE_NAMES[prop.type]}`;

/** Validates one relationship's shape, its type, its properties and its dates (not its endpoints). */
export function parseRelationship(raw: unknown, path: string): { relationship?: GraphRelationship; issues: GraphIssue[] } {
  const parsed = relationshipBase.safeParse(raw);
  if (!parsed.success) return { issues: parsed.error.issues.map((i) => at(path, i)) };
  const r = parsed.data;
  const spec = relationshipSpec(r.type);
  if (!spec) return { issues: [{ path: `${path}.type`, message: `unknown relationship type "${r.type}"`, code: 'INVALID_VALUE' }] };
  const issues: GraphIssue[] = [];
  const allowed = new Map(spec.properties.map((p) => [p.name, p]));
  for (const [name, value] of Object.entries(r.properties ?? {})) {
    const prop = allowed.get(name);
    if (!prop) issues.push({ path: `${path}.properties.${name}`, message: `is not a property of ${r.type}` });
    else if (!propertySchema(prop).safeParse(value).success) issues.push({ path: `${path}.properties.${name}`, message: propertyMessage(prop, value) });
  }
  if (r.validFrom && r.validTo && r.validFrom > r.validTo)
    issues.push({ path: `${path}.validTo`, message: 'must not be before validFrom', code: 'DATE_ORDER' });
  return issues.length ? { issues } : { relationship: r, issues };
}

/**
 * Checks a whole graph: shapes, unique ids, allowed endpoint kinds and cited sources. `known` resolves ids that
 * are not in the file (entities already in the database), with their kind.
 */
export function validateGraph(
  raw: { entities?: unknown[]; relationships?: unknown[] },
  known: ReadonlyMap<string, EntityKind> = new Map(),
): { graph: GraphFile; issues: GraphIssue[] } {
  const issues: GraphIssue[] = [];
  const entities: GraphEntity[] = [];
  const kinds = new Map(known);
  const ids = new Set<string>();
  (raw.entities ?? []).forEach((e, i) => {
    const result = parseEntity(e, `entities[${i}]`);
    issues.push(...result.issues);
    if (!result.entity) return;
    if (ids.has(result.entity.id)) issues.push({ path: `entities[${i}].id`, message: `duplicate id "${result.entity.id}"`, code: 'DUPLICATE_ID' });
    entities.push(result.entity);
    ids.add(result.entity.id);
    kinds.set(result.entity.id, result.entity.kind);
  });
  const sourceExists = (id: string): boolean => kinds.get(id) === 'Source';
  entities.forEach((e, i) => {
    if (e.kind !== 'Source' && e.sources.length === 0)
      issues.push({ path: `entities[${i}].sources`, message: 'must cite at least one source', code: 'REQUIRED' });
    e.sources.forEach(
      (s, j) => sourceExists(s) || issues.push({ path: `entities[${i}].sources[${j}]`, message: `unknown source "${s}"`, code: 'UNKNOWN_SOURCE' }),
    );
  });
  const relationships: GraphRelationship[] = [];
  (raw.relationships ?? []).forEach((r, i) => {
    const path = `relationships[${i}]`;
    const result = parseRelationship(r, path);
    issues.push(...result.issues);
    const rel = result.relationship;
    if (!rel) return;
    const spec = relationshipSpec(rel.type)!;
    for (const end of ['from', 'to'] as const) {
      const kind = kinds.get(rel[end]);
      const allowed = end === 'from' ? spec.from : spec.to;
      if (!kind) issues.push({ path: `${path}.${end}`, message: `unknown entity "${rel[end]}"`, code: 'UNKNOWN_ENDPOINT' });
      else if (!allowed.includes(kind))
        issues.push({
          path: `${path}.${end}`,
          message: `${rel.type} cannot ${end === 'from' ? 'start at' : 'end at'} a ${kind} (allowed: ${allowed.join(', ')})`,
          code: 'RELATIONSHIP_NOT_ALLOWED',
        });
    }
    rel.sources.forEach((s, j) => sourceExists(s) || issues.push({ path: `${path}.sources[${j}]`, message: `unknown source "${s}"`, code: 'UNKNOWN_SOURCE' }));
    relationships.push(rel);
  });
  return { graph: { entities, relationships }, issues };
}
