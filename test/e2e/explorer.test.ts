import { describe, expect, it } from 'vitest';
import { e2eSession, recordTiming, timeToRender, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type Cy = {
  nodes(): { id(): string }[];
  edges(selector?: string): { data(key: string): string }[];
  getElementById(id: string): { renderedPosition(): { x: number; y: number } };
};
declare const window: { atlasExplorer: { cy: Cy } };

/** Ids of the drawn nodes. */
const drawnNodes = (w: WatchedPage): Promise<string[]> => w.page.evaluate(() => window.atlasExplorer.cy.nodes().map((n) => n.id()));

/** Drawn edges as "from TYPE to". */
const drawnEdges = (w: WatchedPage, selector = 'edge'): Promise<string[]> =>
  w.page.evaluate((sel) => window.atlasExplorer.cy.edges(sel).map((e) => `${e.data('source')} ${e.data('type')} ${e.data('target')}`), selector);

async function openExplorer(query = '', width = 1280, height = 800): Promise<WatchedPage> {
  const w = await watchedPage(e2e.browser, width, height);
  await w.page.goto(`${e2e.server.url}/explore${query}`);
  return w;
}

function expectClean(w: WatchedPage): void {
  expect(w.errors).toEqual([]);
  expect(w.external).toEqual([]);
}

describe('the explorer', () => {
  it('loads with no console errors and no request leaving localhost, with the search box focused', async () => {
    const w = await openExplorer();
    const timing = await timeToRender(w.page, () =>
      document.querySelectorAll('#legend li').length > 0 && document.querySelector('#graph canvas') ? performance.now() : false,
    );
    recordTiming('explorer', timing);
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('search-input');
    await w.screenshot('explorer-empty');
    expectClean(w);
  });

  it('finds ByteDance by search and, opened by keyboard, draws it with its data centers', async () => {
    const w = await openExplorer();
    await w.page.keyboard.type('bytedance');
    await w.page.waitForSelector('#search-results .result');
    await w.page.keyboard.press('ArrowDown');
    const active = await w.page.getAttribute('#search-input', 'aria-activedescendant');
    expect(await w.page.getAttribute(`#${active}`, 'data-id')).toBe('bytedance');
    await w.page.keyboard.press('Enter');
    await w.page.waitForFunction(() => window.atlasExplorer.cy.nodes().length > 1);
    const nodes = await drawnNodes(w);
    expect(nodes).toEqual(expect.arrayContaining(['bytedance', 'sg-rented-gpu-capacity', 'my-rented-gpu-capacity']));
    expect(await drawnEdges(w)).toEqual(expect.arrayContaining(['bytedance RENTS_CAPACITY_AT sg-rented-gpu-capacity']));
    await expect.poll(() => w.page.textContent('#panel h2')).toContain('ByteDance');
    await w.screenshot('explorer-bytedance');
    expectClean(w);
  });

  it('can be driven by keyboard alone: from the panel, Tab reaches a neighbour and Enter expands it', async () => {
    const w = await openExplorer();
    await w.page.keyboard.type('bytedance');
    await w.page.waitForSelector('#search-results .result[data-id="bytedance"]');
    await w.page.keyboard.press('Enter');
    await w.page.waitForFunction(() => document.activeElement?.id === 'panel-title');
    let focused = '';
    for (let i = 0; i < 40 && !/Singapore/.test(focused); i++) {
      await w.page.keyboard.press('Tab');
      focused = await w.page.evaluate(() => document.activeElement?.textContent ?? '');
    }
    expect(focused).toMatch(/Rented GPU capacity in Singapore/);
    await w.page.keyboard.press('Enter');
    await w.page.waitForFunction(() =>
      window.atlasExplorer.cy.edges().some((e) => e.data('source') === 'sg-rented-gpu-capacity' && e.data('type') === 'EQUIPPED_WITH'),
    );
    expect(await w.page.evaluate(() => document.activeElement?.textContent)).toMatch(/Singapore/);
    expectClean(w);
  });

  it('expands a data center when its node is clicked, drawing the chips it is equipped with', async () => {
    const w = await openExplorer('?id=bytedance');
    await w.page.waitForFunction(() => window.atlasExplorer.cy.nodes().length > 1);
    const before = await drawnEdges(w);
    expect(before.some((e) => e.startsWith('sg-rented-gpu-capacity EQUIPPED_WITH'))).toBe(false);
    const at = await w.page.evaluate(() => {
      const node = window.atlasExplorer.cy.getElementById('sg-rented-gpu-capacity');
      const box = document.getElementById('graph')!.getBoundingClientRect();
      return { x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y };
    });
    await w.page.mouse.click(at.x, at.y);
    await w.page.waitForFunction(() => window.atlasExplorer.cy.edges().some((e) => e.data('type') === 'EQUIPPED_WITH'));
    expect((await drawnEdges(w)).filter((e) => e.startsWith('sg-rented-gpu-capacity EQUIPPED_WITH')).length).toBeGreaterThan(0);
    await expect.poll(() => w.page.textContent('#panel h2')).toMatch(/Singapore/i);
    expectClean(w);
  });

  it('redraws the H20 with the rule restricting it only from a date after April 2025', async () => {
    const w = await openExplorer('?id=nvidia-h20');
    await w.page.waitForFunction(() => window.atlasExplorer.cy.nodes().length > 1);
    const restrictsH20 = async (): Promise<string[]> => (await drawnEdges(w)).filter((e) => e.endsWith('RESTRICTS nvidia-h20'));
    await w.page.fill('#as-of', '2025-01-01');
    await w.page.press('#as-of', 'Enter');
    await w.page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('as of 2025-01-01'));
    const before = await restrictsH20();
    await w.screenshot('explorer-h20-2025-01-01');
    await w.page.fill('#as-of', '2025-06-01');
    await w.page.press('#as-of', 'Enter');
    await w.page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('as of 2025-06-01'));
    const after = await restrictsH20();
    await w.screenshot('explorer-h20-2025-06-01');
    expect(before).not.toContain('usg-2025-04-h20-license-requirement RESTRICTS nvidia-h20');
    expect(after).toContain('usg-2025-04-h20-license-requirement RESTRICTS nvidia-h20');
    expectClean(w);
  });

  it('hides the relationships of a type unticked in the filter', async () => {
    const w = await openExplorer('?id=bytedance');
    await w.page.waitForFunction(() => window.atlasExplorer.cy.edges().length > 1);
    expect((await drawnEdges(w)).some((e) => e.includes(' DEVELOPS '))).toBe(true);
    await w.page.click('.filters summary');
    await w.page.uncheck('input[name="type"][value="DEVELOPS"]');
    await w.page.waitForFunction(() => !window.atlasExplorer.cy.edges().some((e) => e.data('type') === 'DEVELOPS'));
    expect((await drawnEdges(w)).some((e) => e.includes(' DEVELOPS '))).toBe(false);
    expect((await drawnEdges(w)).some((e) => e.includes(' RENTS_CAPACITY_AT '))).toBe(true);
    expectClean(w);
  });

  it('shows the selected entity with its facts, confidence and linked sources in the side panel', async () => {
    const w = await openExplorer('?id=bytedance');
    await w.page.waitForSelector('#panel .relation');
    expect(await w.page.textContent('#panel .facts')).toContain('foundedYear');
    expect(await w.page.locator('#panel .confidence').count()).toBeGreaterThan(0);
    const href = await w.page.getAttribute('#panel .sources a[href^="http"]', 'href');
    expect(href).toMatch(/^https?:\/\//);
    expectClean(w);
  });

  it("draws ByteDance's compute access with its offshore routes to restricted chips highlighted", async () => {
    const w = await openExplorer('?id=bytedance&asOf=2025-06-01');
    await w.page.click('#access-button');
    await w.page.waitForSelector('#panel .route');
    const offshore = await w.page.locator('#panel .route[data-classification="RESTRICTED_OFFSHORE"]').allTextContents();
    expect(offshore.join('\n')).toMatch(/Singapore/);
    expect(offshore.join('\n')).toMatch(/Malaysia/);
    const highlighted = await drawnEdges(w, 'edge.offshore');
    expect(highlighted).toEqual(
      expect.arrayContaining(['bytedance RENTS_CAPACITY_AT sg-rented-gpu-capacity', 'bytedance RENTS_CAPACITY_AT my-rented-gpu-capacity']),
    );
    await w.screenshot('explorer-bytedance-compute-access');
    expectClean(w);
  });

  it('stays readable at phone width: the panel goes below the graph and nothing scrolls sideways', async () => {
    const w = await openExplorer('?id=bytedance', 390, 844);
    await w.page.waitForSelector('#panel .relation');
    const layout = await w.page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      graphBottom: document.querySelector('.graph-area')!.getBoundingClientRect().bottom,
      panelTop: document.getElementById('panel')!.getBoundingClientRect().top,
    }));
    expect(layout.scrollWidth).toBeLessThanOrEqual(390);
    expect(layout.panelTop).toBeGreaterThanOrEqual(layout.graphBottom - 1);
    await w.screenshot('explorer-phone');
    expectClean(w);
  });
});
