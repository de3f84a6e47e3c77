import { gql, gqlWithSuggestions, type UnknownId } from './api.js';
import { h } from './dom.js';
import {
  ExplorerExposureDocument,
  ExplorerPathsDocument,
  ExplorerWhoUsesDocument,
  type ExplorerPathFragment as WirePath,
  type ExplorerWhoUsesQuery,
} from './generated/graphql.js';
import { edgeKey, type GraphState } from './graph-state.js';
import { typeLabel } from './kinds.js';
import { toRef, type EntityRef } from './model.js';
import { kindBadge, type PanelActions } from './panel.js';

/** Adds a path's entities and relationships to the drawing, marked (path) or not. */
function drawPath(state: GraphState, p: WirePath, mark?: string): void {
  for (const n of p.nodes) state.nodes.set(n.id, toRef(n));
  for (const e of p.edges) {
    const key = edgeKey(e);
    if (!mark && state.edges.has(key)) continue;
    state.edges.set(key, { key, ...e, ...(mark ? { mark } : {}) });
  }
}

/** Fills the panel, leaving out the parts that are null. */
const fill = (target: HTMLElement, ...parts: (HTMLElement | null)[]): void => target.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));

const link = (ref: EntityRef, actions: PanelActions): HTMLElement =>
  h('button', { type: 'button', class: 'link', onclick: () => actions.open(ref.id) }, ref.name);

const pathLine = (p: WirePath, actions: PanelActions): HTMLElement =>
  h(
    'li',
    { class: 'path' },
    ...p.nodes.flatMap((n, i) => [i ? ` ${p.edges[i - 1] ? `— ${typeLabel(p.edges[i - 1]!.type)} —` : ''} ` : '', link(toRef(n), actions)]),
  );

/**
 * The shortest path between two entities, with up to five others; the shortest is drawn in magenta, the
 * others faded, and all are listed in the panel.
 */
export async function showPaths(from: string, to: string, asOf: string, state: GraphState, target: HTMLElement, actions: PanelActions): Promise<string> {
  const { data, unknown } = await gqlWithSuggestions(ExplorerPathsDocument, { from, to, asOf: asOf || null });
  state.reset();
  const ends = { from: unknown['shortestPath.from'] ?? unknown['paths.from'], to: unknown['shortestPath.to'] ?? unknown['paths.to'] };
  if (ends.from || ends.to) {
    fill(target, h('h2', { id: 'panel-title', tabindex: '-1' }, `Path: ${from} → ${to}`), ...unknownEnds(ends, from, to, actions));
    return 'No path: an end names no entity.';
  }
  const shortest = data.shortestPath;
  for (const p of data.paths) drawPath(state, p);
  if (shortest) drawPath(state, shortest, 'path');
  const onPath = new Set(shortest?.nodes.map((n) => n.id) ?? []);
  for (const id of state.nodes.keys()) if (!onPath.has(id)) state.marks.set(id, 'faded');
  for (const [key, e] of state.edges) if (e.mark !== 'path') state.edges.set(key, { ...e, mark: 'faded' });
  state.expanded.push(from, to);
  const names = (p: WirePath | null | undefined, i: number): string => p?.nodes[i === 0 ? 0 : p.nodes.length - 1]?.name ?? (i === 0 ? from : to);
  fill(
    target,
    h('h2', { id: 'panel-title', tabindex: '-1' }, `Path: ${names(shortest, 0)} → ${names(shortest, 1)}`),
    shortest
      ? h(
          'p',
          { id: 'path-summary' },
          `Shortest: ${shortest.length} relationships${asOf ? `, as of ${asOf}` : ''}. ${data.paths.length} paths listed (the others faded in the drawing).`,
        )
      : h('p', { id: 'path-summary', role: 'status' }, `No path within the server's longest path length${asOf ? ` on ${asOf}` : ''}.`),
    shortest ? h('section', {}, h('h3', {}, 'Shortest path'), h('ol', { class: 'paths', id: 'shortest-path' }, pathLine(shortest, actions))) : null,
    data.paths.length ? h('section', {}, h('h3', {}, 'Other paths'), h('ol', { class: 'paths' }, ...data.paths.map((p) => pathLine(p, actions)))) : null,
  );
  return shortest ? `Shortest path: ${shortest.length} relationships.` : 'No path found.';
}

/**
 * The path's ends that name no entity, each with the server's "did you mean": a candidate's button asks for the
 * path again with that end replaced.
 */
