import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explorerIdle as idle, ARTEFACTS, e2eSession, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type Cy = { nodes(selector?: string): { id(): string }[]; edges(selector?: string): { data(key: string): string }[] };
declare const window: {
  atlasExplorer: { cy: Cy };
  axe: { run(context: unknown, options: unknown): Promise<{ violations: { id: string; nodes: unknown[] }[] }> };
};

const drawnEdges = (w: WatchedPage, selector = 'edge'): Promise<string[]> =>
  w.page.evaluate((sel) => window.atlasExplorer.cy.edges(sel).map((e) => `${e.data('source')} ${e.data('type')} ${e.data('target')}`), selector);

async function open(query: string, width = 1440, height = 900): Promise<WatchedPage> {
  const w = await watchedPage(e2e.browser, width, height);
  await w.page.goto(`${e2e.server.url}/explore${query}`);
  return w;
}

describe('the explorer analysis views', () => {
  it('finds the path from DeepSeek to Nvidia from the UI, drawn with the rest faded', async () => {
    const w = await open('?id=deepseek');
    await idle(w);
    await w.page.click('#path-button');
    await w.page.fill('#path-input', 'nvidia');
    await w.page.waitForSelector('#path-results .result[data-id="nvidia"]');
    await w.page.click('#path-results .result[data-id="nvidia"]');
    await w.page.waitForSelector('#shortest-path');
    expect(await w.page.textContent('#path-summary')).toMatch(/Shortest: \d relationships/);
    const text = (await w.page.textContent('#shortest-path')) ?? '';
    expect(text.startsWith('DeepSeek')).toBe(true);
    expect(text.endsWith('NVIDIA') || text.endsWith('Nvidia')).toBe(true);
    await idle(w);
    expect((await drawnEdges(w, 'edge.path')).length).toBeGreaterThanOrEqual(2);
    expect(new URL(w.page.url()).searchParams.get('view')).toBe('path');
    await w.screenshot('views-path-deepseek-nvidia');
    expect(w.errors).toEqual([]);
  });

  it('lists who uses the H100 grouped by how, and keeps the drawing when a node in it is clicked', async () => {
    const w = await open('?id=nvidia-h100&view=uses');
    await w.page.waitForSelector('.uses-group');
    const groups = await w.page.locator('.uses-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-how')));
    expect(groups.length).toBeGreaterThan(1);
    expect(await w.page.textContent('#uses-summary')).toMatch(/\d+ users/);
    await idle(w);
    const count = (await w.page.evaluate(() => window.atlasExplorer.cy.nodes().length)) as number;
    await w.screenshot('views-who-uses-h100');
    const node = await w.page.evaluate(() => window.atlasExplorer.cy.nodes()[1]!.id());
    await w.page.evaluate(
      (id) => (window.atlasExplorer.cy as unknown as { getElementById(i: string): { emit(e: string): void } }).getElementById(id).emit('tap'),
      node,
    );
    await w.page.waitForSelector('#panel-title');
    expect(await w.page.evaluate(() => window.atlasExplorer.cy.nodes().length)).toBe(count);
    expect(new URL(w.page.url()).searchParams.get('view')).toBe('uses');
    expect(w.errors).toEqual([]);
  });

  it('keeps the compute-access tree when a node in it is clicked, and describes that node', async () => {
    const w = await open('?id=bytedance&view=access&asOf=2025-06-01');
    await w.page.waitForSelector('#panel .route');
    await idle(w);
    const before = await drawnEdges(w, 'edge.offshore');
    const at = await w.page.evaluate(() => {
      const node = (window.atlasExplorer.cy as unknown as { getElementById(i: string): { renderedPosition(): { x: number; y: number } } }).getElementById(
        'sg-rented-gpu-capacity',
      );
      const box = document.getElementById('graph')!.getBoundingClientRect();
      return { x: box.left + node.renderedPosition().x, y: box.top + node.renderedPosition().y };
    });
    await w.page.mouse.click(at.x, at.y);
    // The entity's details are two requests, slow on a busy machine: the default 5 s of polling is too short.
    await expect.poll(() => w.page.textContent('#panel h2'), { timeout: 40_000 }).toMatch(/Singapore/);
    expect(await drawnEdges(w, 'edge.offshore')).toEqual(before);
    expect(before.length).toBeGreaterThan(0);
    expect(w.errors).toEqual([]);
  });

  it('draws a Source with its kind in the legend, never as an unexplained node', async () => {
    const w = await open('?id=src-ft-2025-11-chinese-ai-offshore-training');
    // A source is cited by facts, not joined by relationships: it is drawn alone.
    await w.page.waitForFunction(() => document.body.dataset.layout === 'idle' && window.atlasExplorer.cy.nodes().length === 1);
    const kinds = await w.page.evaluate(() => (window.atlasExplorer.cy.nodes() as unknown as { data(k: string): string }[]).map((n) => n.data('kind')));
    const legend = await w.page.locator('#legend .legend-kind').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toContain('Source');
    for (const kind of kinds) expect(legend).toContain(kind);
    expect(w.errors).toEqual([]);
  });

  it("shows a regulation's exposure with the offshore companies first", async () => {
    const w = await open('?id=usg-2025-04-h20-license-requirement&view=exposure&asOf=2025-06-01');
    await w.page.waitForSelector('#exposure-summary');
    expect(await w.page.textContent('#exposure-summary')).toMatch(/In force on 2025-06-01/);
    expect(w.errors).toEqual([]);
  });

  it('shows a timeline strip on an entity', async () => {
    const w = await open('?id=nvidia-h20');
    await w.page.waitForSelector('#timeline .strip .tick');
    expect(await w.page.locator('#timeline .events li').count()).toBeGreaterThan(0);
    expect(w.errors).toEqual([]);
  });
});

