import { describe, expect, it } from 'vitest';
import { overlappingNodes as overlapping, explorerIdle as idle, e2eSession, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type Box = { x1: number; y1: number; x2: number; y2: number };
type Node = { id(): string; width(): number; hasClass(c: string): boolean; renderedBoundingBox(o: object): Box };
declare const window: { atlasExplorer: { cy: { nodes(): Node[]; getElementById(id: string): Node; pan(): { x: number; y: number } } } };

const pan = (w: WatchedPage): Promise<{ x: number; y: number }> => w.page.evaluate(() => ({ ...window.atlasExplorer.cy.pan() }));

describe('the overview (minimap)', () => {
  it('is shown at 1440×900 with the drawing, and a click on it moves the viewport there', async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=bytedance`);
    await idle(w);
    const minimap = w.page.locator('#minimap');
    expect(await minimap.isVisible()).toBe(true);
    await w.page.waitForFunction(() => Number(document.getElementById('minimap')!.dataset.nodes) > 1);
    const before = await pan(w);
    await minimap.click({ position: { x: 12, y: 12 } });
    const after = await pan(w);
    expect(Math.hypot(after.x - before.x, after.y - before.y)).toBeGreaterThan(20);
    await w.screenshot('explorer-minimap');
    expect(w.errors).toEqual([]);
  });

  it('starts closed at 390×844, so it covers none of the drawing', async () => {
    const w = await watchedPage(e2e.browser, 390, 844);
    await w.page.goto(`${e2e.server.url}/explore?id=bytedance`);
    await idle(w);
    expect(await w.page.evaluate(() => (document.getElementById('minimap-box') as HTMLDetailsElement).open)).toBe(false);
    expect(await w.page.locator('#minimap').isVisible()).toBe(false);
    expect(w.errors).toEqual([]);
  });
});

describe('size by a number', () => {
  it("draws xAI's bigger-power data center bigger when sized by power, with no two boxes overlapping, and keeps it in the URL", async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=xai`);
    await idle(w);
    const width = (id: string): Promise<number> => w.page.evaluate((x) => window.atlasExplorer.cy.getElementById(x).width(), id);
    expect(await width('xai-colossus-memphis-ph3')).toBe(await width('xai-colossus-memphis-ph1'));
    await w.page.selectOption('#size-by', 'power');
    await w.page.waitForFunction(
      () => window.atlasExplorer.cy.getElementById('xai-colossus-memphis-ph3').hasClass('sized') && document.body.dataset.layout === 'idle',
    );
    expect(new URL(w.page.url()).searchParams.get('size')).toBe('power');
    // 352.4 MW against 150 MW: the diameter follows the square root, about 1.5 times as wide.
    const [big, small] = [await width('xai-colossus-memphis-ph3'), await width('xai-colossus-memphis-ph1')];
    expect(big).toBeGreaterThan(small * 1.4);
    expect(await overlapping(w)).toEqual([]);
    expect(await w.page.textContent('#size-note')).toMatch(/power \(MW\).*352\.4 MW/);

    await w.page.reload();
    await idle(w);
    expect(await w.page.inputValue('#size-by')).toBe('power');
    expect(await width('xai-colossus-memphis-ph3')).toBe(big);
    expect(await overlapping(w)).toEqual([]);
    await w.screenshot('explorer-size-by-power');
    expect(w.errors).toEqual([]);
  });
});
