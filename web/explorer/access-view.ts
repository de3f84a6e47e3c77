import { gql } from './api.js';
import { h } from './dom.js';
import { ExplorerComputeAccessDocument, type ExplorerRouteFragment } from './generated/graphql.js';
import type { GraphState } from './graph-state.js';
import { toRef, type EntityRef, type SourceRef, type WireRef } from './model.js';
import { kindBadge, renderMessage, sourceList, type PanelActions } from './panel.js';

/** A route as the API sends it: entity kinds are enum values (`DATA_CENTER`). */
export type WireRoute = ExplorerRouteFragment;

export interface Route {
  readonly kind: string;
  readonly classification: string;
  readonly confidence: string;
  readonly chip: EntityRef;
  readonly dataCenter: EntityRef | null;
  readonly dataCenterCountry: EntityRef | null;
  readonly restrictions: { regulation: EntityRef; destinations: { name: string }[] }[];
  readonly path: { nodes: EntityRef[]; edges: { type: string; from: string; to: string; confidence: string }[] };
  readonly sources: SourceRef[];
}

export function toRoute(raw: WireRoute): Route {
  const ref = (r: WireRef | null): EntityRef | null => (r ? toRef(r) : null);
  return {
    ...raw,
    chip: toRef(raw.chip),
    dataCenter: ref(raw.dataCenter),
    dataCenterCountry: ref(raw.dataCenterCountry),
    restrictions: raw.restrictions.map((r) => ({ ...r, regulation: toRef(r.regulation) })),
    path: { nodes: raw.path.nodes.map(toRef), edges: raw.path.edges },
  };
}

/** Adds a route to the drawing: its path, where the data center stands, and the rules restricting the chip. */
export function drawRoute(state: GraphState, route: Route, company: EntityRef, home: EntityRef | null): void {
  const byId = new Map(route.path.nodes.map((n) => [n.id, n]));
  const ends = (a: string, b: string): EntityRef[] => [byId.get(a), byId.get(b)].filter((n): n is EntityRef => n !== undefined);
  for (const e of route.path.edges) {
    state.addRouteEdge(
      { key: `${e.from}|${e.type}|${e.to}`, type: e.type, from: e.from, to: e.to, confidence: e.confidence, classification: route.classification },
      ends(e.from, e.to),
    );
  }
  const context = (from: EntityRef, type: string, to: EntityRef): void =>
    state.addRouteEdge({ key: `${from.id}|${type}|${to.id}`, type, from: from.id, to: to.id, confidence: 'HIGH' }, [from, to]);
  if (route.dataCenter && route.dataCenterCountry) context(route.dataCenter, 'LOCATED_IN', route.dataCenterCountry);
  if (home) context(company, 'HEADQUARTERED_IN', home);
  for (const r of route.restrictions) context(r.regulation, 'RESTRICTS', route.chip);
}

function routeItem(route: Route, actions: PanelActions): HTMLElement {
  const place = route.dataCenter ? [route.dataCenter.name, route.dataCenterCountry?.name].filter(Boolean).join(', ') : 'place unknown';
  const offshore = route.classification === 'RESTRICTED_OFFSHORE';
  return h(
    'li',
    { class: `route${offshore ? ' offshore' : ''}`, 'data-classification': route.classification },
    h(
      'div',
      {},
      h('span', { class: `classification classification-${route.classification}` }, route.classification.replace(/_/g, ' ').toLowerCase()),
      ` ${route.kind.replace(/_/g, ' ').toLowerCase()}`,
    ),
    h(
      'div',
      { class: 'relation-head' },
      h('button', { type: 'button', class: 'link', onclick: () => actions.open(route.chip.id) }, route.chip.name),
      ' ',
      kindBadge(route.chip),
      ` at ${place}`,
    ),
    h('div', { class: 'muted' }, `confidence ${route.confidence.toLowerCase()}`),
    route.restrictions.length
      ? h(
          'div',
          { class: 'notes' },
          'Restricted by ',
          ...route.restrictions.flatMap((r, i) => [
            i ? '; ' : '',
            h('button', { type: 'button', class: 'link', onclick: () => actions.open(r.regulation.id) }, r.regulation.name),
            ` (covers ${r.destinations.map((d) => d.name).join(', ') || 'no listed country'})`,
          ]),
        )
      : null,
    sourceList(route.sources),
  );
}

/**
 * Draws every route by which the company reaches compute on the date, the offshore routes to restricted chips
 * in red, and lists them in the panel. Returns a one-line summary for the status line.
 */
export async function showAccess(company: string, asOf: string, state: GraphState, panel: HTMLElement, actions: PanelActions): Promise<string> {
  const data = await gql(ExplorerComputeAccessDocument, { company, asOf: asOf || null });
  const access = data.computeAccess;
  if (!access) {
    renderMessage(panel, `No company has the id ${company}.`, 'alert');
    return '';
  }
  const self = toRef(access.company);
  const home = access.homeCountry ? toRef(access.homeCountry) : null;
  const routes: Route[] = access.routes.map(toRoute);
  state.nodes.set(self.id, self);
  state.expanded.push(self.id);
  for (const route of routes) drawRoute(state, route, self, home);
  const offshore = routes.filter((r) => r.classification === 'RESTRICTED_OFFSHORE').length;
  panel.replaceChildren(
    h('h2', { id: 'panel-title', tabindex: '-1' }, `Compute access: ${self.name}`),
    h('p', { class: 'muted' }, `as of ${access.asOf}`, home ? ` · home country ${home.name}` : '', access.truncated ? ' · list cut at the server limit' : ''),
    h(
      'p',
      {},
      `${routes.length} routes; `,
      h('strong', { class: 'error' }, `${offshore} offshore to restricted chips`),
      ' (red in the drawing; orange: restricted at home; blue: unrestricted; dashed: low confidence).',
    ),
    h('button', { type: 'button', onclick: () => actions.open(self.id) }, `Back to ${self.name}'s neighbourhood`),
    h('ul', { class: 'routes' }, ...routes.map((r) => routeItem(r, actions))),
  );
  return `${routes.length} routes, ${offshore} offshore to restricted chips.`;
}
