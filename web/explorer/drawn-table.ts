import type { Core } from 'cytoscape';
import { h } from './dom.js';
import { kindLabel } from './kinds.js';

/**
 * A table of what is drawn, the keyboard and screen-reader route to every node: filled when its <details> is
 * opened (and refilled on each redraw while open), since building it for hundreds of nodes costs time.
 */
export function setupDrawnTable(details: HTMLDetailsElement, target: HTMLElement, cy: Core, onOpen: (id: string) => void): () => void {
  const fill = (): void => {
    if (!details.open) return;
    const rows = cy
      .nodes()
      .map((n) => n)
      .sort((a, b) => String(a.data('name')).localeCompare(String(b.data('name'))))
      .map((n) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, h('button', { type: 'button', class: 'link', 'data-id': n.id(), onclick: () => onOpen(n.id()) }, String(n.data('name')))),
          h('td', {}, kindLabel(n.data('kind'))),
          h('td', {}, String(n.connectedEdges().length)),
        ),
      );
    target.replaceChildren(
      h(
        'table',
        { class: 'drawn' },
        h('caption', { class: 'visually-hidden' }, 'Entities drawn'),
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Entity'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Relationships drawn'))),
        h('tbody', {}, ...rows),
      ),
    );
  };
  details.addEventListener('toggle', fill);
  return fill;
}
