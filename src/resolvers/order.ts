import { badInput } from '../errors.js';
import { sortRelations } from '../graph/aggregation.js';
import type { EntityKind } from '../graph/ontology.js';

/** An `<Kind>Order` as it arrives: its own field, or one single-valued relationship field naming the neighbour's. */
export type OrderInput = { field?: string | null; direction?: 'ASC' | 'DESC' | null; [relation: string]: unknown } | null | undefined;

/** The store's sort arguments for an orderBy: `{country: NAME}` sorts by the country's name instead of `field`. */
export function orderOf(kind: EntityKind, orderBy: OrderInput): { sortField: string; sortThrough: string | null; descending: boolean } {
  const through = sortRelations(kind).filter((f) => orderBy?.[f.field] != null);
  if (through.length > 1) throw badInput('orderBy sorts through one relationship field at most.', { argument: 'orderBy' });
  const relation = through[0]?.field ?? null;
  return {
    sortField: relation ? String(orderBy![relation]) : (orderBy?.field ?? 'NAME'),
    sortThrough: relation,
    descending: orderBy?.direction === 'DESC',
  };
}
