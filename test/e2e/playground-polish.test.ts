import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { e2eSession, watchedPage } from './browser.js';

const e2e = e2eSession();

const QUERY_EDITOR = '.graphiql-query-editor .view-lines';
/** The text Monaco shows in an editor (its non-breaking spaces made plain). */
const editorText = async (page: Page): Promise<string> => ((await page.locator(QUERY_EDITOR).first().textContent()) ?? '').replace(/\u00a0/g, ' ');
const tabTitles = async (page: Page): Promise<string> => (await page.locator('.graphiql-tab').allTextContents()).join(' ');

describe('the playground polish', () => {
  it('brings back the shipped examples with "Restore examples" after the user closed the offshore example and reloaded', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/`);
    await expect.poll(() => editorText(w.page)).toContain('computeAccess');
    await w.page.locator('.graphiql-tab').first().getByRole('button', { name: 'Close Tab' }).click();
    await expect.poll(() => tabTitles(w.page)).not.toContain('OffshoreAccess');
    await w.page.waitForFunction(() => !(localStorage.getItem('graphiql:tabState') ?? 'OffshoreAccess').includes('OffshoreAccess'));
    await w.page.reload();
    await w.page.waitForSelector(QUERY_EDITOR);
    expect(await tabTitles(w.page)).not.toContain('OffshoreAccess');
    w.page.once('dialog', (dialog) => void dialog.accept());
    await Promise.all([w.page.waitForEvent('load'), w.page.getByRole('button', { name: 'Restore examples' }).click()]);
    await expect.poll(() => tabTitles(w.page)).toMatch(/OffshoreAccess.*WhoUsesH100.*H20BeforeAfter/);
    await expect.poll(() => editorText(w.page)).toContain('offshoreRoutes');
    await w.screenshot('playground-restored');
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
  });

  it('keeps the open tabs when the user cancels "Restore examples"', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/`);
    await w.page.waitForSelector(QUERY_EDITOR);
    await w.page.locator('.graphiql-tab').first().getByRole('button', { name: 'Close Tab' }).click();
    await expect.poll(() => tabTitles(w.page)).not.toContain('OffshoreAccess');
    let asked = '';
    w.page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.dismiss();
    });
    await w.page.getByRole('button', { name: 'Restore examples' }).click();
    await expect.poll(() => asked).toMatch(/replaced/);
    expect(await tabTitles(w.page)).not.toContain('OffshoreAccess');
  });

  it('lists ByteDance’s offshore routes first in the default example, then the other routes', async () => {
    const w = await watchedPage(e2e.browser);
    await w.page.goto(`${e2e.server.url}/`);
    await expect.poll(() => editorText(w.page)).toContain('offshoreRoutes');
    const answer = w.page.waitForResponse((r) => r.url().endsWith('/graphql') && (r.request().postData() ?? '').includes('OffshoreAccess'));
    await w.page.click('.graphiql-execute-button');
    const body = await (await answer).json();
    expect(body.errors).toBeUndefined();
    const access = body.data.computeAccess as Record<string, { classification: string }[]>;
    expect(Object.keys(access).indexOf('offshoreRoutes')).toBeLessThan(Object.keys(access).indexOf('otherRoutes'));
    expect(access.offshoreRoutes!.length).toBeGreaterThan(0);
    expect(new Set(access.offshoreRoutes!.map((r) => r.classification))).toEqual(new Set(['RESTRICTED_OFFSHORE']));
    expect(access.otherRoutes!.some((r) => r.classification === 'RESTRICTED_OFFSHORE')).toBe(false);
    await expect.poll(() => w.page.locator('.result-window .view-lines').textContent()).toContain('offshoreRoutes');
    // Monaco draws only the lines in view: the top of the result is the offshore routes.
    expect(await w.page.locator('.result-window .view-lines').textContent()).toContain('RESTRICTED_OFFSHORE');
    expect(w.errors).toEqual([]);
  });

  it('says on a phone that the playground needs a wider screen, and still loads GraphiQL', async () => {
    const w = await watchedPage(e2e.browser, 390, 844);
    await w.page.goto(`${e2e.server.url}/`);
    const notice = w.page.locator('#narrow-notice');
    await expect.poll(() => notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(/needs a wider screen/);
    await expect.poll(() => editorText(w.page)).toContain('computeAccess');
    await w.screenshot('playground-phone');
    expect(w.errors).toEqual([]);
  });

  it('shows no wide-screen notice on a desktop', async () => {
    const w = await watchedPage(e2e.browser, 1280, 800);
    await w.page.goto(`${e2e.server.url}/`);
    await w.page.waitForSelector(QUERY_EDITOR);
    expect(await w.page.locator('#narrow-notice').isVisible()).toBe(false);
  });
});
