import { h, safeHref } from './dom.js';
import { KIND_COLOURS, kindLabel } from './kinds.js';
import type { EntityDetails, EntityRef, Relation, SourceRef } from './model.js';

export interface PanelActions {
  /** Select and expand a neighbour. */
  open(id: string): void;
  /** Show the compute-access routes of a company. */
  access(id: string): void;
}

export function kindBadge(ref: Pick<EntityRef, 'kind'>): HTMLElement {
  const badge = h('span', { class: 'kind' }, kindLabel(ref.kind));
  badge.style.borderColor = KIND_COLOURS[ref.kind];
  return badge;
}

export function sourceList(sources: readonly SourceRef[]): HTMLElement | null {
  if (sources.length === 0) return null;
  return h(
    'ul',
    { class: 'sources' },
    ...sources.map((s) => {
      const href = safeHref(s.url);
      const label = s.title ?? s.name;
      const meta = [s.publisher, s.publishedDate].filter(Boolean).join(', ');
      return h('li', {}, href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer' }, label) : label, meta ? ` — ${meta}` : '');
    }),
  );
}

const confidenceBadge = (c: string): HTMLElement => h('span', { class: `confidence confidence-${c.toLowerCase()}`, title: 'confidence' }, c.toLowerCase());

function validity(from: string | null, to: string | null): string {
  if (!from && !to) return '';
  return `${from ?? '…'} → ${to ?? 'now'}`;
}

function relationItem(r: Relation, actions: PanelActions): HTMLElement {
  const rel = r.relationship;
  const arrow = rel.direction === 'OUT' ? '→' : '←';
  const extras = ['chipCount', 'gpuHours', 'processNode', 'licenseRequirement']
    .filter((k) => rel[k] !== null && rel[k] !== undefined)
    .map((k) => `${k}: ${String(rel[k])}`);
  return h(
    'li',
    { class: 'relation' },
    h(
      'div',
      { class: 'relation-head' },
      `${arrow} `,
      h('button', { type: 'button', class: 'link', onclick: () => actions.open(r.node.id) }, r.node.name),
      ' ',
      kindBadge(r.node),
      ' ',
      confidenceBadge(rel.confidence),
    ),
    validity(rel.validFrom, rel.validTo) ? h('div', { class: 'muted' }, validity(rel.validFrom, rel.validTo)) : null,
    extras.length ? h('div', { class: 'muted' }, extras.join(' · ')) : null,
    rel.notes ? h('div', { class: 'notes' }, rel.notes) : null,
    sourceList(rel.sources),
  );
}

function relationsByType(details: EntityDetails, types: ReadonlySet<string>, actions: PanelActions): HTMLElement[] {
  const groups = new Map<string, Relation[]>();
  for (const r of details.relations) {
    if (!types.has(r.relationship.type)) continue;
    groups.set(r.relationship.type, [...(groups.get(r.relationship.type) ?? []), r]);
  }
  if (groups.size === 0) return [h('p', { class: 'muted' }, 'No relationships of the shown types on this date.')];
  return [...groups].map(([type, list]) =>
    h('section', { class: 'relation-group' }, h('h3', {}, `${type} (${list.length})`), h('ul', {}, ...list.map((r) => relationItem(r, actions)))),
  );
}

/** Renders one entity's facts, relationships (of the shown types), confidence and sources into the panel. */
export function renderDetails(target: HTMLElement, details: EntityDetails, asOf: string, types: ReadonlySet<string>, actions: PanelActions): void {
  const facts = details.facts.length ? h('dl', { class: 'facts' }, ...details.facts.flatMap((f) => [h('dt', {}, f.name), h('dd', {}, f.value)])) : null;
  const sources = sourceList(details.sources);
  const parts: (HTMLElement | null)[] = [
    h('h2', { id: 'panel-title', tabindex: '-1' }, details.name, ' ', kindBadge(details)),
    h('p', { class: 'muted' }, `id ${details.id}`, details.aliases.length ? ` · also ${details.aliases.join(', ')}` : '', ` · as of ${asOf || 'any date'}`),
    details.description ? h('p', {}, details.description) : null,
    details.kind === 'Company' ? h('button', { type: 'button', id: 'access-button', onclick: () => actions.access(details.id) }, 'Show compute access') : null,
    facts,
    sources ? h('section', {}, h('h3', {}, 'Sources'), sources) : null,
    h('h3', {}, `Relationships (${details.relations.length})`),
    ...relationsByType(details, types, actions),
  ];
  target.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

export function renderMessage(target: HTMLElement, message: string, role: 'status' | 'alert' = 'status'): void {
  target.replaceChildren(h('p', { role, class: role === 'alert' ? 'error' : 'muted' }, message));
}
