import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticGraph, type SyntheticGraph } from '../integration/analysis-graph.js';
import { e2eSession, explorerIdle as idle, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

declare const window: {
  atlasExplorer: { cy: { getElementById(id: string): { empty(): boolean; hasClass(c: string): boolean } } };
  axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> };
};

/**
 * The seed graph carries no H100-equivalents (the Epoch AI imports do): two made-up countries with data centers
 * carrying them, made by this test and removed after it, give the chart something to draw.
 */
let graph: SyntheticGraph;
const CAPACITY: [string, string, number][] = [
  ['Zeta DC 1', 'Zetaland', 2_500_000],
  ['Zeta DC 2', 'Zetaland', 1_500_000],
  ['Eta DC 1', 'Etaland', 3_000_000],
];
beforeAll(async () => {
  graph = await syntheticGraph(
    e2e.server,
    [['Zetaland', 'Country'], ['Etaland', 'Country'], ...CAPACITY.map(([dc]) => [dc, 'DataCenter'] as [string, 'DataCenter'])],
    CAPACITY.map(([dc, country]) => ({ type: 'LOCATED_IN', from: dc, to: country })),
  );
  await e2e.server.db.write(async (tx) => {
    for (const [dc, , h100] of CAPACITY) await tx.run('MATCH (d:DataCenter {id: $id}) SET d.h100Equivalents = $h100', { id: graph.id(dc), h100 });
  });
}, 300_000);
afterAll(async () => graph?.remove());

/** The same grouping the chart is drawn from, asked of the API directly. */
async function h100ByCountry(): Promise<{ id: string; name: string; sum: number }[]> {
  const res = await fetch(`${e2e.server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ dataCentersGroups(groupBy: [{ country: {} }]) { keys { entity { id name } } h100Equivalents { sum } } }' }),
  });
  const body = (await res.json()) as {
    errors?: unknown;
    data: { dataCentersGroups: { keys: { entity: { id: string; name: string } | null }[]; h100Equivalents: { sum: number | null } }[] };
  };
  expect(body.errors).toBeUndefined();
  return body.data.dataCentersGroups
    .filter((g) => g.keys[0]!.entity && (g.h100Equivalents.sum ?? 0) > 0)
    .map((g) => ({ ...g.keys[0]!.entity!, sum: g.h100Equivalents.sum! }))
    .sort((a, b) => b.sum - a.sum);
}

/** The bars of one chart as drawn: label, entity id (when it opens one) and width. */
const bars = (w: WatchedPage, chart: string): Promise<{ label: string; id: string | null; width: number }[]> =>
  w.page.evaluate(
    (sel) =>
      Array.from(document.querySelectorAll(`${sel} svg g.bar`)).map((g) => ({
        label: g.getAttribute('data-label')!,
        id: g.getAttribute('data-id'),
        width: Number(g.querySelector('rect')!.getAttribute('width')),
      })),
    chart,
  );

describe('the aggregation charts', () => {
  for (const [width, height] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    it(`draws H100-equivalents by country as bars matching the API's grouping, largest first, at ${width}×${height}`, async () => {
      const expected = await h100ByCountry();
      expect(expected.length).toBeGreaterThan(1);
      expect(expected.slice(0, 2).map((c) => c.name)).toEqual(['Zetaland', 'Etaland']);
      const w = await watchedPage(e2e.browser, width, height);
      await w.page.goto(`${e2e.server.url}/explore`);
      await w.page.click('#charts-button');
      await w.page.waitForSelector('#chart-h100-country svg g.bar');
      const drawn = await bars(w, '#chart-h100-country');
      expect(drawn[0]!.id).toBe(expected[0]!.id);
      expect(drawn.map((b) => b.id)).toEqual(expected.slice(0, drawn.length).map((c) => c.id));
      for (let i = 1; i < drawn.length; i++) expect(drawn[i]!.width).toBeLessThanOrEqual(drawn[i - 1]!.width);
      // The table alternative lists every country, the drawn ones included.
      const rows = await w.page.locator('#chart-h100-country table tbody tr').count();
      expect(rows).toBe(expected.length);
      expect(await w.page.locator('#chart-dc-status svg g.bar').count()).toBeGreaterThan(1);
      expect(await w.page.locator('#chart-chips-designer svg g.bar[data-id]').count()).toBeGreaterThan(1);
      expect(new URL(w.page.url()).searchParams.get('view')).toBe('charts');
      expect(await w.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
      await w.screenshot(`explorer-charts-${width}`);
      expect(w.errors).toEqual([]);
    });
  }

  it('opens a country in the graph from its bar, and a designer from its bar by keyboard', async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?view=charts`);
    await w.page.waitForSelector('#chart-h100-country svg g.bar');
    const [top] = await bars(w, '#chart-h100-country');
    await w.page.click(`#chart-h100-country g.bar[data-id="${top!.id}"] rect`);
    await idle(w);
    expect(new URL(w.page.url()).searchParams.get('id')).toBe(top!.id);
    expect(await w.page.evaluate((id) => window.atlasExplorer.cy.getElementById(id).hasClass('expanded'), top!.id!)).toBe(true);
    await w.screenshot('explorer-charts-country-opened');

    await w.page.goBack();
    await w.page.waitForSelector('#chart-chips-designer svg g.bar[data-id]');
    const designer = (await bars(w, '#chart-chips-designer')).find((b) => b.id)!;
    await w.page.focus(`#chart-chips-designer g.bar[data-id="${designer.id}"]`);
    await w.page.keyboard.press('Enter');
    await idle(w);
    expect(new URL(w.page.url()).searchParams.get('id')).toBe(designer.id);
    expect(w.errors).toEqual([]);
  });

  it('passes the axe-core checks on the charts at 1440 and 390 wide', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      // The page's policy forbids inline scripts: this context alone lets the test inject axe-core.
      const context = await e2e.browser.newContext({ viewport: { width, height }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/explore?view=charts`);
      await page.waitForSelector('#chart-chips-designer svg g.bar');
      await page.evaluate(() => document.querySelectorAll('details.chart-data').forEach((d) => ((d as HTMLDetailsElement).open = true)));
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const found = result.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.html.slice(0, 120)}`);
      expect(found).toEqual([]);
    }
  });
});
