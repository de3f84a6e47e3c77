import { h } from './dom.js';
import { setupSearch } from './search-box.js';
import { EMPTY_VIEW, type ViewState } from './view-state.js';

/** The story's questions, each one click from the cold page. */
const STARTS: { id: string; label: string; view: ViewState }[] = [
  {
    id: 'start-offshore',
    label: "ByteDance's offshore access to restricted chips (June 2025)",
    view: { ...EMPTY_VIEW, mode: 'access', selected: 'bytedance', asOf: '2025-06-01' },
  },
  {
    id: 'start-h20',
    label: 'The H20 before and after the April 2025 licence requirement',
    view: { ...EMPTY_VIEW, selected: 'nvidia-h20', expanded: ['nvidia-h20'], asOf: '2025-01-01', compare: '2025-06-01' },
  },
  { id: 'start-h100', label: 'Who uses the Nvidia H100', view: { ...EMPTY_VIEW, mode: 'uses', selected: 'nvidia-h100' } },
  { id: 'start-path', label: 'How DeepSeek connects to Nvidia', view: { ...EMPTY_VIEW, mode: 'path', selected: 'deepseek', to: 'nvidia' } },
];

export function guidedStart(panel: HTMLElement, go: (v: ViewState) => void): void {
  panel.replaceChildren(
    h('h2', { id: 'panel-title', tabindex: '-1' }, 'Start with a question'),
    h('ul', { class: 'starts' }, ...STARTS.map((s) => h('li', {}, h('button', { type: 'button', id: s.id, onclick: () => go(s.view) }, s.label)))),
    h(
      'p',
      { class: 'muted' },
      'Or search for an entity: its neighbourhood is drawn, a shape and colour per kind. Click a node (or a name in this panel) to expand it; move the date to see the graph as it stood then.',
    ),
  );
}

/** Asks, in the panel, for the other end of a path from `from`. */
export function pathForm(panel: HTMLElement, from: string, onPick: (to: string) => void): void {
  const input = h('input', { id: 'path-input', type: 'search', placeholder: 'Search the other end…', autocomplete: 'off' });
  const results = h('ul', { id: 'path-results', 'aria-label': 'Path end candidates' });
  const form = h('form', { id: 'path-form', role: 'search', class: 'path-form' }, h('label', { for: 'path-input' }, `Path from ${from} to`), input, results);
  panel.querySelector('#path-form')?.remove();
  panel.querySelector('.tools')?.after(form);
  setupSearch(form, input, results, (ref) => onPick(ref.id));
  input.focus();
}
