import cytoscape, { type Core, type ElementDefinition, type NodeSingular } from 'cytoscape';
import type { GraphEdge } from './graph-state.js';
import { MIN_LABEL_PX, STYLE } from './graph-style.js';
import { KIND_COLOURS, KIND_SHAPES, typeLabel } from './kinds.js';
import { Occupancy, placeInSlices, yieldToBrowser, type Extent, type Point } from './layout.js';
import type { EntityRef } from './model.js';

export interface DrawInput {
  readonly nodes: readonly EntityRef[];
  readonly edges: readonly GraphEdge[];
  readonly expanded: readonly string[];
  /** Node marks (added / removed / faded), by id. */
  readonly marks?: ReadonlyMap<string, string>;
  /** With no date chosen, relationships that ended before this day are drawn dashed and grey. */
  readonly today?: string | null;
  /** Node diameters by id ("size by"); nodes not listed keep the usual size. */
  readonly sizes?: ReadonlyMap<string, number>;
}

export interface GraphView {
  readonly cy: Core;
  /** Makes the drawing match the input; new nodes are placed around their anchors, placed ones stay still. */
  draw(input: DrawInput): Promise<void>;
  select(id: string | null): void;
  fit(): void;
  centre(id: string | null): void;
}

const ANIMATE_MS = 220;
/** From this many nodes the drawing is big: drawn for speed (haystack edges) and not animated. */
const BIG = 200;
/** Above this many new nodes at once, they appear in place: animating them all would cost more than it shows. */
const ANIMATE_MAX = 150;

/** The node-link drawing. Tapping a node calls onOpen with its id. */
export function createGraphView(container: HTMLElement, onOpen: (id: string) => void): GraphView {
  const cy = cytoscape({ container, style: STYLE, minZoom: 0.1, maxZoom: 3, boxSelectionEnabled: false, wheelSensitivity: 0.3 });
  cy.on('tap', 'node', (event) => onOpen(event.target.id()));
  cy.on('mouseover', 'node', (event) => label(event.target as NodeSingular, true));
  cy.on('mouseout', 'node', (event) => {
    if (!(event.target as NodeSingular).selected()) label(event.target as NodeSingular, false);
  });
  cy.on('zoom', () => cy.nodes('.labelled').data('labelSize', labelSize()));

  const labelSize = (): number => Math.max(MIN_LABEL_PX, MIN_LABEL_PX / cy.zoom());
  function label(node: NodeSingular, on: boolean): void {
    node.data('labelSize', labelSize());
    node.toggleClass('labelled', on);
    node.connectedEdges().toggleClass('labelled', on);
  }

  async function draw(input: DrawInput): Promise<void> {
    document.body.dataset.layout = 'running';
    const wanted = definitions(input);
    const fresh: string[] = [];
    const firstDraw = cy.nodes().empty();
    await yieldToBrowser();
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) el.remove();
      });
      for (const [id, def] of wanted) {
        const existing = cy.getElementById(id);
        if (existing.nonempty()) {
          // Touching an element restyles it: at hundreds of nodes, only what changed may be touched.
          if (existing.classes().join(' ') !== (def.classes ?? '')) existing.classes(def.classes ?? '');
          if (existing.data('name') !== def.data.name) existing.data('name', def.data.name);
          if (existing.data('size') !== def.data.size) {
            // A node of another size may now overlap its neighbours: it is placed again, the others stay still.
            existing.data('size', def.data.size);
            existing.addClass('unplaced');
            fresh.push(id);
          }
          continue;
        }
        // Unplaced nodes are measured but not drawn (a frame in between would draw them all at the origin).
        cy.add({ ...def, ...(def.group === 'nodes' ? { position: { x: 0, y: 0 }, classes: `${def.classes ?? ''} unplaced` } : {}) });
        if (def.group === 'nodes') fresh.push(id);
      }
    });
    if (fresh.length) await place(fresh, input.expanded);
    if (firstDraw || fresh.length) fit();
    document.body.dataset.layout = 'idle';
  }

  /** Places the new nodes, nearest their already placed neighbours first, then moves them out from their anchors. */
  async function place(fresh: readonly string[], expanded: readonly string[]): Promise<void> {
    const freshSet = new Set(fresh);
    const space = new Occupancy();
    const at = new Map<string, Point>();
    cy.nodes().forEach((n) => {
      if (freshSet.has(n.id())) return;
      at.set(n.id(), { ...n.position() });
      space.add(n.position(), extentOf(n));
    });
    const last = expanded.findLast((id) => at.has(id));
    const fallback: Point = last ? at.get(last)! : at.size ? rightOf(cy, freshSet) : { x: 0, y: 0 };
    const pending = breadthFirst(cy, fresh, at, expanded).map(({ id, parent }) => ({ id, parent, measure: () => extentOf(cy.getElementById(id)) }));
    const placed = await placeInSlices(space, at, pending, fallback);
    await yieldToBrowser();
    cy.batch(() => {
      for (const [id, p] of placed) cy.getElementById(id).position(p).removeClass('unplaced');
    });
    // Every animation frame redraws the whole drawing: past a few hundred nodes new ones just appear.
    if (fresh.length > ANIMATE_MAX || cy.nodes().length > BIG || at.size === 0) return;
    for (const { id, parent } of pending) {
      const node = cy.getElementById(id);
      const to = { ...node.position() };
      node.position((parent && (at.get(parent) ?? placed.get(parent))) || fallback);
      node.animate({ position: to }, { duration: ANIMATE_MS });
    }
    await new Promise((resolve) => setTimeout(resolve, ANIMATE_MS + 40));
  }

  function fit(): void {
    if (cy.nodes().empty()) return;
    cy.fit(undefined, 30);
    // A few nodes fitted to the viewport would be drawn huge; keep them at a readable size.
    if (cy.zoom() > 1.1) {
      cy.zoom(1.1);
      cy.center();
    }
  }

  function centre(id: string | null): void {
    const node = id ? cy.getElementById(id) : cy.nodes(':selected');
    if (node.nonempty()) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: ANIMATE_MS });
  }

  function select(id: string | null): void {
    cy.nodes(':selected').forEach((n) => {
      n.unselect();
      label(n, false);
    });
    if (!id) return;
    const node = cy.getElementById(id);
    node.select();
    if (node.nonempty()) label(node, true);
  }

  return { cy, draw, select, fit, centre };
}

