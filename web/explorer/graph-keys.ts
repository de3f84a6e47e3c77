import type { GraphView } from './graph-view.js';

interface KeyActions {
  open(id: string): void;
  deselect(): void;
  clearSearch(): void;
}

const DIRECTIONS: Record<string, number> = { ArrowRight: 0, ArrowDown: Math.PI / 2, ArrowLeft: Math.PI, ArrowUp: -Math.PI / 2 };

/**
 * Keyboard reach of the drawing: focused, the arrow keys move the selection to the neighbour lying most
 * nearly in that direction (the first drawn node when nothing is selected), Enter expands it, Escape
 * deselects. "/" anywhere focuses the search box.
 */
export function setupKeys(container: HTMLElement, graph: GraphView, actions: KeyActions): void {
  const cy = graph.cy;
  const live = document.getElementById('graph-focus')!;
  container.addEventListener('keydown', (event) => {
    const current = cy.nodes(':selected').first();
    if (event.key in DIRECTIONS) {
      const next = current.nonempty() ? nearestInDirection(graph, current.id(), DIRECTIONS[event.key]!) : cy.nodes().first().id();
      if (next) {
        graph.select(next);
        graph.centre(next);
        const n = cy.getElementById(next);
        live.textContent = `${n.data('name')}, ${n.data('kind')}, ${n.degree(false)} relationships drawn. Enter expands it.`;
      }
    } else if (event.key === 'Enter' && current.nonempty()) actions.open(current.id());
    else if (event.key === 'Escape') actions.deselect();
    else return;
    event.preventDefault();
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
      event.preventDefault();
      document.getElementById('search-input')?.focus();
    } else if (event.key === 'Escape' && target.id === 'search-input') actions.clearSearch();
  });
}

function nearestInDirection(graph: GraphView, id: string, angle: number): string | null {
  const node = graph.cy.getElementById(id);
  const p = node.position();
  let best: { id: string; score: number } | null = null;
  node.neighborhood('node').forEach((n) => {
    const q = n.position();
    const a = Math.atan2(q.y - p.y, q.x - p.x);
    const off = Math.abs(Math.atan2(Math.sin(a - angle), Math.cos(a - angle)));
    if (off > Math.PI / 2) return;
    const score = off * 200 + Math.hypot(q.x - p.x, q.y - p.y);
    if (!best || score < best.score) best = { id: n.id(), score };
  });
  return (best as { id: string } | null)?.id ?? null;
}
