import { drawRoute, toRoute, type Route } from './access-view.js';
import { gql } from './api.js';
import { h } from './dom.js';
import { ExplorerSimulateRuleDocument, type ExplorerSimulateRuleQuery, type RuleInput } from './generated/graphql.js';
import type { GraphState } from './graph-state.js';
import { toRef, type EntityRef } from './model.js';
import { kindBadge, type PanelActions } from './panel.js';

type WireChange = ExplorerSimulateRuleQuery['simulateRule']['changes'][number];

const words = (classification: string): string => classification.replace(/_/g, ' ').toLowerCase();
const badge = (classification: string): HTMLElement => h('span', { class: `classification classification-${classification}` }, words(classification));

function changeItem(c: WireChange, route: Route, company: EntityRef, actions: PanelActions): HTMLElement {
  const place = route.dataCenter ? [route.dataCenter.name, route.dataCenterCountry?.name].filter(Boolean).join(', ') : 'place unknown';
  return h(
    'li',
    { class: 'route route-change', 'data-before': c.before, 'data-after': c.after, 'data-company': company.id, 'data-chip': route.chip.id },
    h('div', {}, badge(c.before), ' → ', badge(c.after), ` ${words(route.kind)}`),
    h(
      'div',
      { class: 'relation-head' },
      h('button', { type: 'button', class: 'link', onclick: () => actions.open(company.id) }, company.name),
      ': ',
      h('button', { type: 'button', class: 'link', onclick: () => actions.open(route.chip.id) }, route.chip.name),
      ' ',
      kindBadge(route.chip),
      ` at ${place}`,
    ),
    h('div', { class: 'notes' }, [c.reason.criterion, ...c.reason.evidence, ...c.reason.basis].filter(Boolean).join(' · ')),
  );
}

/**
 * Runs the hypothetical rule, draws the routes it changes (coloured by their classification after it) and lists
 * them in `target` with who loses what where. Returns a one-line summary for the status line.
 */
export async function showWhatIf(rule: RuleInput, asOf: string, state: GraphState, target: HTMLElement, actions: PanelActions): Promise<string> {
  const s = (await gql(ExplorerSimulateRuleDocument, { rule, asOf: asOf || null })).simulateRule;
  state.reset();
  const items: HTMLElement[] = [];
  for (const c of s.changes) {
    const company = toRef(c.company);
    const route = toRoute(c.route);
    if (!state.expanded.includes(company.id)) state.expanded.push(company.id);
    state.nodes.set(company.id, company);
    drawRoute(state, { ...route, classification: c.after }, company, c.route.homeCountry ? toRef(c.route.homeCountry) : null);
    items.push(changeItem(c, route, company, actions));
  }
  const losses = s.losses.map((l) =>
    h(
      'li',
      {},
      h('strong', {}, l.company.name),
      ` loses ${l.chips.map((x) => x.name).join(', ')} in ${l.countries.map((x) => x.name).join(', ') || 'an unknown place'}`,
    ),
  );
  const parts: (HTMLElement | null)[] = [
    h('p', { class: 'muted' }, `${s.rule.label} · ${s.rule.criteria.join('; ')} · ${s.rule.destinations.join(', ')} · as of ${s.asOf}`),
    h('p', { id: 'whatif-summary' }, `${s.changes.length} of ${s.routesEvaluated} routes change`, s.truncated ? ' (routes cut at the server limit)' : '', '.'),
    losses.length ? h('section', {}, h('h3', {}, 'Who loses what, where'), h('ul', { class: 'losses' }, ...losses)) : null,
    items.length ? h('section', {}, h('h3', {}, 'Routes that change'), h('ul', { class: 'routes', id: 'whatif-changes' }, ...items)) : null,
    s.undecided.length
      ? h('p', { class: 'muted' }, `${s.undecided.length} routes undecided for want of ${[...new Set(s.undecided.flatMap((u) => u.missing))].join(', ')}.`)
      : null,
  ];
  target.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  return `${s.changes.length} routes change under the hypothetical rule.`;
}