/** The node's box with its label, relative to its position, at zoom 1. */
function extentOf(n: NodeSingular): Extent {
  const b = n.boundingBox({ includeLabels: true, includeOverlays: false } as cytoscape.BoundingBoxOptions);
  const p = n.position();
  return { left: b.x1 - p.x, top: b.y1 - p.y, right: b.x2 - p.x, bottom: b.y2 - p.y };
}

const rightOf = (cy: Core, fresh: ReadonlySet<string>): Point => {
  const b = cy
    .nodes()
    .filter((n) => !fresh.has(n.id()))
    .boundingBox({});
  return { x: b.x2 + 120, y: (b.y1 + b.y2) / 2 };
};

/** The new nodes in the order to place them: those next to placed nodes first, each with the neighbour it goes beside. */
function breadthFirst(
  cy: Core,
  fresh: readonly string[],
  placed: ReadonlyMap<string, Point>,
  expanded: readonly string[],
): { id: string; parent: string | null }[] {
  const freshSet = new Set(fresh);
  const rankOf = (id: string): number => (expanded.includes(id) ? 0 : 1);
  const order: { id: string; parent: string | null }[] = [];
  const seen = new Set<string>();
  let frontier = [...placed.keys()].sort((a, b) => rankOf(a) - rankOf(b));
  const roots = fresh.filter((id) => expanded.includes(id));
  if (!frontier.length) {
    const first = roots[0] ?? fresh[0]!;
    order.push({ id: first, parent: null });
    seen.add(first);
    frontier = [first];
  }
  while (order.length < fresh.length) {
    const next: string[] = [];
    for (const id of frontier) {
      cy.getElementById(id)
        .neighborhood('node')
        .forEach((n) => {
          if (freshSet.has(n.id()) && !seen.has(n.id())) {
            seen.add(n.id());
            order.push({ id: n.id(), parent: id });
            next.push(n.id());
          }
        });
    }
    if (!next.length) {
      const orphan = fresh.find((id) => !seen.has(id))!;
      seen.add(orphan);
      order.push({ id: orphan, parent: null });
      next.push(orphan);
    }
    frontier = next;
  }
  return order;
}

function definitions(input: DrawInput): Map<string, ElementDefinition> {
  // Haystack edges (straight, no arrow heads) cost a fraction of bezier ones to draw.
  const fast = input.nodes.length > BIG ? 'fast' : '';
  const wanted = new Map<string, ElementDefinition>();
  for (const n of input.nodes) {
    const size = input.sizes?.get(n.id);
    const group = n.id.startsWith('cluster:');
    const classes = [input.expanded.includes(n.id) ? 'expanded' : '', input.marks?.get(n.id) ?? '', size ? 'sized' : '', group ? 'cluster' : '']
      .filter(Boolean)
      .join(' ');
    wanted.set(n.id, {
      group: 'nodes',
      classes,
      data: {
        id: n.id,
        name: n.name,
        short: group ? n.name : shorten(n.name),
        kind: n.kind,
        colour: KIND_COLOURS[n.kind],
        shape: KIND_SHAPES[n.kind],
        labelSize: MIN_LABEL_PX,
        size,
      },
    });
  }
  for (const e of input.edges) {
    const ended = input.today && e.validTo && e.validTo < input.today ? 'ended' : '';
    const classes = [e.classification ? `route ${CLASSES[e.classification] ?? ''}` : '', ended, e.mark ?? '', fast].filter(Boolean).join(' ');
    wanted.set(`e:${e.key}`, {
      group: 'edges',
      classes,
      data: {
        id: `e:${e.key}`,
        source: e.from,
        target: e.to,
        type: e.type,
        label: typeLabel(e.type),
        confidence: e.confidence,
        classification: e.classification ?? '',
      },
    });
  }
  return wanted;
}

/** Labels longer than this are cut with an ellipsis (the full name is in the panel and the table). */
const LABEL_CHARS = 26;
const shorten = (name: string): string => (name.length > LABEL_CHARS ? `${name.slice(0, LABEL_CHARS - 1).trimEnd()}…` : name);

const CLASSES: Record<string, string> = { RESTRICTED_OFFSHORE: 'offshore', RESTRICTED_DOMESTIC: 'domestic', RESTRICTED_REMOTE_ACCESS: 'remote' };
