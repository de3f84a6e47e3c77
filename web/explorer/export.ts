import type { Core } from 'cytoscape';
import type { EntityKind } from '../../src/graph/ontology.js';
import { KIND_COLOURS, LEGEND_PATHS } from './kinds.js';

function download(name: string, type: string, body: BlobPart): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

const escapeXml = (s: string): string => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);

/** The drawing as SVG: edges as lines, nodes as their kind's shape and colour, every label written out. */
export function toSvg(cy: Core): string {
  const b = cy.elements().boundingBox({ includeLabels: true });
  const pad = 20;
  const lines = cy.edges().map((e) => {
    const [s, t] = [e.source().position(), e.target().position()];
    const dash = e.hasClass('ended') || e.data('confidence') === 'LOW' ? ' stroke-dasharray="5 3"' : '';
    return `<line x1="${s.x}" y1="${s.y}" x2="${t.x}" y2="${t.y}" stroke="${e.style('line-color')}" stroke-width="${parseFloat(e.style('width'))}"${dash}/>`;
  });
  const nodes = cy.nodes().map((n) => {
    const p = n.position();
    const kind = n.data('kind') as EntityKind;
    const shape = `<path d="${LEGEND_PATHS[kind]}" fill="${KIND_COLOURS[kind]}" transform="translate(${p.x - 11} ${p.y - 11}) scale(1.833)"/>`;
    return `<g>${shape}<text x="${p.x}" y="${p.y + 26}" font-size="11" text-anchor="middle" font-family="sans-serif" fill="#1d2330">${escapeXml(n.data('name'))}</text></g>`;
  });
  const view = `${b.x1 - pad} ${b.y1 - pad} ${b.w + 2 * pad} ${b.h + 2 * pad}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${view}" width="${Math.round(b.w + 2 * pad)}" height="${Math.round(b.h + 2 * pad)}"><rect x="${b.x1 - pad}" y="${b.y1 - pad}" width="${b.w + 2 * pad}" height="${b.h + 2 * pad}" fill="#fff"/>${lines.join('')}${nodes.join('')}</svg>`;
}

const csvCell = (v: unknown): string => {
  const s = v === null || v === undefined ? '' : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** What is drawn, as rows: one per entity, then one per relationship. */
export function toCsv(cy: Core): string {
  const rows = [['element', 'id', 'kind_or_type', 'name_or_from', 'to']];
  cy.nodes().forEach((n) => void rows.push(['entity', n.id(), n.data('kind'), n.data('name'), '']));
  cy.edges().forEach((e) => void rows.push(['relationship', e.id().slice(2), e.data('type'), e.data('source'), e.data('target')]));
  return rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

export function toJson(cy: Core): string {
  const nodes = cy.nodes().map((n) => ({ id: n.id(), kind: n.data('kind'), name: n.data('name'), position: n.position() }));
  const edges = cy
    .edges()
    .map((e) => ({ type: e.data('type'), from: e.data('source'), to: e.data('target'), confidence: e.data('confidence'), classes: e.classes() }));
  return JSON.stringify({ nodes, edges }, null, 2);
}

/** Downloads the drawing in a format: png, svg, csv or json. */
export function exportDrawing(cy: Core, format: string): void {
  const name = `compute-atlas-${new Date().toISOString().slice(0, 10)}`;
  if (format === 'png') download(`${name}.png`, 'image/png', cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }));
  else if (format === 'svg') download(`${name}.svg`, 'image/svg+xml', toSvg(cy));
  else if (format === 'csv') download(`${name}.csv`, 'text/csv', toCsv(cy));
  else download(`${name}.json`, 'application/json', toJson(cy));
}
