import { h } from './dom.js';

const KEY = 'atlas.explorer.savedViews';

interface Saved {
  readonly name: string;
  readonly query: string;
}

function load(): Saved[] {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is Saved => typeof v?.name === 'string' && typeof v?.query === 'string') : [];
  } catch {
    return [];
  }
}

/**
 * Named saved views, kept in this browser's storage: each is the view's URL query under a name, listed as a
 * link (so it opens like any shared link) with a button to forget it.
 */
export function setupSavedViews(target: HTMLElement, currentQuery: () => string): void {
  const input = h('input', { id: 'save-name', type: 'text', placeholder: 'Name this view', 'aria-label': 'Name of the view to save', maxlength: '60' });
  const list = h('ul', { id: 'saved-list', class: 'saved' });
  const render = (): void =>
    list.replaceChildren(
      ...load().map((v, i) =>
        h(
          'li',
          {},
          h('a', { href: `${location.pathname}${v.query}` }, v.name),
          ' ',
          h('button', { type: 'button', class: 'link', 'aria-label': `Forget ${v.name}`, onclick: () => save(load().filter((_, k) => k !== i)) }, 'forget'),
        ),
      ),
    );
  const save = (views: Saved[]): void => {
    localStorage.setItem(KEY, JSON.stringify(views));
    render();
  };
  const form = h('form', { id: 'save-form', class: 'save-form' }, input, h('button', { type: 'submit', id: 'save-view' }, 'Save'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) return input.setAttribute('aria-invalid', 'true');
    input.removeAttribute('aria-invalid');
    save([...load().filter((v) => v.name !== name), { name, query: currentQuery() }]);
    input.value = '';
  });
  target.replaceChildren(form, list);
  render();
}
