import { describe, expect, it } from 'vitest';
import { explorerIdle as idle, e2eSession, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type El = { id(): string; data(key: string): string; empty(): boolean; emit(event: string): void };
type Cy = { nodes(selector?: string): El[]; edges(): El[]; getElementById(id: string): El };
declare const window: { atlasExplorer: { cy: Cy } };

const CLUSTER = 'cluster:nvidia:DESIGNS:out:Chip';

const designed = (w: WatchedPage): Promise<string[]> =>
  w.page.evaluate(() =>
    window.atlasExplorer.cy
      .edges()
      .filter((e) => e.data('type') === 'DESIGNS' && e.data('source') === 'nvidia')
      .map((e) => e.data('target')),
  );

describe('grouped cluster nodes', () => {
  it("draws Nvidia's designed chips as one cluster node with their count, and opening it draws the chips", async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=nvidia`);
    await idle(w);
    const button = w.page.locator('#expand-types button[data-type="DESIGNS"]');
    await button.waitFor();
    const count = Number(/\((\d+)\)/.exec((await button.textContent()) ?? '')?.[1]);
    expect(count).toBeGreaterThan(8);
    const name = await w.page.evaluate((id) => window.atlasExplorer.cy.getElementById(id).data('name'), CLUSTER);
    expect(name).toMatch(new RegExp(`^\\S+ designs ${count} chips$`));
    expect(await designed(w)).toEqual([CLUSTER]);
    await w.screenshot('explorer-cluster-closed');

    // Braces: returned, the element (and the whole cytoscape core it holds) would be serialised to the test.
    await w.page.evaluate((id) => {
      window.atlasExplorer.cy.getElementById(id).emit('tap');
    }, CLUSTER);
    await w.page.waitForFunction((key) => new URL(location.href).searchParams.get('open') === key, CLUSTER.slice('cluster:'.length));
    await w.page.waitForFunction((id) => window.atlasExplorer.cy.getElementById(id).empty() && document.body.dataset.layout === 'idle', CLUSTER);
    const chips = await designed(w);
    expect(chips).toHaveLength(count);
    expect(chips.every((id) => !id.startsWith('cluster:'))).toBe(true);

    await w.page.reload();
    await idle(w);
    expect((await designed(w)).sort()).toEqual([...chips].sort());
    await w.screenshot('explorer-cluster-open');
    expect(w.errors).toEqual([]);
  });
});
