import { constantCase, ENTITY_KINDS, type EntityKind } from '../../src/graph/ontology.js';

/** GraphQL enum value (DATA_CENTER) → ontology kind (DataCenter). */
export function kindFromEnum(value: string): EntityKind {
  const kind = ENTITY_KINDS.find((k) => constantCase(k) === value);
  return kind ?? 'Source';
}

/** A colour per kind, picked to stay apart for common colour-vision deficiencies (Tableau 10). */
export const KIND_COLOURS: Readonly<Record<EntityKind, string>> = {
  Company: '#4e79a7',
  Model: '#f28e2b',
  Chip: '#e15759',
  DataCenter: '#76b7b2',
  Observation: '#ff9da7',
  Regulation: '#59a14f',
  Country: '#edc948',
  Source: '#b07aa1',
};

/** Human label of a kind: DataCenter → Data center. */
export function kindLabel(kind: EntityKind): string {
  const words = kind.replace(/([a-z])([A-Z])/g, '$1 $2');
  return words.charAt(0) + words.slice(1).toLowerCase();
}

/** Fills the legend element: one swatch per kind. */
export function renderLegend(target: HTMLElement): void {
  target.replaceChildren(
    ...ENTITY_KINDS.filter((k) => k !== 'Source').map((kind) => {
      const item = document.createElement('li');
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = KIND_COLOURS[kind];
      item.append(swatch, kindLabel(kind));
      return item;
    }),
  );
}
