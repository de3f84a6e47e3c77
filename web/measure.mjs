#!/usr/bin/env node
/**
 * Time to first render of the playground and the explorer, measured in headless Chromium against a running
 * server: median of several cold loads (fresh browser context, empty cache) each.
 *
 *   node web/measure.mjs [http://127.0.0.1:4000] [runs=5]
 */
/* global document, window, performance -- the ready checks run in the page */
import process from 'node:process';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:4000';
const runs = Number(process.argv[3] ?? 5);

const PAGES = {
  playground: {
    path: '/',
    ready: () => (document.querySelector('.graphiql-query-editor .view-lines')?.textContent?.includes('computeAccess') ? performance.now() : false),
  },
  explorer: { path: '/explore', ready: () => (document.querySelector('#legend li') && document.querySelector('#graph canvas') ? performance.now() : false) },
  'explorer with ByteDance drawn': {
    path: '/explore?id=bytedance',
    ready: () =>
      window.atlasExplorer?.cy.nodes().length > 1 && document.body.dataset.layout === 'idle' && document.querySelector('#panel .relation')
        ? performance.now()
        : false,
  },
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const [name, { path, ready }] of Object.entries(PAGES)) {
    const fcp = [];
    const done = [];
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await page.goto(base + path);
      done.push(await (await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 60_000 })).jsonValue());
      fcp.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN));
      await context.close();
    }
    process.stdout.write(`${name.padEnd(32)} first contentful paint ${Math.round(median(fcp))} ms, ready ${Math.round(median(done))} ms (median of ${runs})\n`);
  }
} finally {
  await browser.close();
}
