import { RELATIONSHIP_TYPE_NAMES } from '../../src/graph/ontology.js';
import { h } from './dom.js';
import { typeLabel } from './kinds.js';

export interface Filters {
  /** Shows the current choice and, per type, how many of its relationships are drawn. */
  sync(hiddenTypes: readonly string[], hideLow: boolean, drawn: ReadonlyMap<string, number>): void;
}

/**
 * The relationship-type filter: a tick box per type (human words, drawn count, "only"), All and None, and
 * "hide low confidence". Every change goes through onChange, so it is a view step (URL, Back, undo).
 */
export function setupFilters(target: HTMLElement, onChange: (hiddenTypes: string[], hideLow: boolean) => void): Filters {
  let hidden: readonly string[] = [];
  let low = false;
  const counts = new Map<string, HTMLElement>();
  const lowBox = h('input', { type: 'checkbox', id: 'hide-low', onchange: (e) => onChange([...hidden], (e.target as HTMLInputElement).checked) });
  const rows = RELATIONSHIP_TYPE_NAMES.map((type) => {
    const count = h('span', { class: 'muted' });
    counts.set(type, count);
    const toggle = (e: Event): void => {
      const shown = (e.target as HTMLInputElement).checked;
      onChange(shown ? hidden.filter((t) => t !== type) : [...hidden, type], low);
    };
    const only = (): void =>
      onChange(
        RELATIONSHIP_TYPE_NAMES.filter((t) => t !== type),
        low,
      );
    return h(
      'li',
      {},
      h('label', {}, h('input', { type: 'checkbox', name: 'type', value: type, checked: true, onchange: toggle }), ` ${typeLabel(type)} `, count),
      ' ',
      h('button', { type: 'button', class: 'link only', 'aria-label': `Only ${typeLabel(type)}`, onclick: only }, 'only'),
    );
  });
  target.replaceChildren(
    h(
      'li',
      { class: 'filter-actions' },
      h('button', { type: 'button', id: 'types-all', onclick: () => onChange([], low) }, 'All'),
      ' ',
      h('button', { type: 'button', id: 'types-none', onclick: () => onChange([...RELATIONSHIP_TYPE_NAMES], low) }, 'None'),
      ' ',
      h('label', {}, lowBox, ' hide low confidence'),
    ),
    ...rows,
  );
  return {
    sync(hiddenTypes, hideLow, drawn) {
      hidden = hiddenTypes;
      low = hideLow;
      lowBox.checked = hideLow;
      for (const box of target.querySelectorAll<HTMLInputElement>('input[name="type"]')) box.checked = !hiddenTypes.includes(box.value);
      for (const [type, el] of counts) el.textContent = drawn.get(type) ? `(${drawn.get(type)})` : '';
    },
  };
}
