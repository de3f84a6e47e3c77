import { gql } from './api.js';
import { h } from './dom.js';
import { ExplorerChartsDocument } from './generated/graphql.js';

/** One bar: what it counts, its number, and the entity a click opens (null: nothing to open). */
export interface Bar {
  readonly label: string;
  readonly value: number;
  readonly id: string | null;
  /** Said after the value in the table and the bar's name ("12 data centers"). */
  readonly note?: string;
}

/** Bars drawn per chart; the rest are in the table. */
const TOP = 12;
const ROW = 22;
const LABEL_W = 130;
const VALUE_W = 70;
const WIDTH = 360;
/** The bar colour (Okabe–Ito blue, 5.1:1 on white) and the hovered or focused one (darker). */
const BAR = '#0072B2';

const SVG = 'http://www.w3.org/2000/svg';
const svg = (tag: string, attrs: Record<string, string | number>, text?: string): SVGElement => {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
};

const format = (n: number): string => Math.round(n).toLocaleString('en');
const clip = (text: string, max = 20): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * A horizontal bar chart as hand-written SVG, with a table of every group as its alternative. A bar whose group is
 * an entity is a button (pointer and keyboard): it opens that entity in the graph.
 */
export function barChart(id: string, title: string, unit: string, bars: readonly Bar[], open: (id: string) => void): HTMLElement {
  const sorted = [...bars].sort((a, b) => b.value - a.value || a.label.localeCompare(b.label));
  const shown = sorted.slice(0, TOP);
  const max = Math.max(1, ...shown.map((b) => b.value));
  const plot = WIDTH - LABEL_W - VALUE_W;
  const chart = svg('svg', {
    viewBox: `0 0 ${WIDTH} ${shown.length * ROW + 4}`,
    width: '100%',
    role: 'group',
    'aria-label': `${title}: bar chart, in ${unit}`,
  });
  shown.forEach((b, i) => {
    const g = svg('g', { class: `bar${b.id ? ' opens' : ''}`, 'data-label': b.label, ...(b.id ? { 'data-id': b.id } : {}) });
    const y = i * ROW + 2;
    g.append(
      svg('text', { x: LABEL_W - 6, y: y + 15, 'text-anchor': 'end', class: 'bar-label' }, clip(b.label)),
      svg('rect', { x: LABEL_W, y: y + 3, height: ROW - 6, width: Math.max(1, (b.value / max) * plot), fill: BAR, rx: 2 }),
      // The leading space is not drawn; it keeps the name from content ("Zetaland 4,000,000") two words.
      svg('text', { x: LABEL_W + Math.max(1, (b.value / max) * plot) + 4, y: y + 15, class: 'bar-value' }, ` ${format(b.value)}`),
    );
    if (b.id) {
      const target = b.id;
      // Named from its content, the visible label and number (as speech input expects); the table says the rest.
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      g.addEventListener('click', () => open(target));
      g.addEventListener('keydown', (event) => {
        const key = (event as KeyboardEvent).key;
        if (key !== 'Enter' && key !== ' ') return;
        event.preventDefault();
        open(target);
      });
    }
    chart.append(g);
  });
  const table = h(
    'table',
    { class: 'chart-table' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Group'), h('th', { scope: 'col' }, unit), h('th', { scope: 'col' }, 'Note'))),
    h(
      'tbody',
      {},
      ...sorted.map((b) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, b.id ? h('button', { type: 'button', class: 'link', onclick: () => open(b.id!) }, b.label) : b.label),
          h('td', {}, format(b.value)),
          h('td', {}, b.note ?? ''),
        ),
      ),
    ),
  );
  const more = sorted.length > shown.length ? ` The ${shown.length} largest of ${sorted.length} are drawn; all are in the table.` : '';
  return h(
    'figure',
    { class: 'chart', id },
    h('figcaption', {}, h('strong', {}, title), h('span', { class: 'muted' }, more)),
    chart as unknown as HTMLElement,
    h('details', { class: 'chart-data' }, h('summary', {}, 'As a table'), table),
  );
}

/** A group as the three groupings answer it: its keys and how many entities it holds. */
interface Group {
  readonly keys: readonly { readonly entity?: { readonly id: string; readonly name: string } | null }[];
  readonly count: number;
}

/** Groups keyed by an entity as bars; the group without one (no country, no designer) is named, not opened. */
function entityBars<G extends Group>(groups: readonly G[], none: string, value: (g: G) => number, note: (n: number) => string): Bar[] {
  return groups.map((g) => {
    const e = g.keys[0]?.entity;
    return { label: e?.name ?? none, id: e?.id ?? null, value: value(g), note: note(g.count) };
  });
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/**
 * The aggregation charts in the panel: H100-equivalents by country (summed over the data centers located there),
 * data centers by status and chips by designer, from one request of three groupings. Answers better as bars than
 * as a graph: a country's bar opens its neighbourhood (its data centers), a designer's the company's.
 */
export async function showCharts(asOf: string, target: HTMLElement, open: (id: string) => void): Promise<string> {
  const data = await gql(ExplorerChartsDocument, { asOf: asOf || null });
  const when = asOf ? ` as of ${asOf}` : '';
  const byCountry = entityBars(
    data.h100ByCountry.filter((g) => (g.h100Equivalents.sum ?? 0) > 0),
    'No country',
    (g) => g.h100Equivalents.sum ?? 0,
    (n) => plural(n, 'data center', 'data centers'),
  );
  const byStatus: Bar[] = data.dataCentersByStatus.map((g) => ({ label: g.keys[0]?.value ?? 'No status', value: g.count, id: null }));
  const byDesigner = entityBars(
    data.chipsByDesigner,
    'No designer',
    (g) => g.count,
    () => '',
  ).map(({ note: _, ...b }) => b);
  const total = byCountry.reduce((a, b) => a + b.value, 0);
  target.replaceChildren(
    h('h2', { id: 'panel-title', tabindex: '-1' }, 'Charts'),
    h(
      'p',
      { class: 'muted', id: 'charts-summary' },
      `Computed by the database over the whole graph${when}. ${format(total)} H100-equivalents in ${byCountry.length} countries. Press a country's or a designer's bar to open it in the graph.`,
    ),
    barChart('chart-h100-country', 'H100-equivalents by country', 'H100-equivalents', byCountry, open),
    barChart('chart-dc-status', 'Data centers by status', 'data centers', byStatus, open),
    barChart('chart-chips-designer', 'Chips by designer', 'chips', byDesigner, open),
  );
  document.title = 'Charts · Compute Atlas explorer';
  return `Charts: ${byCountry.length} countries, ${byStatus.length} statuses, ${byDesigner.length} designers.`;
}
