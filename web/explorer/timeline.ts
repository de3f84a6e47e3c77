import { gql } from './api.js';
import { h } from './dom.js';
import { ExplorerTimelineDocument } from './generated/graphql.js';
import { typeLabel } from './kinds.js';

/** The entity's dated events as a strip: one mark per event along the years, and the list below it. Fills in when loaded. */
export function timelineStrip(id: string): HTMLElement {
  const section = h('section', { class: 'timeline', id: 'timeline', 'aria-busy': 'true' }, h('h3', {}, 'Timeline'), h('p', { class: 'muted' }, 'Loading…'));
  void gql(ExplorerTimelineDocument, { id })
    .then(({ timeline }) => {
      const events = timeline?.events ?? [];
      if (!events.length) return section.replaceChildren(h('h3', {}, 'Timeline'), h('p', { class: 'muted' }, 'No dated events.'));
      const t = (d: string): number => Date.parse(`${d}T00:00:00Z`);
      const [first, last] = [t(events[0]!.date), t(events[events.length - 1]!.date)];
      const span = Math.max(1, last - first);
      const strip = h('div', { class: 'strip', 'aria-hidden': 'true' });
      for (const e of events) {
        const mark = h('span', { class: `tick tick-${e.kind}`, title: `${e.date}: ${e.description}` });
        mark.style.left = `${((t(e.date) - first) / span) * 100}%`;
        strip.append(mark);
      }
      section.replaceChildren(
        h('h3', {}, `Timeline (${events.length}${timeline?.truncated ? ', cut at the server limit' : ''})`),
        strip,
        h('div', { class: 'strip-ends muted', 'aria-hidden': 'true' }, h('span', {}, events[0]!.date), h('span', {}, events[events.length - 1]!.date)),
        h('ol', { class: 'events' }, ...events.map((e) => h('li', {}, h('time', { datetime: e.date }, e.date), ` ${typeLabel(e.kind)}: ${e.description}`))),
      );
    })
    .catch((error: Error) => section.replaceChildren(h('h3', {}, 'Timeline'), h('p', { role: 'alert', class: 'error' }, error.message)))
    .finally(() => section.removeAttribute('aria-busy'));
  return section;
}
