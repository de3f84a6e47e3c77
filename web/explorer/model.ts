import { ENTITY_KINDS, KIND_PROPERTIES, type EntityKind } from '../../src/graph/ontology.js';
import type { Neighbourhood } from './graph-state.js';
import { kindFromEnum } from './kinds.js';

export interface SourceRef {
  readonly id: string;
  readonly name: string;
  readonly title: string | null;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly publishedDate: string | null;
}

export interface EntityRef {
  readonly id: string;
  readonly kind: EntityKind;
  readonly name: string;
  /** Data centers in a neighbourhood: the numbers "size by" uses. */
  readonly powerMw?: number | null;
  readonly h100Equivalents?: number | null;
}

export interface RelationshipData {
  readonly type: string;
  readonly direction: 'OUT' | 'IN';
  readonly from: string;
  readonly to: string;
  readonly confidence: 'HIGH' | 'MEDIUM' | 'LOW';
  readonly validFrom: string | null;
  readonly validTo: string | null;
  readonly notes: string | null;
  readonly sources: readonly SourceRef[];
  readonly [property: string]: unknown;
}

/** A neighbour of the entity in the panel, through one relationship. */
export interface Relation {
  readonly node: EntityRef;
  readonly relationship: RelationshipData;
}

/** Everything the side panel shows about one entity, as of one date. */
export interface EntityDetails extends EntityRef {
  readonly aliases: readonly string[];
  readonly description: string | null;
  readonly sources: readonly SourceRef[];
  readonly facts: readonly { name: string; value: string }[];
  readonly relations: readonly Relation[];
}

/** An entity as the API sends it: the kind is the enum value (`DATA_CENTER`). */
export interface WireRef {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly powerMw?: number | null;
  readonly h100Equivalents?: number | null;
}

/** The ExplorerEntity response's entity: the common fields and its kind's own properties. */
export interface WireEntity extends WireRef {
  readonly aliases?: readonly string[] | null;
  readonly description?: string | null;
  readonly sources?: readonly SourceRef[] | null;
  readonly [property: string]: unknown;
}

const formatValue = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value));

/** Joins the ExplorerEntity response (facts, sources) with the relationships of the entity's neighbourhood. */
export function toDetails(raw: WireEntity, neighbourhood: Neighbourhood): EntityDetails {
  const kind = kindFromEnum(raw.kind);
  const facts = KIND_PROPERTIES[kind]
    .map((p) => ({ name: p.name, value: raw[p.name] }))
    .filter((f) => f.value !== null && f.value !== undefined && !(Array.isArray(f.value) && f.value.length === 0))
    .map((f) => ({ name: f.name, value: formatValue(f.value) }));
  const byId = new Map(neighbourhood.nodes.map((n) => [n.id, n]));
  const relations: Relation[] = [];
  for (const r of neighbourhood.edges) {
    const other = r.from === raw.id ? r.to : r.to === raw.id ? r.from : null;
    const node = other === null ? undefined : byId.get(other);
    if (node) relations.push({ node, relationship: r });
  }
  return { id: raw.id, kind, name: raw.name, aliases: raw.aliases ?? [], description: raw.description ?? null, sources: raw.sources ?? [], facts, relations };
}

export const toRef = (raw: WireRef): EntityRef => ({
  id: raw.id,
  kind: kindFromEnum(raw.kind),
  name: raw.name,
  ...(typeof raw.powerMw === 'number' ? { powerMw: raw.powerMw } : {}),
  ...(typeof raw.h100Equivalents === 'number' ? { h100Equivalents: raw.h100Equivalents } : {}),
});

export const isKind = (value: string): value is EntityKind => (ENTITY_KINDS as readonly string[]).includes(value);
