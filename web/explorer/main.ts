import './explorer.css';
import { RELATIONSHIP_TYPE_NAMES, type EntityKind } from '../../src/graph/ontology.js';
import type { RelationshipType } from './generated/graphql.js';
import { showAccess } from './access-view.js';
import { showCharts } from './charts.js';
import { showExposure, showPaths, showWhoUses } from './analysis-view.js';
import { clusterMembers, MEMBERS_PAGE, parseClusterKey } from './cluster-members.js';
import { cluster, clusterOf, clusterSize, parseCluster, plural, type Clustered } from './clusters.js';
import { details, fullNeighbourhood, neighbourCount, neighbourhood } from './data.js';
import { h } from './dom.js';
import { setupDrawnTable } from './drawn-table.js';
import { exportDrawing } from './export.js';
import { setupFilters } from './filters.js';
import { GraphState, type GraphEdge } from './graph-state.js';
import type { EntityRef } from './model.js';
import { createGraphView } from './graph-view.js';
import { yieldToBrowser } from './layout.js';
import { setupKeys } from './graph-keys.js';
import { renderLegend, typeLabel } from './kinds.js';
import { setupMinimap } from './minimap.js';
import { renderDetails, renderMessage, type PanelActions } from './panel.js';
import { setupSavedViews } from './saved-views.js';
import { setupSearch } from './search-box.js';
import { setupSizeSelect, sizeNote, sizesOf, valuesOf } from './size-by.js';
import { guidedStart, pathForm } from './start.js';
import { setupTime } from './time-control.js';
import { timelineStrip } from './timeline.js';
import { playgroundHref, viewOperation } from './playground-link.js';
import { neighboursByType, typeExpansionMenu } from './type-expansion.js';
import { EMPTY_VIEW, expansionsOf, fromQuery, morePages, parseTypeExpansion, toQuery, typeExpansion, UndoStack, type ViewState } from './view-state.js';
import { REMOTE_ACCESS_PRESET, toRuleInput, whatIfForm, type WhatIfValues } from './whatif-form.js';
import { showWhatIf } from './whatif-view.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const panel = $('panel');
const status = $('status');
const state = new GraphState();
const undo = new UndoStack();
let view: ViewState = EMPTY_VIEW;
let whatIfValues: WhatIfValues = REMOTE_ACCESS_PRESET;
/** Opened clusters of more than 100 members: how many are drawn of how many ("100 of 120 chips, load more"). */
let clusterNotes: { key: string; label: string; drawn: number; total: number }[] = [];
/** Each apply gets a number; an older one still running stops drawing when a newer one has started. */
let generation = 0;

const graph = createGraphView($('graph'), (id) => void tapped(id));
const time = setupTime({ date: $('as-of'), compare: $('compare'), slider: $('date-slider'), play: $('play'), error: $('date-error') }, (asOf, compare) =>
  go({ ...view, asOf, compare }),
);
const actions: PanelActions = {
  open: (id) => expand(id, true),
  access: (id) => go({ ...view, mode: 'access', selected: id }, true),
  uses: (id) => go({ ...view, mode: 'uses', selected: id }, true),
  exposure: (id) => go({ ...view, mode: 'exposure', selected: id }, true),
  pathFrom: (id) => pathForm(panel, id, (to) => go({ ...view, mode: 'path', selected: id, to }, true)),
  path: (from, to) => go({ ...view, mode: 'path', selected: from, to }, true),
  collapse: (id) =>
    go({
      ...view,
      expanded: view.expanded.filter((x) => x !== id),
      more: view.more.filter((x) => x !== id),
      byType: otherTypes(id),
      open: view.open.filter((k) => parseCluster(k)?.center !== id),
      openMore: view.openMore.filter((e) => parseCluster(e)?.center !== id),
    }),
  hide: (id) => go({ ...view, hidden: [...view.hidden, id], selected: view.selected === id ? null : view.selected }),
  loadMore: (id) => go({ ...view, more: [...view.more, id] }),
};

