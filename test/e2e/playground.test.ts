import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../integration/harness.js';
import { E2E_SERVER_ENV, launchBrowser, recordTiming, timeToRender, watchedPage } from './browser.js';

let server: TestServer;
let browser: Browser;
beforeAll(async () => {
  server = await startTestServer(E2E_SERVER_ENV);
  browser = await launchBrowser();
});
afterEach(async () => {
  for (const context of browser.contexts()) await context.close();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the playground', () => {
  it('loads from the server alone, with the example operations and the API-key header placeholder', async () => {
    const w = await watchedPage(browser);
    await w.page.goto(`${server.url}/`);
    const timing = await timeToRender(w.page, () => (document.querySelector('.graphiql-query-editor .view-lines')?.textContent?.includes('computeAccess') ? performance.now() : false));
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
    const w = await watchedPage(browser);
    await w.page.goto(`${server.url}/graphql`);
    await w.page.waitForSelector('.graphiql-query-editor .view-lines');
    const answer = w.page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('OffshoreAccess'));
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
    const w = await watchedPage(browser);
    await w.page.goto(`${server.url}/`);
    await w.page.getByRole('button', { name: /documentation explorer/i }).click();
    await w.page.waitForSelector('.graphiql-doc-explorer');
    await w.page.fill('[data-cy="doc-explorer-input"]', 'computeAccess');
    await expect.poll(() => w.page.textContent('.graphiql-doc-explorer')).toContain('computeAccess');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });
});
