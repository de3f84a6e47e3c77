import { constantCase, ENTITY_KINDS, type EntityKind } from '../../src/graph/ontology.js';

/** GraphQL enum value (DATA_CENTER) → ontology kind (DataCenter). */
export function kindFromEnum(value: string): EntityKind {
  const kind = ENTITY_KINDS.find((k) => constantCase(k) === value);
  return kind ?? 'Source';
}

/**
 * A colour per kind, each at least 3:1 against the white canvas (Okabe–Ito and Tol hues, darkened where
 * needed), and a shape per kind, so that kind never rests on colour alone (under deuteranopia too).
 */
export const KIND_COLOURS: Readonly<Record<EntityKind, string>> = {
  Company: '#0072B2',
  Model: '#D55E00',
  Chip: '#007d5f',
  DataCenter: '#CC79A7',
  Observation: '#882255',
  Regulation: '#332288',
  Country: '#8c6d00',
  Source: '#6b6b6b',
};

/** Cytoscape node shapes; the legend draws the same ones (LEGEND_PATHS). */
export const KIND_SHAPES: Readonly<Record<EntityKind, string>> = {
  Company: 'ellipse',
  Model: 'diamond',
  Chip: 'round-rectangle',
  DataCenter: 'barrel',
  Observation: 'star',
  Regulation: 'octagon',
  Country: 'triangle',
  Source: 'rectangle',
};

/** SVG paths of the shapes in a 12×12 box, for the legend and the SVG export. */
export const LEGEND_PATHS: Readonly<Record<EntityKind, string>> = {
  Company: 'M6 0a6 6 0 1 0 0.01 0Z',
  Model: 'M6 0L12 6L6 12L0 6Z',
  Chip: 'M2 0H10Q12 0 12 2V10Q12 12 10 12H2Q0 12 0 10V2Q0 0 2 0Z',
  DataCenter: 'M2 0H10Q12 6 10 12H2Q0 6 2 0Z',
  Observation: 'M6 0L7.8 4.1L12 4.6L8.9 7.5L9.7 12L6 9.8L2.3 12L3.1 7.5L0 4.6L4.2 4.1Z',
  Regulation: 'M3.5 0H8.5L12 3.5V8.5L8.5 12H3.5L0 8.5V3.5Z',
  Country: 'M6 0L12 12H0Z',
  Source: 'M0 0H12V12H0Z',
};

/** Human label of a kind: DataCenter → Data center. */
export function kindLabel(kind: EntityKind): string {
  const words = kind.replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

/** Human label of a relationship type: RENTS_CAPACITY_AT → rents capacity at. */
export const typeLabel = (type: string): string => type.replace(/_/g, ' ').toLowerCase();

const SVG = 'http://www.w3.org/2000/svg';

/** A small SVG of a kind's shape in its colour. */
export function kindSwatch(kind: EntityKind): SVGSVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '-1 -1 14 14');
  svg.setAttribute('class', 'swatch');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', LEGEND_PATHS[kind]);
  path.setAttribute('fill', KIND_COLOURS[kind]);
  svg.append(path);
  return svg;
}

/**
 * Fills the legend: one toggle button per kind (its shape, colour and name); pressing one hides or shows
 * that kind in the drawing.
 */
export function renderLegend(target: HTMLElement, hidden: ReadonlySet<EntityKind>, onToggle: (kind: EntityKind) => void): void {
  target.replaceChildren(
    ...ENTITY_KINDS.map((kind) => {
      const item = document.createElement('li');
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'legend-kind';
      button.dataset.kind = kind;
      button.setAttribute('aria-pressed', String(!hidden.has(kind)));
      button.title = `Show or hide ${kindLabel(kind).toLowerCase()} entities`;
      button.append(kindSwatch(kind), kindLabel(kind));
      button.addEventListener('click', () => onToggle(kind));
      item.append(button);
      return item;
    }),
  );
}
