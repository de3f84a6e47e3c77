/**
 * Incremental, label-aware placement. A node's box is its shape and its label together (the label hangs below
 * the shape), so two placed boxes never overlap and no label covers another. Placed nodes never move: only new
 * nodes are placed, on rings around their anchor, each at the first free spot nearest it.
 */

/** A box relative to a node's position: the label makes it wider than the shape and longer below it. */
export interface Extent {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

export interface Point {
  readonly x: number;
  readonly y: number;
}

interface Rect {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Free space kept around every box, in model pixels. */
const GAP = 6;
const CELL = 80;

/** The boxes placed so far, bucketed in a grid so that a free-spot test looks only at its neighbourhood. */
export class Occupancy {
  private readonly cells = new Map<string, Rect[]>();

  add(at: Point, e: Extent): void {
    const r = rect(at, e);
    for (const key of keys(r)) {
      const list = this.cells.get(key);
      if (list) list.push(r);
      else this.cells.set(key, [r]);
    }
  }

  free(at: Point, e: Extent): boolean {
    const r = rect(at, e);
    for (const key of keys(r)) for (const o of this.cells.get(key) ?? []) if (r.x1 < o.x2 && o.x1 < r.x2 && r.y1 < o.y2 && o.y1 < r.y2) return false;
    return true;
  }
}

const rect = (at: Point, e: Extent): Rect => ({
  x1: at.x + e.left - GAP / 2,
  y1: at.y + e.top - GAP / 2,
  x2: at.x + e.right + GAP / 2,
  y2: at.y + e.bottom + GAP / 2,
});

function keys(r: Rect): string[] {
  const out: string[] = [];
  for (let i = Math.floor(r.x1 / CELL); i <= Math.floor(r.x2 / CELL); i++)
    for (let j = Math.floor(r.y1 / CELL); j <= Math.floor(r.y2 / CELL); j++) out.push(`${i},${j}`);
  return out;
}

/**
 * The free spot nearest `anchor` for a box of extent `e`: rings of growing radius, each tried at a spacing of
 * about one box, starting at a different angle per ring so that successive nodes spread round the anchor.
 * `firstRing` skips the inner rings (known to be full when many nodes are placed around one anchor).
 */
export function nearestFree(space: Occupancy, anchor: Point, e: Extent, firstRing = 0, minRadius = 70): { at: Point; ring: number } {
  const step = Math.max(24, Math.min(e.right - e.left, e.bottom - e.top));
  for (let ring = firstRing; ring < firstRing + 400; ring++) {
    const r = minRadius + ring * step * 0.6;
    const count = Math.max(6, Math.floor((2 * Math.PI * r) / step));
    const start = ring * 0.618 * 2 * Math.PI;
    for (let k = 0; k < count; k++) {
      const a = start + (k * 2 * Math.PI) / count;
      const at = { x: anchor.x + r * Math.cos(a), y: anchor.y + r * Math.sin(a) };
      if (space.free(at, e)) return { at, ring };
    }
  }
  return { at: { x: anchor.x, y: anchor.y + minRadius }, ring: firstRing };
}

/** Lets the browser paint and handle input before the rest of a long piece of work runs. */
export const yieldToBrowser = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

/** A node to place: its id, the node it goes beside (null: beside the fallback point) and how to measure its box. */
export interface Pending {
  readonly id: string;
  readonly parent: string | null;
  /** Measured inside the slices: measuring a label costs about as much as placing it. */
  measure(): Extent;
}

/**
 * Places the pending nodes in order, each at the free spot nearest its parent (placed before, or earlier in
 * this same list), yielding to the browser whenever a slice has taken `sliceMs`, so that placing hundreds of
 * nodes never blocks input or painting for long. With nothing placed yet, the first node goes at `fallback`.
 */
export async function placeInSlices(
  space: Occupancy,
  placed: Map<string, Point>,
  pending: readonly Pending[],
  fallback: Point,
  sliceMs = 25,
): Promise<Map<string, Point>> {
  const result = new Map<string, Point>();
  // Per anchor, the ring where its last neighbour went: the rings inside it are full, so the search starts there.
  const rings = new Map<string, number>();
  let sliceStart = performance.now();
  for (const p of pending) {
    const anchor = (p.parent && (placed.get(p.parent) ?? result.get(p.parent))) || fallback;
    const extent = p.measure();
    const key = p.parent ?? '';
    let at = anchor;
    if (placed.size > 0 || result.size > 0) {
      const found = nearestFree(space, anchor, extent, Math.max(0, (rings.get(key) ?? 0) - 1));
      rings.set(key, found.ring);
      at = found.at;
    }
    space.add(at, extent);
    result.set(p.id, at);
    if (performance.now() - sliceStart > sliceMs) {
      await yieldToBrowser();
      sliceStart = performance.now();
    }
  }
  return result;
}