describe('the explorer time control', () => {
  it('colours the H20 restriction of April 2025 as added between 2025-01-01 and 2025-06-01', async () => {
    const w = await open('');
    await w.page.click('#start-h20');
    await idle(w);
    await w.page.waitForFunction(() => document.getElementById('status')?.textContent?.includes('compared with 2025-06-01'));
    expect(await drawnEdges(w, 'edge.added')).toContain('usg-2025-04-h20-license-requirement RESTRICTS nvidia-h20');
    expect(await drawnEdges(w, 'edge.removed')).not.toContain('usg-2025-04-h20-license-requirement RESTRICTS nvidia-h20');
    await w.screenshot('views-h20-compare');
    expect(w.errors).toEqual([]);
  });

  it('refuses a partial or impossible date visibly and changes nothing', async () => {
    const w = await open('?id=nvidia-h20&asOf=2025-06-01');
    await idle(w);
    for (const bad of ['2025-06', '2025-02-30']) {
      await w.page.fill('#as-of', bad);
      await w.page.press('#as-of', 'Enter');
      expect(await w.page.getAttribute('#as-of', 'aria-invalid')).toBe('true');
      expect(await w.page.textContent('#date-error')).toContain(bad);
      expect(new URL(w.page.url()).searchParams.get('asOf')).toBe('2025-06-01');
    }
    await w.screenshot('views-invalid-date');
    expect(w.errors).toEqual([]);
  });

  it('draws relationships that have ended dashed when no date is chosen, and not on a date they held', async () => {
    const ruleToA100 = 'bis-2025-01-15-ai-diffusion-rule RESTRICTS nvidia-a100';
    const w = await open('?id=nvidia-a100');
    await idle(w);
    expect(await drawnEdges(w, 'edge.ended')).toContain(ruleToA100);
    await w.screenshot('views-ended-dashed');
    const then = await open('?id=nvidia-a100&asOf=2025-03-01');
    await idle(then);
    expect(await drawnEdges(then)).toContain(ruleToA100);
    expect(await drawnEdges(then, 'edge.ended')).not.toContain(ruleToA100);
    expect(w.errors).toEqual([]);
  });
});

