import { RELATIONSHIP_TYPE_NAMES } from '../../src/graph/ontology.js';
import { gql } from './api.js';
import { ExplorerEntityDocument, ExplorerNeighborhoodDocument, ExplorerNeighbourCountDocument, type RelationshipType } from './generated/graphql.js';
import type { Neighbourhood } from './graph-state.js';
import { toDetails, toRef, type EntityDetails, type WireEntity } from './model.js';

// Promises, not values: the panel and the drawing ask for the same neighbourhood at the same time.
const entities = new Map<string, Promise<WireEntity | null>>();
const neighbourhoods = new Map<string, Promise<Neighbourhood | null>>();
const counts = new Map<string, Promise<NeighbourCount>>();

/** An entity's neighbours counted by relationship type; `more` when some type has more than the server's cap. */
export interface NeighbourCount {
  /** Only the types with neighbours, in the ontology's order. */
  readonly byType: Readonly<Partial<Record<RelationshipType, number>>>;
  readonly total: number;
  readonly more: boolean;
}

/** A failed request is not cached: the next attempt asks the server again. */
function cached<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  if (!map.has(key)) {
    const promise = load();
    promise.catch(() => map.delete(key));
    map.set(key, promise);
  }
  return map.get(key)!;
}

/** The entity's neighbours and relationships on the date (any date when empty), of these types (all when null); null for an unknown id. */
export function neighbourhood(id: string, asOf: string, type: RelationshipType | null = null): Promise<Neighbourhood | null> {
  return cached(neighbourhoods, `${id}@${asOf}:${type ?? '*'}`, async () => {
    const variables = { id, asOf: asOf || null, types: type ? [type] : null };
    const n = (await gql(ExplorerNeighborhoodDocument, variables)).neighborhood;
    return n ? { center: toRef(n.center), nodes: n.nodes.map((x) => toRef(x.node)), edges: n.edges, truncated: n.truncated } : null;
  });
}

/** Counts the entity's neighbours on the date, type by type. */
export function neighbourCount(id: string, asOf: string): Promise<NeighbourCount> {
  return cached(counts, `${id}@${asOf}`, async () => {
    const data = await gql(ExplorerNeighbourCountDocument, { id, asOf: asOf || null });
    const byType: Partial<Record<RelationshipType, number>> = {};
    let more = false;
    for (const type of RELATIONSHIP_TYPE_NAMES as RelationshipType[]) {
      const n = data[type];
      if (!n || n.nodes.length === 0) continue;
      byType[type] = n.nodes.length;
      more ||= n.truncated;
    }
    return { byType, total: Object.values(byType).reduce((a, b) => a + b, 0), more };
  });
}

/**
 * The whole neighbourhood as far as the server lets it be read: every type with neighbours asked for on its own
 * (each up to the cap), merged. For "load more" on a neighbourhood cut at the cap.
 */
export async function fullNeighbourhood(id: string, asOf: string): Promise<Neighbourhood[]> {
  const count = await neighbourCount(id, asOf);
  const parts: Neighbourhood[] = [];
  for (const type of Object.keys(count.byType) as RelationshipType[]) {
    const n = await neighbourhood(id, asOf, type);
    if (n) parts.push(n);
  }
  return parts;
}

/** The entity's facts and sources joined with its relationships on the date; null for an unknown id. */
export async function details(id: string, asOf: string): Promise<EntityDetails | null> {
  const entity = cached(entities, id, async () => (await gql(ExplorerEntityDocument, { id })).entity);
  const [e, n] = await Promise.all([entity, neighbourhood(id, asOf)]);
  return e && n ? toDetails(e, n) : null;
}
