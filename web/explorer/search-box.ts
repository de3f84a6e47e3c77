import { gql } from './api.js';
import { h } from './dom.js';
import { toRef, type EntityRef } from './model.js';
import { kindBadge } from './panel.js';
import { SEARCH_QUERY } from './queries.js';

interface SearchResponse {
  search: { score: number; node: { id: string; kind: string; name: string; description: string | null } }[];
}

/**
 * The search box: results as a list of buttons (Tab or the arrow keys move through them, Enter opens one,
 * Escape returns to the box). "/" anywhere focuses the box.
 */
export function setupSearch(form: HTMLFormElement, input: HTMLInputElement, results: HTMLElement, onOpen: (ref: EntityRef) => void): void {
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function run(text: string): Promise<void> {
    controller?.abort();
    if (text.trim().length < 2) return void results.replaceChildren();
    controller = new AbortController();
    try {
      const data = await gql<SearchResponse>(SEARCH_QUERY, { text }, controller.signal);
      render(data.search.map((hit) => ({ ref: toRef(hit.node), description: hit.node.description })));
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      results.replaceChildren(h('li', { role: 'alert', class: 'error' }, (error as Error).message));
    }
  }

  function render(hits: { ref: EntityRef; description: string | null }[]): void {
    if (hits.length === 0) return void results.replaceChildren(h('li', { class: 'muted' }, 'Nothing found.'));
    results.replaceChildren(
      ...hits.map(({ ref, description }) =>
        h(
          'li',
          {},
          h(
            'button',
            { type: 'button', class: 'result', 'data-id': ref.id, title: description ?? '', onclick: () => open(ref) },
            ref.name,
            ' ',
            kindBadge(ref),
          ),
        ),
      ),
    );
  }

  function open(ref: EntityRef): void {
    results.replaceChildren();
    onOpen(ref);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 200);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const first = results.querySelector<HTMLButtonElement>('button.result');
    if (first) first.click();
    else void run(input.value).then(() => results.querySelector<HTMLButtonElement>('button.result')?.focus());
  });
  const buttons = (): HTMLButtonElement[] => [...results.querySelectorAll<HTMLButtonElement>('button.result')];
  form.addEventListener('keydown', (event) => {
    const list = buttons();
    const at = list.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'ArrowDown' && list.length) list[Math.min(at + 1, list.length - 1)]?.focus();
    else if (event.key === 'ArrowUp' && at > 0) list[at - 1]?.focus();
    else if (event.key === 'ArrowUp' && at === 0) input.focus();
    else if (event.key === 'Escape') {
      results.replaceChildren();
      input.focus();
    } else return;
    event.preventDefault();
  });
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (event.key === '/' && !['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) {
      event.preventDefault();
      input.focus();
    }
  });
}
