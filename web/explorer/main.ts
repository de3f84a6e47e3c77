import './explorer.css';
import { RELATIONSHIP_TYPE_NAMES } from '../../src/graph/ontology.js';
import { showAccess } from './access-view.js';
import { gql } from './api.js';
import { h } from './dom.js';
import { GraphState, type Neighbourhood } from './graph-state.js';
import { createGraphView } from './graph-view.js';
import { renderLegend } from './kinds.js';
import { toDetails, toRef, type EntityDetails, type WireEntity, type WireNeighbourhood } from './model.js';
import { renderDetails, renderMessage, type PanelActions } from './panel.js';
import { ENTITY_QUERY, NEIGHBORHOOD_QUERY } from './queries.js';
import { setupSearch } from './search-box.js';
import { REMOTE_ACCESS_PRESET, toRuleInput, whatIfForm, type WhatIfValues } from './whatif-form.js';
import { showWhatIf } from './whatif-view.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const panel = $('panel');
const status = $('status');
const asOfInput = $<HTMLInputElement>('as-of');
const state = new GraphState();
// Promises, not values: the panel and the drawing ask for the same neighbourhood at the same time.
const cache = new Map<string, Promise<EntityDetails | null>>();
const neighbourhoods = new Map<string, Promise<Neighbourhood | null>>();
const shownTypes = new Set<string>(RELATIONSHIP_TYPE_NAMES);
let selected: string | null = null;
let mode: 'neighbourhood' | 'access' | 'whatif' = 'neighbourhood';
let whatIfValues: WhatIfValues = REMOTE_ACCESS_PRESET;

const view = createGraphView($('graph'), (id) => void open(id));
const actions: PanelActions = { open: (id) => void open(id, true), access: (id) => void access(id, true) };

/** The entity's facts and sources joined with its relationships on the chosen date; null for an unknown id. */
function details(id: string): Promise<EntityDetails | null> {
  const key = `${id}@${asOfInput.value}`;
  if (!cache.has(key)) {
    const load = async (): Promise<EntityDetails | null> => {
      const [data, n] = await Promise.all([gql<{ entity: WireEntity | null }>(ENTITY_QUERY, { id }), neighbourhood(id)]);
      return data.entity && n ? toDetails(data.entity, n) : null;
    };
    cache.set(key, forgetOnError(cache, key, load()));
  }
  return cache.get(key)!;
}

/** The entity's neighbours and relationships on the chosen date; null for an unknown id. */
function neighbourhood(id: string): Promise<Neighbourhood | null> {
  const key = `${id}@${asOfInput.value}`;
  if (!neighbourhoods.has(key)) {
    const load = async (): Promise<Neighbourhood | null> => {
      const data = await gql<{ neighborhood: WireNeighbourhood | null }>(NEIGHBORHOOD_QUERY, { id, asOf: asOfInput.value || null });
      const n = data.neighborhood;
      return n ? { center: toRef(n.center), nodes: n.nodes.map((x) => toRef(x.node)), edges: n.edges, truncated: n.truncated } : null;
    };
    neighbourhoods.set(key, forgetOnError(neighbourhoods, key, load()));
  }
  return neighbourhoods.get(key)!;
}

/** A failed request is not cached: the next attempt asks the server again. */
function forgetOnError<T>(map: Map<string, Promise<T>>, key: string, promise: Promise<T>): Promise<T> {
  promise.catch(() => map.delete(key));
  return promise;
}

function redraw(): void {
  const { nodes, edges } = state.visible(shownTypes);
  view.draw(nodes, edges, state.expanded, mode === 'access');
  view.select(selected);
  const date = asOfInput.value || 'any date';
  status.textContent = `${nodes.length} entities and ${edges.length} relationships drawn, as of ${date}.`;
}

async function showPanel(id: string): Promise<void> {
  const d = await details(id);
  if (d) renderDetails(panel, d, asOfInput.value, shownTypes, actions);
  else renderMessage(panel, `No entity has the id ${id}.`, 'alert');
}

/** Moves keyboard focus to the panel's heading, so Tab continues through what was just opened. */
const focusPanel = (): void => document.getElementById('panel-title')?.focus();

/** Selects an entity, expands it in the drawing and shows it in the side panel. */
async function open(id: string, keyboard = false): Promise<void> {
  await guard(async () => {
    if (mode !== 'neighbourhood') {
      mode = 'neighbourhood';
      state.reset();
    }
    selected = id;
    const [d, n] = await Promise.all([details(id), neighbourhood(id)]);
    if (!d || !n) return renderMessage(panel, `No entity has the id ${id}.`, 'alert');
    state.add(n);
    redraw();
    if (n.truncated) status.textContent += ' The neighbourhood was cut at the server limit.';
    renderDetails(panel, d, asOfInput.value, shownTypes, actions);
    if (keyboard) focusPanel();
    remember();
  });
}

