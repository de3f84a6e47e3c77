import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { explorerIdle as idle, e2eSession, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type Cy = { nodes(selector?: string): { id(): string }[]; edges(selector?: string): { data(key: string): string }[] };
declare const window: { atlasExplorer: { cy: Cy } };

const drawnEdges = (w: WatchedPage): Promise<{ from: string; type: string; to: string }[]> =>
  w.page.evaluate(() => window.atlasExplorer.cy.edges().map((e) => ({ from: e.data('source'), type: e.data('type'), to: e.data('target') })));

/** The text Monaco shows in an editor (its non-breaking spaces made plain). */
const editorText = async (page: Page, selector: string): Promise<string> =>
  ((await page.locator(selector).first().textContent()) ?? '').replace(/\u00a0/g, ' ');
const QUERY_EDITOR = '.graphiql-query-editor .view-lines';
const VARIABLES_EDITOR = '.graphiql-editor-tool .view-lines';

/** Clicks "Open in playground" and returns the page it opened (a new tab). */
async function openPlayground(w: WatchedPage): Promise<Page> {
  const [tab] = await Promise.all([w.page.context().waitForEvent('page'), w.page.click('#open-playground')]);
  await tab.waitForSelector(QUERY_EDITOR);
  return tab;
}

describe('the explorer and the playground', () => {
  it("opens the compute-access view's query, with its variables, in the playground in a new tab", async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=bytedance&view=access&asOf=2025-06-01`);
    await w.page.waitForSelector('#panel .route');
    await idle(w);
    expect(await w.page.getAttribute('#open-playground', 'target')).toBe('_blank');
    const href = new URL((await w.page.getAttribute('#open-playground', 'href'))!, e2e.server.url);
    expect(href.pathname).toBe('/');
    expect(href.searchParams.get('query')).toMatch(/^\s*query ExplorerComputeAccess\(/);
    expect(JSON.parse(href.searchParams.get('variables')!)).toEqual({ company: 'bytedance', asOf: '2025-06-01' });
    const tab = await openPlayground(w);
    await expect.poll(() => editorText(tab, QUERY_EDITOR)).toContain('query ExplorerComputeAccess($company: ID!, $asOf: Date)');
    await expect.poll(() => editorText(tab, VARIABLES_EDITOR)).toContain('"company": "bytedance"');
    expect(await editorText(tab, VARIABLES_EDITOR)).toContain('"asOf": "2025-06-01"');
    expect(await tab.locator('.graphiql-tab').first().textContent()).toContain('ExplorerComputeAccess');
    await tab.screenshot({ path: 'test-results/e2e/playground-from-explorer.png' });
    expect(w.errors).toEqual([]);
  });

  it('opens the linked operation in its own, active tab where the playground has stored tabs already', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/`);
    await expect.poll(() => editorText(w.page, QUERY_EDITOR)).toContain('OffshoreAccess');
    await w.page.waitForFunction(() => localStorage.getItem('graphiql:tabState') !== null);
    await w.page.goto(`${e2e.server.url}/explore?id=nvidia`);
    await idle(w);
    const tab = await openPlayground(w);
    await expect.poll(() => editorText(tab, QUERY_EDITOR)).toContain('query ExplorerNeighborhood(');
    await expect.poll(() => editorText(tab, VARIABLES_EDITOR)).toContain('"id": "nvidia"');
    const tabs = await tab.locator('.graphiql-tab').allTextContents();
    expect(tabs.join(' ')).toMatch(/OffshoreAccess.*ExplorerNeighborhood/);
    expect(w.errors).toEqual([]);
  });
});

describe('expanding by relationship type', () => {
  it('draws only the neighbours over the chosen type when Nvidia is expanded by it, and keeps that in the URL', async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=nvidia`);
    await idle(w);
    expect(new Set((await drawnEdges(w)).map((e) => e.type)).size).toBeGreaterThan(1);
    const designs = w.page.locator('#expand-types button[data-type="DESIGNS"]');
    await designs.waitFor();
    expect(await designs.textContent()).toMatch(/^designs \(\d+\+?\)$/);
    await designs.click();
    await w.page.waitForFunction(() => new URL(location.href).searchParams.get('xt') === 'nvidia:DESIGNS');
    await w.page.waitForSelector('#expand-types button[data-type="DESIGNS"][aria-pressed="true"]');
    await idle(w);
    const edges = await drawnEdges(w);
    expect(edges.length).toBeGreaterThan(0);
    expect(edges.every((e) => e.type === 'DESIGNS' && e.from === 'nvidia')).toBe(true);
    const nodes = await w.page.evaluate(() => window.atlasExplorer.cy.nodes().map((n) => n.id()));
    expect(nodes.sort()).toEqual(['nvidia', ...edges.map((e) => e.to)].sort());
    const count = Number(/\((\d+)/.exec((await designs.textContent()) ?? '')?.[1]);
    if (count < 100) expect(edges.length).toBe(count);
    const href = new URL((await w.page.getAttribute('#open-playground', 'href'))!, e2e.server.url);
    expect(JSON.parse(href.searchParams.get('variables')!)).toEqual({ id: 'nvidia', types: ['DESIGNS'] });

    await w.page.reload();
    await idle(w);
    expect((await drawnEdges(w)).every((e) => e.type === 'DESIGNS')).toBe(true);
    await w.screenshot('explorer-expand-by-type');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });
});