describe('the explorer memory', () => {
  it('restores the same view from its URL in a fresh browser, and Back returns to the previous view', async () => {
    const w = await open('?id=bytedance&asOf=2025-06-01');
    await idle(w);
    await w.page.evaluate(() => (window.atlasExplorer as unknown as { expand(id: string): void }).expand('sg-rented-gpu-capacity'));
    await w.page.waitForFunction(
      () => window.atlasExplorer.cy.edges().some((e) => e.data('type') === 'EQUIPPED_WITH') && document.body.dataset.layout === 'idle',
    );
    const url = w.page.url();
    const nodes = (await w.page.evaluate(() => window.atlasExplorer.cy.nodes().map((n) => n.id()))).sort();
    expect(await w.page.title()).toMatch(/Singapore/);
    const fresh = await watchedPage(e2e.browser, 1440, 900);
    await fresh.page.goto(url);
    await idle(fresh);
    expect((await fresh.page.evaluate(() => window.atlasExplorer.cy.nodes().map((n) => n.id()))).sort()).toEqual(nodes);
    expect(await fresh.page.inputValue('#as-of')).toBe('2025-06-01');
    await w.page.goBack();
    await w.page.waitForFunction(
      () => !window.atlasExplorer.cy.edges().some((e) => e.data('type') === 'EQUIPPED_WITH') && document.body.dataset.layout === 'idle',
    );
    expect(new URL(w.page.url()).searchParams.get('x')).toBeNull();
    expect(w.errors).toEqual([]);
  });

  it('hides low-confidence relationships and draws only one type, each as a step in the URL', async () => {
    const w = await open('?id=bytedance');
    await idle(w);
    const low = (): Promise<number> => w.page.evaluate(() => window.atlasExplorer.cy.edges('[confidence = "LOW"]').length);
    expect(await low()).toBeGreaterThan(0);
    await w.page.click('.filters summary');
    await w.page.check('#hide-low');
    await expect.poll(low).toBe(0);
    expect(new URL(w.page.url()).searchParams.get('low')).toBe('hide');
    await w.page.uncheck('#hide-low');
    await expect.poll(low).toBeGreaterThan(0);
    await w.page.click('button[aria-label="Only headquartered in"]');
    await expect.poll(async () => [...new Set((await drawnEdges(w)).map((e) => e.split(' ')[1]))]).toEqual(['HEADQUARTERED_IN']);
    expect(w.errors).toEqual([]);
  });

  it('saves a named view in the browser and opens it again from the list', async () => {
    const w = await open('?id=nvidia-h20&asOf=2025-06-01');
    await idle(w);
    await w.page.click('#saved summary');
    await w.page.fill('#save-name', 'H20 after April 2025');
    await w.page.click('#save-view');
    await w.page.goto(`${e2e.server.url}/explore`);
    await w.page.click('#saved summary');
    await w.page.click('#saved-list a:text("H20 after April 2025")');
    await idle(w);
    expect(new URL(w.page.url()).searchParams.get('asOf')).toBe('2025-06-01');
    expect(await drawnEdges(w)).toContain('usg-2025-04-h20-license-requirement RESTRICTS nvidia-h20');
    expect(w.errors).toEqual([]);
  });

  it('undoes and redoes a collapse', async () => {
    const w = await open('?id=bytedance&x=bytedance,sg-rented-gpu-capacity');
    await idle(w);
    const all = (await w.page.evaluate(() => window.atlasExplorer.cy.nodes().length)) as number;
    await w.page.evaluate(() => (window.atlasExplorer as unknown as { expand(id: string): void }).expand('sg-rented-gpu-capacity'));
    await w.page.waitForSelector('#collapse-button');
    await w.page.click('#collapse-button');
    await w.page.waitForFunction((n) => window.atlasExplorer.cy.nodes().length < n, all);
    await w.page.click('#undo');
    await w.page.waitForFunction((n) => window.atlasExplorer.cy.nodes().length === n, all);
    await w.page.click('#redo');
    await w.page.waitForFunction((n) => window.atlasExplorer.cy.nodes().length < n, all);
    expect(w.errors).toEqual([]);
  });

  it('exports the drawing as a PNG and an SVG that open', async () => {
    const w = await open('?id=bytedance');
    await idle(w);
    for (const format of ['png', 'svg']) {
      const [download] = await Promise.all([w.page.waitForEvent('download'), w.page.click(`[data-export="${format}"]`)]);
      const file = readFileSync((await download.path())!);
      if (format === 'png') expect(file.subarray(1, 4).toString()).toBe('PNG');
      else {
        const svg = file.toString();
        expect(svg).toContain('ByteDance');
        const shown = await watchedPage(e2e.browser);
        await shown.page.setContent(svg);
        expect(await shown.page.locator('svg text').count()).toBeGreaterThan(5);
      }
    }
    expect(w.errors).toEqual([]);
  });
});

describe('the explorer start', () => {
  it("offers the story's questions on a cold page, and fits a phone without scrolling sideways", async () => {
    const w = await open('', 390, 844);
    await w.page.waitForSelector('#start-offshore');
    expect(await w.page.locator('.starts button').count()).toBe(4);
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await w.screenshot('start-phone');
    await w.page.click('#start-offshore');
    await w.page.waitForSelector('#panel .route[data-classification="RESTRICTED_OFFSHORE"]');
    expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await w.screenshot('start-phone-offshore');
    expect(w.errors).toEqual([]);
  });
});