/** Draws the entities expanded so far again, as of the date now chosen. */
async function changeDate(): Promise<void> {
  await guard(async () => {
    if (mode === 'access' && selected) return void (await access(selected));
    if (mode === 'whatif') return openWhatIf();
    const all = await Promise.all(state.expanded.map(neighbourhood));
    state.clearDrawing();
    for (const n of all) if (n) state.add(n);
    redraw();
    if (selected) await showPanel(selected);
    remember();
  });
}

async function access(company: string, keyboard = false): Promise<void> {
  await guard(async () => {
    mode = 'access';
    selected = company;
    state.reset();
    const summary = await showAccess(company, asOfInput.value, state, panel, actions);
    redraw();
    status.textContent += ` ${summary}`;
    if (keyboard) focusPanel();
    remember();
  });
}

/** Shows the what-if form in the panel; submitting it draws the routes the hypothetical rule changes. */
function openWhatIf(keyboard = false): void {
  mode = 'whatif';
  selected = null;
  state.reset();
  redraw();
  const results = h('div', { id: 'whatif-results', 'aria-live': 'polite' });
  panel.replaceChildren(
    h('h2', { id: 'panel-title', tabindex: '-1' }, 'What if…'),
    h('p', { class: 'muted' }, 'A hypothetical export-control rule, evaluated over every route to compute beside the rules in force. Nothing is written.'),
    whatIfForm(whatIfValues, (values) => void runWhatIf(values, results)),
    results,
  );
  if (keyboard) focusPanel();
  remember();
}

async function runWhatIf(values: WhatIfValues, results: HTMLElement): Promise<void> {
  whatIfValues = values;
  document.body.setAttribute('aria-busy', 'true');
  try {
    const summary = await showWhatIf(toRuleInput(values), asOfInput.value, state, results, actions);
    redraw();
    status.textContent += ` ${summary}`;
  } catch (error) {
    results.replaceChildren(h('p', { role: 'alert', class: 'error' }, (error as Error).message));
  } finally {
    document.body.removeAttribute('aria-busy');
  }
}

async function guard(task: () => Promise<void>): Promise<void> {
  document.body.setAttribute('aria-busy', 'true');
  try {
    await task();
  } catch (error) {
    renderMessage(panel, (error as Error).message, 'alert');
  } finally {
    document.body.removeAttribute('aria-busy');
  }
}

/** Keeps the URL in step (id, asOf, view) so a view can be bookmarked or shared. */
function remember(): void {
  const params = new URLSearchParams();
  if (selected) params.set('id', selected);
  if (asOfInput.value) params.set('asOf', asOfInput.value);
  if (mode !== 'neighbourhood') params.set('view', mode);
  history.replaceState(null, '', `${location.pathname}${params.size ? `?${params}` : ''}`);
}

function setupFilters(): void {
  const list = $('type-filters');
  list.replaceChildren(
    ...RELATIONSHIP_TYPE_NAMES.map((type) =>
      h(
        'li',
        {},
        h(
          'label',
          {},
          h('input', { type: 'checkbox', name: 'type', value: type, checked: true, onchange: (e) => toggleType(type, (e.target as HTMLInputElement).checked) }),
          ` ${type}`,
        ),
      ),
    ),
  );
}

function toggleType(type: string, shown: boolean): void {
  if (shown) shownTypes.add(type);
  else shownTypes.delete(type);
  redraw();
  if (selected && mode === 'neighbourhood') void showPanel(selected);
}

setupFilters();
renderLegend($('legend'));
setupSearch($<HTMLFormElement>('search'), $<HTMLInputElement>('search-input'), $('search-results'), (ref) => void open(ref.id, true));
asOfInput.addEventListener('change', () => void changeDate());
$('whatif-button').addEventListener('click', () => openWhatIf(true));
$('clear-graph').addEventListener('click', () => {
  state.reset();
  selected = null;
  mode = 'neighbourhood';
  redraw();
  renderMessage(panel, 'Search for an entity to start.');
  remember();
});
(window as unknown as { atlasExplorer: unknown }).atlasExplorer = { cy: view.cy, state };

const initial = new URLSearchParams(location.search);
asOfInput.value = initial.get('asOf') ?? '';
const initialId = initial.get('id');
if (initial.get('view') === 'whatif') openWhatIf();
else if (initialId && initial.get('view') === 'access') void access(initialId);
else if (initialId) void open(initialId);
else redraw();
