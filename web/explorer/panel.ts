import { h, safeHref } from './dom.js';
import { KIND_COLOURS, kindLabel } from './kinds.js';
import type { EntityDetails, EntityRef, Relation, SourceRef } from './model.js';

export interface PanelActions {
  /** Select and expand a neighbour. */
  open(id: string): void;
  /** Show the compute-access routes of a company. */
  access(id: string): void;
  /** Who uses a chip. */
  uses(id: string): void;
  /** A regulation's exposure. */
  exposure(id: string): void;
  /** Ask for the other end of a path from this entity. */
  pathFrom(id: string): void;
  /** Draw the paths between two entities. */
  path(from: string, to: string): void;
  /** Remove an expanded entity's neighbours from the drawing. */
  collapse(id: string): void;
  /** Hide an entity from the drawing. */
  hide(id: string): void;
  /** Load the rest of a neighbourhood cut at the server's cap. */
  loadMore(id: string): void;
}

/** What the panel says about how much of the entity's neighbourhood is drawn. */
export interface Coverage {
  readonly expanded: boolean;
  readonly truncated: boolean;
  /** Neighbours counted type by type (null while unknown). */
  readonly total: number | null;
  readonly more: boolean;
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
export function renderDetails(
  target: HTMLElement,
  details: EntityDetails,
  asOf: string,
  types: ReadonlySet<string>,
  actions: PanelActions,
  coverage: Coverage,
  timeline: HTMLElement,
  expandByType: HTMLElement | null = null,
): void {
  const facts = details.facts.length ? h('dl', { class: 'facts' }, ...details.facts.flatMap((f) => [h('dt', {}, f.name), h('dd', {}, f.value)])) : null;
  const sources = sourceList(details.sources);
  const parts: (HTMLElement | null)[] = [
    h('h2', { id: 'panel-title', tabindex: '-1' }, details.name, ' ', kindBadge(details)),
    h('p', { class: 'muted' }, `id ${details.id}`, details.aliases.length ? ` · also ${details.aliases.join(', ')}` : '', ` · as of ${asOf || 'any date'}`),
    details.description ? h('p', {}, details.description) : null,
    tools(details, actions, coverage),
    expandByType,
    coverage.truncated ? loadMore(details, coverage, actions) : null,
    facts,
    timeline,
    sources ? h('section', {}, h('h3', {}, 'Sources'), sources) : null,
    h(
      'h3',
      {},
      `Relationships (${coverage.truncated ? `${details.relations.length} shown of ${coverage.total ?? 'more'}${coverage.more ? '+' : ''}` : details.relations.length})`,
    ),
    ...relationsByType(details, types, actions),
  ];
  target.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}

function tools(d: EntityDetails, actions: PanelActions, coverage: Coverage): HTMLElement {
  const button = (id: string, label: string, run: () => void): HTMLElement => h('button', { type: 'button', id, onclick: run }, label);
  return h(
    'div',
    { class: 'tools', role: 'group', 'aria-label': 'Analysis of this entity' },
    d.kind === 'Company' ? button('access-button', 'Show compute access', () => actions.access(d.id)) : null,
    d.kind === 'Chip' ? button('uses-button', 'Who uses this chip', () => actions.uses(d.id)) : null,
    d.kind === 'Regulation' ? button('exposure-button', 'Exposure', () => actions.exposure(d.id)) : null,
    button('path-button', 'Path to…', () => actions.pathFrom(d.id)),
    coverage.expanded ? button('collapse-button', 'Collapse', () => actions.collapse(d.id)) : null,
    button('hide-button', 'Hide', () => actions.hide(d.id)),
  );
}

function loadMore(d: EntityDetails, coverage: Coverage, actions: PanelActions): HTMLElement {
  const of = coverage.total === null ? 'more' : `${coverage.total}${coverage.more ? '+' : ''}`;
  return h(
    'p',
    { class: 'truncated', id: 'truncated-note', role: 'status' },
    `${d.relations.length} neighbours shown of ${of}: the server sends at most 100 at once. `,
    h('button', { type: 'button', id: 'load-more', onclick: () => actions.loadMore(d.id) }, 'Load more'),
  );
}

export function renderMessage(target: HTMLElement, message: string, role: 'status' | 'alert' = 'status'): void {
  target.replaceChildren(h('p', { role, class: role === 'alert' ? 'error' : 'muted' }, message));
}