/** Selects and expands an entity in the neighbourhood drawing (leaving an analysis view for it). */
function expand(id: string, keyboard = false): void {
  // A cluster node opens: its members are drawn one by one (asked for by type, as "expand by type" does).
  const key = clusterOf(id);
  if (key) return go({ ...view, open: [...view.open, key] }, keyboard);
  const base = view.mode === 'neighbourhood' ? view : { ...view, mode: 'neighbourhood' as const, expanded: [], more: [], byType: [] };
  const expanded = base.expanded.includes(id) ? base.expanded : [...base.expanded, id];
  go({ ...base, selected: id, expanded, hidden: base.hidden.filter((x) => x !== id), byType: otherTypes(id, base) }, keyboard);
}

/** The type expansions of every entity but this one. */
const otherTypes = (id: string, v: ViewState = view): string[] => v.byType.filter((e) => parseTypeExpansion(e)?.id !== id);

/**
 * Expands the entity by one relationship type, or stops: an entity expanded whole is narrowed to that type; one
 * expanded by some types gets the type added, or taken away when it was drawn already.
 */
function expandType(id: string, type: RelationshipType): void {
  const entry = typeExpansion(id, type);
  const byType = view.expanded.includes(id)
    ? [...otherTypes(id), entry]
    : view.byType.includes(entry)
      ? view.byType.filter((e) => e !== entry)
      : [...view.byType, entry];
  go({ ...view, selected: id, expanded: view.expanded.filter((x) => x !== id), more: view.more.filter((x) => x !== id), byType });
}

/** A node tapped: in the neighbourhood it expands; in an analysis drawing it is selected and described, the drawing kept. */
async function tapped(id: string): Promise<void> {
  if (view.mode === 'neighbourhood') return expand(id);
  graph.select(id);
  await busy(async () => {
    const d = await details(id, view.asOf);
    if (!d) return;
    renderDetails(panel, d, view.asOf, shownTypes(), actions, { expanded: false, truncated: false, total: null, more: false }, timelineStrip(id));
    panel.prepend(
      h(
        'p',
        { class: 'muted' },
        'Selected in the analysis drawing. ',
        h('button', { type: 'button', class: 'link', onclick: () => expand(id) }, 'Expand its neighbourhood instead'),
      ),
    );
    document.title = `${d.name} · Compute Atlas explorer`;
  });
}

/** Moves to a new view: remembered for undo and for Back, written into the URL, then drawn. */
function go(next: ViewState, keyboard = false): void {
  undo.record(view);
  view = next;
  history.pushState(null, '', `${location.pathname}${toQuery(next)}`);
  // Drawn in a task of its own: the click or key press that asked for it is answered (painted) first.
  setTimeout(() => void apply(next, keyboard), 0);
}

const shownTypes = (): Set<string> => new Set(RELATIONSHIP_TYPE_NAMES.filter((t) => !view.hiddenTypes.includes(t)));

async function apply(next: ViewState, keyboard = false): Promise<void> {
  view = next;
  const mine = ++generation;
  time.set(view.asOf, view.compare);
  syncControls();
  await busy(async () => {
    if (view.mode === 'neighbourhood') await drawNeighbourhoods(mine);
    else if (view.mode === 'whatif') openWhatIf();
    else if (view.mode === 'charts') await drawCharts();
    else if (view.selected) await drawAnalysis(view.selected);
    if (mine !== generation) return;
    await yieldToBrowser();
    await redraw();
    if (keyboard) document.getElementById('panel-title')?.focus();
  });
}

async function drawNeighbourhoods(mine: number): Promise<void> {
  const load = (id: string, asOf: string): Promise<unknown> =>
    view.more.includes(id) ? fullNeighbourhood(id, asOf) : neighbourhood(id, asOf).then((n) => (n ? [n] : []));
  const typed = view.byType.map(parseTypeExpansion).filter((x) => x !== null);
  const opened = view.open.map((key) => ({ key, ...parseCluster(key)! })).filter((x) => x.center && view.expanded.includes(x.center));
  typed.push(...opened.map((x) => ({ id: x.center, type: x.type as RelationshipType })));
  const loadAll = (asOf: string): Promise<unknown[]> =>
    Promise.all([...view.expanded.map((id) => load(id, asOf)), ...typed.map((x) => neighbourhood(x.id, asOf, x.type).then((n) => (n ? [n] : [])))]);
  const [first, second] = await Promise.all([loadAll(view.asOf), view.compare ? loadAll(view.compare) : Promise.resolve(null)]);
  if (mine !== generation) return;
  state.reset();
  for (const list of first as Awaited<ReturnType<typeof fullNeighbourhood>>[]) for (const n of list) state.add(n);
  if (second) markCompare(second as Awaited<ReturnType<typeof fullNeighbourhood>>[]);
  for (const id of view.more) state.truncated.delete(id);
  await drawClusterPages(opened.map((x) => x.key));
  await yieldToBrowser();
  if (view.selected) await showPanel(view.selected);
  else if (!view.expanded.length) guidedStart(panel, go);
}

