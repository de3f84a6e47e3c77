import { gql } from './api.js';
import { h } from './dom.js';
import { ExplorerSearchDocument } from './generated/graphql.js';
import { toRef, type EntityRef } from './model.js';
import { kindBadge } from './panel.js';

/**
 * A search box as an ARIA combobox: typing lists matches in a listbox; ArrowDown / ArrowUp move the active
 * option while focus stays in the box; Enter opens the active option (or the first); Escape or leaving the box
 * closes the list. Returns a function that clears it.
 */
export function setupSearch(form: HTMLFormElement, input: HTMLInputElement, results: HTMLElement, onOpen: (ref: EntityRef) => void): () => void {
  let controller: AbortController | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let hits: EntityRef[] = [];
  let active = -1;
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-controls', results.id);
  input.setAttribute('aria-expanded', 'false');
  results.setAttribute('role', 'listbox');

  async function run(text: string): Promise<void> {
    controller?.abort();
    if (text.trim().length < 2) return close();
    controller = new AbortController();
    form.setAttribute('aria-busy', 'true');
    try {
      const data = await gql(ExplorerSearchDocument, { text }, controller.signal);
      render(data.search.map((hit) => ({ ref: toRef(hit.node), description: hit.node.description })));
    } catch (error) {
      if ((error as Error).name === 'AbortError') return;
      show([h('li', { role: 'alert', class: 'error' }, (error as Error).message)]);
    } finally {
      form.removeAttribute('aria-busy');
    }
  }

  function show(items: HTMLElement[]): void {
    results.replaceChildren(...items);
    input.setAttribute('aria-expanded', String(items.length > 0));
  }

  function render(found: { ref: EntityRef; description: string | null }[]): void {
    hits = found.map((f) => f.ref);
    setActive(-1);
    if (found.length === 0) return show([h('li', { class: 'muted', role: 'option', 'aria-disabled': 'true' }, 'Nothing found.')]);
    show(
      found.map(({ ref, description }, i) => {
        const li = h(
          'li',
          { role: 'option', id: `${results.id}-${i}`, class: 'result', 'data-id': ref.id, 'aria-selected': 'false', title: description ?? '' },
          ref.name,
          ' ',
          kindBadge(ref),
        );
        // Pressing an option must not blur the box first (that would close the list before the click lands).
        li.addEventListener('pointerdown', (e) => e.preventDefault());
        li.addEventListener('click', () => open(ref));
        return li;
      }),
    );
  }

  function setActive(i: number): void {
    active = i;
    results.querySelectorAll('[role="option"]').forEach((li, k) => li.setAttribute('aria-selected', String(k === i)));
    if (i >= 0) input.setAttribute('aria-activedescendant', `${results.id}-${i}`);
    else input.removeAttribute('aria-activedescendant');
    results.querySelector(`#${results.id}-${i}`)?.scrollIntoView({ block: 'nearest' });
  }

  function close(): void {
    hits = [];
    setActive(-1);
    show([]);
  }

  function open(ref: EntityRef): void {
    close();
    onOpen(ref);
  }

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => void run(input.value), 200);
  });
  input.addEventListener('blur', () => close());
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    const chosen = hits[Math.max(active, 0)];
    if (chosen) return open(chosen);
    void run(input.value).then(() => hits[0] && setActive(0));
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && hits.length) setActive(Math.min(active + 1, hits.length - 1));
    else if (event.key === 'ArrowUp' && hits.length) setActive(Math.max(active - 1, 0));
    else if (event.key === 'Escape' && input.getAttribute('aria-expanded') === 'true') close();
    else return;
    event.preventDefault();
    event.stopPropagation();
  });
  return () => {
    input.value = '';
    close();
  };
}
