import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticGraph, type SyntheticGraph } from '../integration/analysis-graph.js';
import { e2eSession, explorerIdle as idle, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type El = { data(key: string): string };
declare const window: { atlasExplorer: { cy: { edges(): El[] } } };

/** One company designing 120 chips (made by the test, removed after it): more than the server's cap of 100. */
let graph: SyntheticGraph;
const CHIPS = 120;
beforeAll(async () => {
  const chips = Array.from({ length: CHIPS }, (_, k) => `Theta chip ${String(k).padStart(3, '0')}`);
  graph = await syntheticGraph(
    e2e.server,
    [['Theta Corp', 'Company'], ...chips.map((c) => [c, 'Chip'] as [string, 'Chip'])],
    chips.map((c) => ({ type: 'DESIGNS', from: 'Theta Corp', to: c })),
  );
}, 300_000);
afterAll(async () => graph?.remove());

/** The chips drawn with a DESIGNS edge from the company. */
const designed = (w: WatchedPage, company: string): Promise<string[]> =>
  w.page.evaluate(
    (id) =>
      window.atlasExplorer.cy
        .edges()
        .filter((e) => e.data('type') === 'DESIGNS' && e.data('source') === id)
        .map((e) => e.data('target')),
    company,
  );

describe('a cluster of more than 100 members', () => {
  it('opens to its first 100 with "100 of 120", and load more draws the rest, kept in the URL', async () => {
    const company = graph.id('Theta Corp');
    const key = `${company}:DESIGNS:out:Chip`;
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?${new URLSearchParams({ id: company, open: key }).toString()}`);
    await idle(w);
    const note = w.page.locator('#cluster-more .cluster-note');
    await note.waitFor();
    expect(await note.textContent()).toContain(`Theta Corp designs: 100 of ${CHIPS} chips drawn.`);
    const first = await designed(w, company);
    expect(first).toHaveLength(100);
    expect(first.every((id) => !id.startsWith('cluster:'))).toBe(true);
    await w.screenshot('explorer-cluster-100-of-120');

    await note.getByRole('button', { name: 'Load 20 more' }).click();
    await w.page.waitForFunction((k) => new URL(location.href).searchParams.get('om') === `${k}~1`, key);
    await w.page.waitForFunction(() => /120 of 120 chips drawn/.test(document.getElementById('cluster-more')!.textContent ?? ''));
    await idle(w);
    const all = await designed(w, company);
    expect(new Set(all).size).toBe(CHIPS);
    expect(await note.getByRole('button').count()).toBe(0);

    await w.page.reload();
    await idle(w);
    await w.page.waitForFunction(() => /120 of 120 chips drawn/.test(document.getElementById('cluster-more')!.textContent ?? ''));
    expect((await designed(w, company)).sort()).toEqual([...all].sort());
    await w.screenshot('explorer-cluster-all-120');
    expect(w.errors).toEqual([]);
  });

  it('shows the same count and button at 390×844 without scrolling sideways', async () => {
    const company = graph.id('Theta Corp');
    const w = await watchedPage(e2e.browser, 390, 844);
    await w.page.goto(`${e2e.server.url}/explore?${new URLSearchParams({ id: company, open: `${company}:DESIGNS:out:Chip` }).toString()}`);
    await idle(w);
    await w.page.locator('#cluster-more .cluster-note button').waitFor();
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await w.screenshot('explorer-cluster-100-of-120-390');
    expect(w.errors).toEqual([]);
  });
});
