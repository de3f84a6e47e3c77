import type cytoscape from 'cytoscape';

/** Rendered label size below which a label is hidden (labels are never drawn smaller than 11 px). */
export const MIN_LABEL_PX = 11;

const edgeColour = (selector: string, colour: string, width: number, more: Record<string, unknown> = {}): cytoscape.StylesheetJsonBlock => ({
  selector,
  style: { width, 'line-color': colour, 'target-arrow-color': colour, ...more },
});

/**
 * The drawing's style. Node labels hide below zoom 1 (where they would render under 11 px) unless the node is
 * labelled (hovered, selected or focused), whose label is scaled to stay 11 px. Edge labels show only on the
 * edges of the labelled node: drawn everywhere they would cover the node labels.
 */
export const STYLE: cytoscape.StylesheetJson = [
  {
    selector: 'node',
    style: {
      'background-color': 'data(colour)',
      shape: 'data(shape)' as cytoscape.Css.NodeShape,
      // Shortened once in JS: cytoscape's own ellipsis measures each label again and again while shortening it.
      label: 'data(short)',
      'font-size': MIN_LABEL_PX,
      'min-zoomed-font-size': MIN_LABEL_PX,
      'text-valign': 'bottom',
      'text-margin-y': 3,
      color: '#1d2330',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
      'text-background-padding': '1px',
      'border-width': 0,
      'border-color': '#ffffff',
      width: 22,
      height: 22,
    },
  },
  { selector: 'node.expanded', style: { 'border-width': 3, 'border-color': '#1d2330', width: 28, height: 28 } },
  // A cluster node stands for many: bigger, with a dashed ring, its label ("Nvidia designs 10 chips") always shown.
  {
    selector: 'node.cluster',
    style: { width: 40, height: 40, 'border-width': 3, 'border-style': 'dashed', 'border-color': '#1d2330', 'min-zoomed-font-size': 0, 'font-weight': 'bold' },
  },
  { selector: 'node.sized', style: { width: 'data(size)', height: 'data(size)' } },
  { selector: 'node:selected', style: { 'border-width': 5, 'border-color': '#c2185b' } },
  {
    selector: 'node.labelled',
    style: { 'min-zoomed-font-size': 0, 'font-size': 'data(labelSize)', 'z-index': 20, 'text-background-opacity': 1 },
  },
  {
    selector: 'edge',
    style: {
      width: 1.5,
      'line-color': '#8a93a3',
      'target-arrow-color': '#8a93a3',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
      label: '',
      'font-size': MIN_LABEL_PX,
      color: '#3d4555',
      'text-rotation': 'autorotate',
      'text-background-color': '#ffffff',
      'text-background-opacity': 0.85,
    },
  },
  { selector: 'edge.labelled', style: { label: 'data(label)', 'min-zoomed-font-size': 0, 'z-index': 15 } },
  { selector: 'edge[confidence = "LOW"]', style: { 'line-style': 'dashed', 'line-dash-pattern': [6, 3] } },
  { selector: 'edge.ended', style: { 'line-style': 'dashed', 'line-dash-pattern': [2, 4], 'line-color': '#b5bcc8', 'target-arrow-color': '#b5bcc8' } },
  edgeColour('edge.route', '#0072B2', 2.5),
  edgeColour('edge.offshore', '#c0392b', 5, { 'z-index': 10 }),
  edgeColour('edge.domestic', '#B35900', 3.5),
  edgeColour('edge.remote', '#6a3d9a', 5, { 'z-index': 10 }),
  edgeColour('edge.added', '#117733', 4),
  edgeColour('edge.removed', '#c0392b', 4, { 'line-style': 'dashed' }),
  { selector: 'node.added', style: { 'border-width': 4, 'border-color': '#117733' } },
  { selector: 'node.removed', style: { 'border-width': 4, 'border-color': '#c0392b', 'border-style': 'dashed' } },
  edgeColour('edge.path', '#c2185b', 5, { 'z-index': 12 }),
  { selector: '.faded', style: { opacity: 0.18 } },
  { selector: 'node.unplaced', style: { visibility: 'hidden' } },
  { selector: 'edge.fast', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none' } },
];
