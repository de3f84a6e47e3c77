import { describe, expect, it } from 'vitest';
import { clusterSize } from '../../web/explorer/clusters.js';
import { e2eSession, explorerIdle as idle, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type Box = { x1: number; y1: number; x2: number; y2: number; w: number; h: number };
type Nodes = { boundingBox(o: object): Box };
declare const window: {
  atlasExplorer: {
    cy: {
      pan(): { x: number; y: number };
      extent(): Box;
      nodes(selector?: string): Nodes;
      getElementById(id: string): { width(): number; empty(): boolean };
    };
  };
};

const pan = (w: WatchedPage): Promise<{ x: number; y: number }> => w.page.evaluate(() => ({ ...window.atlasExplorer.cy.pan() }));

describe('the overview (minimap) by keyboard', () => {
  it('is reached with Tab, named for screen readers, shows a focus ring, pans with the arrow keys and centres with Enter', async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=bytedance`);
    await idle(w);
    // The overview's own toggle (its <summary>) comes first, then the overview.
    await w.page.focus('#minimap-box summary');
    await w.page.keyboard.press('Tab');
    expect(await w.page.evaluate(() => document.activeElement?.id)).toBe('minimap');
    expect(await w.page.getByRole('application', { name: /Overview of the whole drawing: arrow keys move the view/ }).count()).toBe(1);
    const ring = await w.page.evaluate(() => {
      const s = getComputedStyle(document.getElementById('minimap')!);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    });
    expect(ring.style).toBe('solid');
    expect(ring.width).toBeGreaterThanOrEqual(2);
    await w.screenshot('explorer-minimap-focused');

    const width = await w.page.evaluate(() => document.getElementById('graph')!.clientWidth);
    const start = await pan(w);
    await w.page.keyboard.press('ArrowRight');
    const right = await pan(w);
    expect(right.x).toBeCloseTo(start.x - width * 0.2, 0);
    expect(right.y).toBeCloseTo(start.y, 5);
    await w.page.keyboard.press('ArrowDown');
    expect((await pan(w)).y).toBeLessThan(right.y);
    await w.page.keyboard.press('Shift+ArrowLeft');
    expect((await pan(w)).x).toBeCloseTo(right.x + width, 0);
    await w.page.waitForFunction(() => /The view shows \d+ of the \d+ drawn entities/.test(document.getElementById('minimap-note')!.textContent ?? ''));

    await w.page.keyboard.press('Enter');
    const off = await w.page.evaluate(() => {
      const { cy } = window.atlasExplorer;
      const b = cy.nodes(':visible').boundingBox({});
      const v = cy.extent();
      return Math.hypot((b.x1 + b.x2) / 2 - (v.x1 + v.x2) / 2, (b.y1 + b.y2) / 2 - (v.y1 + v.y2) / 2);
    });
    expect(off).toBeLessThan(1);
    expect(w.errors).toEqual([]);
  });
});

describe('"did you mean" in the path finder', () => {
  it("shows the server's suggestions for a path end that names no entity, and a suggestion finds the path", async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?view=path&id=deepseek&to=nvidai`);
    const section = w.page.locator('.did-you-mean[data-end="to"]');
    await section.waitFor();
    expect(await section.textContent()).toContain('No entity has the id “nvidai”');
    expect(await w.page.locator('.did-you-mean[data-end="from"]').count()).toBe(0);
    const suggestion = section.locator('button[data-id="nvidia"]');
    expect(await suggestion.count()).toBe(1);
    await w.screenshot('explorer-path-did-you-mean');
    await suggestion.click();
    await w.page.waitForSelector('#shortest-path');
    expect(new URL(w.page.url()).searchParams.get('to')).toBe('nvidia');
    expect(await w.page.locator('#shortest-path').textContent()).toMatch(/DeepSeek.*NVIDIA/is);
    expect(w.errors).toEqual([]);
  });

  it('names both ends when neither exists, at 390×844', async () => {
    const w = await watchedPage(e2e.browser, 390, 844);
    await w.page.goto(`${e2e.server.url}/explore?view=path&id=deepsek&to=nvidai`);
    await w.page.locator('.did-you-mean[data-end="to"]').waitFor();
    expect(await w.page.locator('.did-you-mean[data-end="from"] button[data-id="deepseek"]').count()).toBe(1);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    await w.screenshot('explorer-path-did-you-mean-390');
    expect(w.errors).toEqual([]);
  });
});

describe('cluster nodes sized by their members', () => {
  it("draws Nvidia's designed-chips cluster at the size its member count gives, bigger than a single chip", async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.goto(`${e2e.server.url}/explore?id=nvidia`);
    await idle(w);
    const button = w.page.locator('#expand-types button[data-type="DESIGNS"]');
    await button.waitFor();
    const count = Number(/\((\d+)\)/.exec((await button.textContent()) ?? '')?.[1]);
    const width = await w.page.evaluate(() => window.atlasExplorer.cy.getElementById('cluster:nvidia:DESIGNS:out:Chip').width());
    expect(width).toBe(clusterSize(count));
    expect(clusterSize(count)).toBeGreaterThan(clusterSize(count - 1));
    expect(width).toBeGreaterThan(22);
    await w.screenshot('explorer-cluster-sized');
    expect(w.errors).toEqual([]);
  });
});