/**
 * An opened cluster whose members the server cut at 100 (its by-type neighbourhood is truncated) says how many it
 * has (the members' list query's totalCount) and, once "load more" was pressed, draws the next pages of them.
 */
async function drawClusterPages(keys: readonly string[]): Promise<void> {
  clusterNotes = [];
  for (const key of keys) {
    const c = parseClusterKey(key);
    const n = c && (await neighbourhood(c.center, view.asOf, c.type as RelationshipType));
    if (!c || !n?.truncated) continue;
    const pages = morePages(view, key);
    // The list's first page (by name) need not be the neighbourhood's 100: after p presses, its first p + 1 pages
    // are drawn, so at least (p + 1) × 100 members are.
    const members = await clusterMembers(key, view.asOf, pages + 1);
    if (!members) continue;
    const drawn = new Set(
      n.edges
        .filter((e) => e.type === c.type && (c.out ? e.from === c.center : e.to === c.center))
        .map((e) => (c.out ? e.to : e.from))
        .filter((id) => n.nodes.some((x) => x.id === id && x.kind === c.kind)),
    );
    if (pages > 0) {
      for (const m of members.nodes) if (!state.nodes.has(m.id)) state.nodes.set(m.id, m);
      for (const e of members.edges) if (!state.edges.has(e.key)) state.edges.set(e.key, e);
      for (const m of members.nodes) drawn.add(m.id);
    }
    const label = `${state.nodes.get(c.center)?.name ?? c.center} ${typeLabel(c.type)}`;
    clusterNotes.push({ key, label, drawn: drawn.size, total: members.total });
  }
}

/** The "N of M, load more" line of each opened cluster cut at the server's cap. */
function renderClusterNotes(): void {
  $('cluster-more').replaceChildren(
    ...clusterNotes.map((note) =>
      h(
        'p',
        { class: 'cluster-note', 'data-key': note.key },
        `${note.label}: ${note.drawn} of ${note.total} ${kindLabelOf(note.key)} drawn. `,
        note.drawn < note.total
          ? h(
              'button',
              { type: 'button', class: 'load-more', onclick: () => loadMoreMembers(note.key) },
              `Load ${Math.min(MEMBERS_PAGE, note.total - note.drawn)} more`,
            )
          : null,
      ),
    ),
  );
}

const kindLabelOf = (key: string): string => {
  const c = parseClusterKey(key);
  return c ? plural(c.kind) : '';
};

function loadMoreMembers(key: string): void {
  const pages = morePages(view, key) + 1;
  go({ ...view, openMore: [...view.openMore.filter((e) => e.slice(0, e.lastIndexOf('~')) !== key), `${key}~${pages}`] });
}

/** Compare mode: what holds on the second date but not the first is added (green), the reverse removed (red, dashed). */
function markCompare(second: Awaited<ReturnType<typeof fullNeighbourhood>>[]): void {
  const before = new Set(state.edges.keys());
  const after = new GraphState();
  for (const list of second) for (const n of list) after.add(n);
  for (const [key, e] of state.edges) if (!after.edges.has(key)) state.edges.set(key, { ...e, mark: 'removed' });
  for (const [key, e] of after.edges) if (!before.has(key)) state.edges.set(key, { ...e, mark: 'added' });
  for (const [id, n] of after.nodes) {
    if (!state.nodes.has(id)) {
      state.nodes.set(id, n);
      state.marks.set(id, 'added');
    }
  }
}

async function drawAnalysis(id: string): Promise<void> {
  let summary = '';
  if (view.mode === 'access') summary = await showAccess(id, view.asOf, state, panel, actions);
  else if (view.mode === 'uses') summary = await showWhoUses(id, view.asOf, state, panel, actions);
  else if (view.mode === 'exposure') summary = await showExposure(id, view.asOf, state, panel, actions);
  else if (view.mode === 'path') summary = await showPaths(id, view.to, view.asOf, state, panel, actions);
  status.dataset.summary = summary;
}