describe('the explorer accessibility', () => {
  it('passes the axe-core checks (contrast, names, roles) with an entity open, at 1440 and 390 wide', async () => {
    const axe = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    for (const [width, height] of [
      [1440, 900],
      [390, 844],
    ] as const) {
      // The page's policy forbids inline scripts: this context alone lets the test inject axe-core.
      const context = await e2e.browser.newContext({ viewport: { width, height }, bypassCSP: true });
      const page = await context.newPage();
      await page.goto(`${e2e.server.url}/explore?id=bytedance`);
      await page.waitForFunction(() => document.body.dataset.layout === 'idle' && !document.body.hasAttribute('aria-busy'));
      await page.waitForSelector('#timeline:not([aria-busy])');
      await page.addScriptTag({ content: axe });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
      const found = result.violations.map((v) => `${v.id} (${v.nodes.length})`);
      if (found.length)
        console.log(JSON.stringify(result.violations.map((v) => ({ id: v.id, nodes: (v.nodes as { html: string }[]).slice(0, 3).map((n) => n.html) }))));
      expect(found).toEqual([]);
      await page.screenshot({ path: path.join(ARTEFACTS, `a11y-bytedance-${width}.png`), fullPage: true });
    }
  });

  it('moves between neighbours with the arrow keys and closes the search list on blur and Escape', async () => {
    const w = await open('?id=bytedance');
    await idle(w);
    await w.page.focus('#graph');
    await w.page.keyboard.press('ArrowRight');
    const first = await w.page.evaluate(() => window.atlasExplorer.cy.nodes(':selected').map((n) => n.id()));
    expect(first.length).toBe(1);
    expect(first[0]).not.toBe('bytedance');
    await w.page.keyboard.press('Escape');
    await w.page.waitForFunction(() => window.atlasExplorer.cy.nodes(':selected').length === 0);
    await w.page.fill('#search-input', 'nvidia');
    await w.page.waitForSelector('#search-results [role="option"]');
    expect(await w.page.getAttribute('#search-input', 'aria-expanded')).toBe('true');
    await w.page.keyboard.press('ArrowDown');
    expect(await w.page.getAttribute('#search-input', 'aria-activedescendant')).toBe('search-results-0');
    await w.page.keyboard.press('Escape');
    expect(await w.page.getAttribute('#search-input', 'aria-expanded')).toBe('false');
    await w.page.fill('#search-input', 'h100');
    await w.page.waitForSelector('#search-results [role="option"]');
    await w.page.focus('#graph');
    expect(await w.page.locator('#search-results [role="option"]').count()).toBe(0);
    expect(w.errors).toEqual([]);
  });

  it('lists what is drawn in a table whose names open the entity', async () => {
    const w = await open('?id=bytedance');
    await idle(w);
    await w.page.click('#drawn summary');
    const nodes = (await w.page.evaluate(() => window.atlasExplorer.cy.nodes().length)) as number;
    // The table fills on the <details> toggle event, which fires after the click returns.
    await w.page.waitForFunction((n) => document.querySelectorAll('#drawn-table tbody tr').length >= n, nodes);
    expect(await w.page.locator('#drawn-table tbody tr').count()).toBe(nodes);
    await w.page.focus('#drawn-table button[data-id="sg-rented-gpu-capacity"]');
    await w.page.keyboard.press('Enter');
    await w.page.waitForFunction(
      () => window.atlasExplorer.cy.edges().some((e) => e.data('type') === 'EQUIPPED_WITH') && document.body.dataset.layout === 'idle',
    );
    expect(await w.page.locator('#drawn-table tbody tr').count()).toBeGreaterThan(nodes);
    expect(w.errors).toEqual([]);
  });

  it('shows a loading state while the server is slow', async () => {
    const w = await watchedPage(e2e.browser, 1440, 900);
    await w.page.route('**/graphql', async (route) => {
      await new Promise((r) => setTimeout(r, 1500));
      await route.continue();
    });
    await w.page.goto(`${e2e.server.url}/explore?id=bytedance`);
    await w.page.waitForSelector('#loading:not([hidden])');
    expect(await w.page.textContent('#loading')).toMatch(/Loading/);
    await idle(w);
    expect(await w.page.isHidden('#loading')).toBe(true);
  });
});
