import { h } from './dom.js';
import type { GraphEdge } from './graph-state.js';
import type { EntityRef } from './model.js';

/** The number nodes are sized by: none, chips (EQUIPPED_WITH chipCount summed), power (MW) or H100-equivalents. */
export type SizeBy = 'none' | 'chips' | 'power' | 'h100';

export const SIZE_BY: readonly { readonly value: SizeBy; readonly label: string; readonly unit: string }[] = [
  { value: 'none', label: 'none', unit: '' },
  { value: 'chips', label: 'chip count', unit: 'chips' },
  { value: 'power', label: 'power (MW)', unit: 'MW' },
  { value: 'h100', label: 'H100-equivalents', unit: 'H100e' },
];

export const isSizeBy = (text: string): text is SizeBy => SIZE_BY.some((s) => s.value === text);

/** Node diameters in model pixels: the largest value gets MAX, nothing is drawn under MIN. */
const MIN = 14;
const MAX = 64;

/** Each drawn node's number: its own (power, H100e) or the chip counts on its drawn EQUIPPED_WITH relationships, summed. */
export function valuesOf(by: SizeBy, nodes: readonly EntityRef[], edges: readonly GraphEdge[]): Map<string, number> {
  const values = new Map<string, number>();
  if (by === 'power' || by === 'h100') {
    for (const n of nodes) {
      const v = by === 'power' ? n.powerMw : n.h100Equivalents;
      if (typeof v === 'number' && v > 0) values.set(n.id, v);
    }
  } else if (by === 'chips') {
    for (const e of edges) {
      if (e.type !== 'EQUIPPED_WITH' || !e.chipCount) continue;
      for (const id of [e.from, e.to]) values.set(id, (values.get(id) ?? 0) + e.chipCount);
    }
  }
  return values;
}

/**
 * Node diameters: the area follows the number (the diameter its square root), so a data center of four times the
 * power is drawn twice as wide. Bounded: MIN to MAX pixels. Nodes without the number keep the usual size.
 */
export function sizesOf(values: ReadonlyMap<string, number>): Map<string, number> {
  const max = Math.max(0, ...values.values());
  const sizes = new Map<string, number>();
  if (max <= 0) return sizes;
  for (const [id, v] of values) sizes.set(id, Math.round(Math.max(MIN, MAX * Math.sqrt(v / max))));
  return sizes;
}

/** The legend's note on what the sizes mean. */
export function sizeNote(by: SizeBy, values: ReadonlyMap<string, number>): string {
  const s = SIZE_BY.find((x) => x.value === by)!;
  if (by === 'none') return '';
  if (!values.size) return `No drawn entity carries ${s.label}.`;
  const max = Math.max(...values.values());
  return `Area ∝ ${s.label}: the largest (${max.toLocaleString('en')} ${s.unit}) ${MAX} px wide, at least ${MIN} px; ${values.size} sized, the rest the usual size.`;
}

/** Fills the "size by" control and calls onPick with the chosen number. */
export function setupSizeSelect(select: HTMLSelectElement, onPick: (by: SizeBy) => void): void {
  select.replaceChildren(...SIZE_BY.map((s) => h('option', { value: s.value }, s.label)));
  select.addEventListener('change', () => {
    if (isSizeBy(select.value)) onPick(select.value);
  });
}
