import { describe, expect, it } from 'vitest';
import { e2eSession, recordTiming, timeToRender, watchedPage } from './browser.js';

const e2e = e2eSession();

describe('the playground', () => {
  it('loads from the server alone, with the example operations and the API-key header placeholder', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/`);
    const timing = await timeToRender(w.page, () =>
      document.querySelector('.graphiql-query-editor .view-lines')?.textContent?.includes('computeAccess') ? performance.now() : false,
    );
    recordTiming('playground', timing);
    const tabs = await w.page.locator('.graphiql-tab').allTextContents();
    expect(tabs.join(' ')).toMatch(/OffshoreAccess.*WhoUsesH100.*H20BeforeAfter/);
    await w.page.getByRole('button', { name: 'Headers' }).click();
    await expect.poll(() => w.page.locator('.graphiql-editor-tool .view-lines').last().textContent()).toContain('x-api-key');
    await w.screenshot('playground-loaded');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('runs the preloaded offshore-access query and shows the result', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/graphql`);
    await w.page.waitForSelector('.graphiql-query-editor .view-lines');
    const answer = w.page.waitForResponse(
      (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('OffshoreAccess'),
    );
    await w.page.click('.graphiql-execute-button');
    const body = await (await answer).json();
    expect(body.errors).toBeUndefined();
    expect(JSON.stringify(body.data)).toContain('RESTRICTED_OFFSHORE');
    await expect.poll(() => w.page.locator('.result-window .view-lines').textContent()).toContain('computeAccess');
    await w.screenshot('playground-result');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('opens the schema documentation with its search', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/`);
    await w.page.getByRole('button', { name: /documentation explorer/i }).click();
    await w.page.waitForSelector('.graphiql-doc-explorer');
    await w.page.fill('[data-cy="doc-explorer-input"]', 'computeAccess');
    await expect.poll(() => w.page.textContent('.graphiql-doc-explorer')).toContain('computeAccess');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });
});