async function redraw(): Promise<void> {
  const { nodes, edges, members } = grouped(state.visible(shownTypes(), new Set(view.hiddenKinds), new Set(view.hidden), view.hideLow));
  const byType = new Map<string, number>();
  for (const e of edges) byType.set(e.type, (byType.get(e.type) ?? 0) + 1);
  filters.sync(view.hiddenTypes, view.hideLow, byType);
  const today = view.asOf ? null : new Date().toISOString().slice(0, 10);
  const values = valuesOf(view.sizeBy, nodes, edges);
  $('size-note').textContent = sizeNote(view.sizeBy, values);
  // Cluster nodes are sized by how many they stand for, whatever "size by" says of the others.
  const sizes = sizesOf(values);
  for (const [id, ids] of members) sizes.set(id, clusterSize(ids.length));
  await graph.draw({ nodes, edges, expanded: state.expanded, marks: state.marks, today, sizes });
  graph.select(view.selected);
  refreshTable();
  renderClusterNotes();
  time.addStops(edges.flatMap((e) => [e.validFrom ?? '', e.validTo ?? '']));
  const date = view.compare ? `${view.asOf || 'any date'} compared with ${view.compare}` : `as of ${view.asOf || 'any date'}`;
  const marks = view.compare
    ? ` ${edges.filter((e) => e.mark === 'added').length} added (green), ${edges.filter((e) => e.mark === 'removed').length} removed (red, dashed).`
    : '';
  const cut = [...state.truncated].filter((id) => state.expanded.includes(id)).length;
  status.textContent =
    `${nodes.length} entities and ${edges.length} relationships drawn, ${date}.${marks}${cut ? ` ${cut} neighbourhoods cut at 100: select one and press “Load more”.` : ''} ${status.dataset.summary ?? ''}`.trim();
  status.dataset.summary = '';
  syncControls();
}

/** In the neighbourhood drawing, big groups of one entity's neighbours become cluster nodes (clusters.ts). */
function grouped(drawn: { nodes: EntityRef[]; edges: GraphEdge[] }): Clustered {
  if (view.mode !== 'neighbourhood') return { ...drawn, members: new Map() };
  const centers = view.expanded.filter((id) => !view.more.includes(id));
  const keep = new Set([...view.expanded, ...(view.selected ? [view.selected] : []), ...view.byType.map((e) => parseTypeExpansion(e)?.id ?? '')]);
  return cluster(drawn.nodes, drawn.edges, centers, keep, new Set(view.open), state.truncated);
}

async function showPanel(id: string): Promise<void> {
  const d = await details(id, view.asOf);
  if (!d) return renderMessage(panel, `No entity has the id ${id}.`, 'alert');
  const truncated = state.truncated.has(id);
  const count = truncated ? await neighbourCount(id, view.asOf) : null;
  const byType = expansionsOf(view, id);
  renderDetails(
    panel,
    d,
    view.asOf,
    shownTypes(),
    actions,
    { expanded: view.expanded.includes(id) || byType.length > 0, truncated, total: count?.total ?? null, more: count?.more ?? false },
    timelineStrip(id),
    typeExpansionMenu(count?.byType ?? neighboursByType(d), byType, (type) => expandType(id, type)),
  );
  document.title = `${d.name} · Compute Atlas explorer`;
}

/** The aggregation charts in the panel, the drawing emptied; a bar opens its country or designer in the graph. */
async function drawCharts(): Promise<void> {
  state.reset();
  status.dataset.summary = await showCharts(view.asOf, panel, (id) => expand(id, true));
}

/** Shows the what-if form in the panel; submitting it draws the routes the hypothetical rule changes. */
function openWhatIf(): void {
  state.reset();
  const results = h('div', { id: 'whatif-results', 'aria-live': 'polite' });
  panel.replaceChildren(
    h('h2', { id: 'panel-title', tabindex: '-1' }, 'What if…'),
    h('p', { class: 'muted' }, 'A hypothetical export-control rule, evaluated over every route to compute beside the rules in force. Nothing is written.'),
    whatIfForm(whatIfValues, (values) => void runWhatIf(values, results)),
    results,
  );
  document.title = 'What if… · Compute Atlas explorer';
}

