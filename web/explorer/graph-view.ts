import cytoscape, { type Core, type ElementDefinition } from 'cytoscape';
import type { GraphEdge } from './graph-state.js';
import { KIND_COLOURS } from './kinds.js';
import type { EntityRef } from './model.js';

const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      label: 'data(name)',
      'font-size': 11,
      'text-wrap': 'ellipsis',
      'text-max-width': '150px',
      'text-valign': 'bottom',
      'text-margin-y': 3,
      color: '#1d2330',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.8,
      'text-background-padding': '1px',
      width: 22,
      height: 22,
    },
  },
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d2330', width: 28, height: 28 } },
  { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#c2185b' } },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#9aa3b2',
      'target-arrow-color': '#9aa3b2',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: 'data(type)',
      'font-size': 8,
      color: '#5b6475',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.7,
    },
  },
  { selector: 'edge[confidence = "LOW"]', style: { 'line-style': 'dashed' } },
  { selector: 'edge.route', style: { width: 2.5, 'line-color': '#4e79a7', 'target-arrow-color': '#4e79a7' } },
  {
    selector: 'edge.offshore',
    style: { width: 5, 'line-color': '#d62728', 'target-arrow-color': '#d62728', color: '#d62728', 'font-weight': 'bold', 'z-index': 10 },
  },
  { selector: 'edge.domestic', style: { width: 3.5, 'line-color': '#ff7f0e', 'target-arrow-color': '#ff7f0e' } },
  {
    selector: 'edge.remote',
    style: { width: 5, 'line-color': '#6a3d9a', 'target-arrow-color': '#6a3d9a', color: '#6a3d9a', 'font-weight': 'bold', 'z-index': 10 },
  },
];

export interface GraphView {
  readonly cy: Core;
  /** Makes the drawing match these nodes and edges; lays it out again when something was added. */
  draw(nodes: readonly EntityRef[], edges: readonly GraphEdge[], expanded: readonly string[], tree?: boolean): void;
  select(id: string | null): void;
}

/** The node-link drawing. Tapping a node calls onOpen with its id. */
export function createGraphView(container: HTMLElement, onOpen: (id: string) => void): GraphView {
  const cy = cytoscape({ container, style: STYLE, minZoom: 0.2, maxZoom: 3, boxSelectionEnabled: false });
  cy.on('tap', 'node', (event) => onOpen(event.target.id()));

  function draw(nodes: readonly EntityRef[], edges: readonly GraphEdge[], expanded: readonly string[], tree = false): void {
    const wanted = new Map<string, ElementDefinition>();
    for (const n of nodes) wanted.set(n.id, { group: 'nodes', data: { id: n.id, name: n.name, kind: n.kind, colour: KIND_COLOURS[n.kind] } });
    for (const e of edges) {
      const classes = e.classification ? `route ${classOf(e.classification)}` : '';
      wanted.set(`e:${e.key}`, {
        group: 'edges',
        classes,
        data: { id: `e:${e.key}`, source: e.from, target: e.to, type: e.type, confidence: e.confidence, classification: e.classification ?? '' },
      });
    }
    let added = false;
    const kept = cy.nodes().filter((n) => wanted.has(n.id())).length;
    // New nodes start beside the most recently expanded one, so the layout moves them out from there.
    const anchor = cy.getElementById(expanded[expanded.length - 1] ?? '');
    const origin = anchor.nonempty() ? anchor.position() : { x: 0, y: 0 };
    cy.batch(() => {
      cy.elements().forEach((el) => {
        if (!wanted.has(el.id())) el.remove();
      });
      for (const [id, def] of wanted) {
        const existing = cy.getElementById(id);
        if (existing.nonempty()) {
          existing.data(def.data);
          if (def.group === 'edges') existing.classes(def.classes as string);
          continue;
        }
        if (def.group === 'nodes') def.position = { x: origin.x + Math.random() * 40 - 20, y: origin.y + Math.random() * 40 - 20 };
        cy.add(def);
        added = true;
      }
      cy.nodes().forEach((n) => {
        n.toggleClass('expanded', expanded.includes(n.id()));
      });
    });
    if (!added) return;
    const options = tree
      ? { name: 'breadthfirst', roots: expanded.slice(0, 1), directed: false, spacingFactor: 1.1, padding: 24 }
      : { name: 'cose', animate: false, randomize: kept === 0, nodeRepulsion: () => 9000, idealEdgeLength: () => 90, padding: 24 };
    cy.layout(options as cytoscape.LayoutOptions).run();
    // A few nodes fitted to the viewport would be drawn huge; keep them at a readable size.
    if (cy.zoom() > 1.1) {
      cy.zoom(1.1);
      cy.center();
    }
  }

  function select(id: string | null): void {
    cy.nodes(':selected').unselect();
    if (id) cy.getElementById(id).select();
  }

  return { cy, draw, select };
}

const CLASSES: Record<string, string> = { RESTRICTED_OFFSHORE: 'offshore', RESTRICTED_DOMESTIC: 'domestic', RESTRICTED_REMOTE_ACCESS: 'remote' };
const classOf = (classification: string): string => CLASSES[classification] ?? '';
