import { h } from './dom.js';
import type { RelationshipType } from './generated/graphql.js';
import { typeLabel } from './kinds.js';
import type { EntityDetails } from './model.js';

/** Neighbours by relationship type, as counted from the relationships the panel already has (no request of its own). */
export function neighboursByType(details: EntityDetails): Partial<Record<RelationshipType, number>> {
  const seen = new Map<RelationshipType, Set<string>>();
  for (const r of details.relations) {
    const type = r.relationship.type as RelationshipType;
    seen.set(type, (seen.get(type) ?? new Set()).add(r.node.id));
  }
  return Object.fromEntries([...seen].map(([type, ids]) => [type, ids.size]));
}

/**
 * "Expand by relationship type": one toggle per type the entity has neighbours over on the date, with the count.
 * Pressed: the type is drawn. With the entity expanded whole, pressing a type draws that type alone. The counts
 * come from the neighbourhood the panel lists, or, for one cut at the server's cap, from the type-by-type count
 * the panel asks for anyway ("100+" where a type reaches the cap): each count query costs 21 analysis units of the
 * client's rate budget, too many to spend on every selection.
 */
export function typeExpansionMenu(
  counts: Partial<Record<RelationshipType, number>>,
  current: readonly RelationshipType[],
  onPick: (type: RelationshipType) => void,
): HTMLElement | null {
  const types = Object.entries(counts) as [RelationshipType, number][];
  if (!types.length) return null;
  const button = ([type, n]: [RelationshipType, number]): HTMLElement =>
    h(
      'button',
      { type: 'button', class: 'type-expand', 'data-type': type, 'aria-pressed': String(current.includes(type)), onclick: () => onPick(type) },
      `${typeLabel(type)} (${n >= 100 ? '100+' : n})`,
    );
  return h(
    'section',
    { class: 'expand-types', id: 'expand-types', 'aria-labelledby': 'expand-types-title' },
    h('h3', { id: 'expand-types-title' }, 'Expand by relationship type'),
    h('div', { class: 'tools', role: 'group', 'aria-labelledby': 'expand-types-title' }, ...types.map(button)),
  );
}