async function runWhatIf(values: WhatIfValues, results: HTMLElement): Promise<void> {
  whatIfValues = values;
  await busy(async () => {
    try {
      status.dataset.summary = await showWhatIf(toRuleInput(values), view.asOf, state, results, actions);
      await redraw();
    } catch (error) {
      results.replaceChildren(h('p', { role: 'alert', class: 'error' }, (error as Error).message));
    }
  });
}

/** Runs a task with the page marked busy (a visible "Loading…" and aria-busy); a failure is shown in the panel. */
async function busy(task: () => Promise<void>): Promise<void> {
  document.body.setAttribute('aria-busy', 'true');
  $('loading').hidden = false;
  try {
    await task();
  } catch (error) {
    renderMessage(panel, (error as Error).message, 'alert');
  } finally {
    document.body.removeAttribute('aria-busy');
    $('loading').hidden = true;
  }
}

function syncControls(): void {
  $<HTMLButtonElement>('undo').disabled = !undo.canUndo;
  $<HTMLButtonElement>('redo').disabled = !undo.canRedo;
  renderLegend($('legend'), new Set(view.hiddenKinds), toggleKind);
  $<HTMLSelectElement>('size-by').value = view.sizeBy;
  const operation = viewOperation(view, toRuleInput(whatIfValues));
  const link = $<HTMLAnchorElement>('open-playground');
  link.href = playgroundHref(operation);
  link.title = operation ? 'The query behind this view, with its variables, in the playground (a new tab)' : 'The playground (a new tab)';
  if (!view.selected && view.mode === 'neighbourhood') document.title = 'Compute Atlas · Explorer';
}

function toggleKind(kind: EntityKind): void {
  const hiddenKinds = view.hiddenKinds.includes(kind) ? view.hiddenKinds.filter((k) => k !== kind) : [...view.hiddenKinds, kind];
  go({ ...view, hiddenKinds });
}

function stepUndo(direction: 'undo' | 'redo'): void {
  const next = direction === 'undo' ? undo.undo(view) : undo.redo(view);
  if (!next) return;
  history.pushState(null, '', `${location.pathname}${toQuery(next)}`);
  void apply(next);
}

const filters = setupFilters($('type-filters'), (hiddenTypes, hideLow) => go({ ...view, hiddenTypes, hideLow }));
setupSizeSelect($<HTMLSelectElement>('size-by'), (sizeBy) => go({ ...view, sizeBy }));
setupMinimap($<HTMLDetailsElement>('minimap-box'), $<HTMLCanvasElement>('minimap'), $('minimap-note'), graph.cy);
setupSavedViews($('saved-views'), () => toQuery(view));
const refreshTable = setupDrawnTable($<HTMLDetailsElement>('drawn'), $('drawn-table'), graph.cy, (id) => expand(id, true));
const clearSearch = setupSearch($<HTMLFormElement>('search'), $<HTMLInputElement>('search-input'), $('search-results'), (ref) => expand(ref.id, true));
setupKeys($('graph'), graph, { open: (id) => expand(id), deselect: () => go({ ...view, selected: null }), clearSearch });
$('whatif-button').addEventListener('click', () => go({ ...EMPTY_VIEW, mode: 'whatif', asOf: view.asOf }, true));
$('charts-button').addEventListener('click', () => go({ ...EMPTY_VIEW, mode: 'charts', asOf: view.asOf }, true));
$('clear-graph').addEventListener('click', () => go({ ...EMPTY_VIEW, asOf: view.asOf }));
$('undo').addEventListener('click', () => stepUndo('undo'));
$('redo').addEventListener('click', () => stepUndo('redo'));
$('fit').addEventListener('click', () => graph.fit());
$('centre').addEventListener('click', () => graph.centre(view.selected));
$('copy-link').addEventListener('click', () => void navigator.clipboard?.writeText(location.href).then(() => (status.textContent = 'Link copied.')));
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-export]')) b.addEventListener('click', () => exportDrawing(graph.cy, b.dataset.export!));
window.addEventListener('popstate', () => void apply(fromQuery(location.search)));
(window as unknown as { atlasExplorer: unknown }).atlasExplorer = { cy: graph.cy, state, view: () => view, expand };

void apply(fromQuery(location.search));