function unknownEnds(ends: { from?: UnknownId; to?: UnknownId }, from: string, to: string, actions: PanelActions): HTMLElement[] {
  return (['from', 'to'] as const).flatMap((end) => {
    const u = ends[end];
    if (!u) return [];
    const retry = (id: string): void => (end === 'from' ? actions.path(id, to) : actions.path(from, id));
    return [
      h(
        'section',
        { class: 'did-you-mean', 'data-end': end },
        h('p', { role: 'alert', class: 'error' }, `No entity has the id “${u.id}” (the path's ${end === 'from' ? 'start' : 'end'}).`),
        u.suggestions.length
          ? h(
              'p',
              {},
              'Did you mean ',
              ...u.suggestions.flatMap((s, i) => [
                i ? ', ' : '',
                h('button', { type: 'button', class: 'link', 'data-id': s.id, onclick: () => retry(s.id) }, s.name),
                ` (${s.id})`,
              ]),
              '?',
            )
          : h('p', { class: 'muted' }, 'Nothing close to it: search for the entity instead.'),
      ),
    ];
  });
}

type WireUser = NonNullable<ExplorerWhoUsesQuery['whoUses']>['users'][number];

/** Every company and model using a chip, grouped by how, drawn as the paths from each user to the chip. */
export async function showWhoUses(chip: string, asOf: string, state: GraphState, target: HTMLElement, actions: PanelActions): Promise<string> {
  const u = (await gql(ExplorerWhoUsesDocument, { chip, asOf: asOf || null })).whoUses;
  state.reset();
  if (!u) {
    target.replaceChildren(h('p', { role: 'alert', class: 'error' }, `No chip has the id ${chip}.`));
    return '';
  }
  state.expanded.push(chip);
  for (const user of u.users) drawPath(state, user.path);
  const groups = new Map<string, WireUser[]>();
  for (const user of u.users) groups.set(user.how, [...(groups.get(user.how) ?? []), user]);
  fill(
    target,
    h('h2', { id: 'panel-title', tabindex: '-1' }, `Who uses ${u.chip.name}`),
    h('p', { id: 'uses-summary' }, `${u.users.length} users as of ${u.asOf}${u.truncated ? ' (cut at the server limit: there are more)' : ''}.`),
    u.restrictions.length ? h('p', { class: 'muted' }, `Restricted by ${u.restrictions.map((r) => r.regulation.name).join('; ')}.`) : null,
    ...[...groups].map(([how, users]) =>
      h(
        'section',
        { class: 'uses-group', 'data-how': how },
        h('h3', {}, `${typeLabel(how)} (${users.length})`),
        h(
          'ul',
          {},
          ...users.map((x) => h('li', {}, link(toRef(x.entity), actions), ' ', kindBadge(toRef(x.entity)), x.dataCenter ? ` at ${x.dataCenter.name}` : '')),
        ),
      ),
    ),
  );
  return `${u.users.length} users of ${u.chip.name}.`;
}

/** A regulation's exposure: the chips it restricts and the companies reaching them, offshore ones first. */
export async function showExposure(regulation: string, asOf: string, state: GraphState, target: HTMLElement, actions: PanelActions): Promise<string> {
  const x = (await gql(ExplorerExposureDocument, { regulation, asOf: asOf || null })).exposure;
  state.reset();
  if (!x) {
    target.replaceChildren(h('p', { role: 'alert', class: 'error' }, `No regulation has the id ${regulation}.`));
    return '';
  }
  state.expanded.push(regulation);
  state.nodes.set(regulation, toRef(x.regulation));
  for (const c of x.chips)
    state.edges.set(`${regulation}|RESTRICTS|${c.id}`, {
      key: `${regulation}|RESTRICTS|${c.id}`,
      type: 'RESTRICTS',
      from: regulation,
      to: c.id,
      confidence: 'HIGH',
    });
  for (const c of x.chips) state.nodes.set(c.id, toRef(c));
  for (const company of x.companies)
    for (const r of company.routes) drawPath(state, r.path, company.offshore && r.classification === 'RESTRICTED_OFFSHORE' ? 'path' : undefined);
  const companies = [...x.companies].sort((a, b) => Number(b.offshore) - Number(a.offshore));
  fill(
    target,
    h('h2', { id: 'panel-title', tabindex: '-1' }, `Exposure: ${x.regulation.name}`),
    h(
      'p',
      { id: 'exposure-summary' },
      `${x.inForce ? 'In force' : 'Not in force'} on ${x.asOf}; ${x.chips.length} chips restricted; ${x.companies.length} companies reach them, ${x.companies.filter((c) => c.offshore).length} offshore.${x.truncated ? ' (cut at the server limit)' : ''}`,
    ),
    x.destinations.length ? h('p', { class: 'muted' }, `Covers ${x.destinations.map((d) => d.name).join(', ')}.`) : null,
    h(
      'ul',
      { class: 'routes', id: 'exposure-companies' },
      ...companies.map((c) =>
        h(
          'li',
          { class: `route${c.offshore ? ' offshore' : ''}`, 'data-company': c.company.id },
          link(toRef(c.company), actions),
          c.offshore ? ' — offshore' : '',
          ` · ${c.routes.map((r) => r.chip.name).join(', ')}`,
        ),
      ),
    ),
  );
  return `${x.companies.length} companies exposed.`;
}
