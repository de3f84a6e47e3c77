import { describe, expect, it } from 'vitest';
import { e2eSession, watchedPage, type WatchedPage } from './browser.js';

const e2e = e2eSession();

type Cy = { edges(selector?: string): { data(key: string): string }[] };
declare const window: { atlasExplorer: { cy: Cy } };

/** Drawn edges as "from TYPE to". */
const drawnEdges = (w: WatchedPage, selector = 'edge'): Promise<string[]> =>
  w.page.evaluate((sel) => window.atlasExplorer.cy.edges(sel).map((e) => `${e.data('source')} ${e.data('type')} ${e.data('target')}`), selector);

/** The listed route changes as "company chip before→after". */
const listedChanges = (w: WatchedPage): Promise<string[]> =>
  w.page
    .locator('#whatif-changes .route-change')
    .evaluateAll((items) =>
      items.map(
        (li) => `${li.getAttribute('data-company')} ${li.getAttribute('data-chip')} ${li.getAttribute('data-before')}→${li.getAttribute('data-after')}`,
      ),
    );

async function openWhatIf(): Promise<WatchedPage> {
  const w = await watchedPage(e2e.browser);
  await w.page.goto(`${e2e.server.url}/explore?asOf=2025-06-01`);
  await w.page.click('#whatif-button');
  await w.page.waitForSelector('#whatif-form');
  return w;
}

describe('the explorer what-if form', () => {
  it('fills the remote-access preset, simulates it and draws the Singapore and Malaysia routes that turn restricted', async () => {
    const w = await openWhatIf();
    await w.page.fill('#whatif-tpp', '1');
    await w.page.uncheck('#whatif-remote');
    await w.page.click('#whatif-preset');
    expect(await w.page.inputValue('#whatif-tpp')).toBe('4800');
    expect(await w.page.isChecked('#whatif-remote')).toBe(true);
    await w.page.click('#whatif-run');
    await w.page.waitForSelector('#whatif-changes .route-change');
    const changes = await listedChanges(w);
    for (const company of ['bytedance', 'alibaba']) {
      expect(changes).toEqual(expect.arrayContaining([`${company} nvidia-h100 RESTRICTED_OFFSHORE→RESTRICTED_REMOTE_ACCESS`]));
    }
    expect(changes.some((c) => c.includes('huawei-ascend'))).toBe(false);
    const text = (await w.page.locator('#whatif-changes').textContent()) ?? '';
    expect(text).toMatch(/Singapore/);
    expect(text).toMatch(/Malaysia/);
    expect(text).toMatch(/TPP 15,832 ≥ 4,800/);
    expect(await w.page.textContent('#whatif-results')).toMatch(/ByteDance loses/);
    expect(await drawnEdges(w, 'edge.remote')).toEqual(
      expect.arrayContaining(['bytedance RENTS_CAPACITY_AT sg-rented-gpu-capacity', 'alibaba RENTS_CAPACITY_AT my-rented-gpu-capacity']),
    );
    expect(new URL(w.page.url()).searchParams.get('view')).toBe('whatif');
    await w.screenshot('explorer-whatif-remote-access');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('changes nothing for ByteDance with remote access unticked, and says why a cleared form is refused', async () => {
    const w = await openWhatIf();
    await w.page.uncheck('#whatif-remote');
    await w.page.click('#whatif-run');
    await w.page.waitForFunction(() => document.getElementById('whatif-summary')?.textContent?.includes('routes change'));
    expect((await listedChanges(w)).filter((c) => c.startsWith('bytedance '))).toEqual([]);
    for (const id of ['#whatif-tpp', '#whatif-tpp2', '#whatif-pd']) await w.page.fill(id, '');
    await w.page.click('#whatif-run');
    await w.page.waitForSelector('#whatif-results [role="alert"]');
    expect(await w.page.textContent('#whatif-results [role="alert"]')).toMatch(/rule\.criteria/);
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });
});
