import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { useTestServer, type TestServer } from '../integration/harness.js';

/** Screenshots and measurements of the e2e run (git-ignored). */
export const ARTEFACTS = path.resolve('test-results/e2e');

/** Debian's chromium, headless, with everything that would phone home switched off. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

export interface WatchedPage {
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far. */
  readonly errors: string[];
  /** Requests to anywhere but the test server's host. */
  readonly external: string[];
  /** Saves a full-page screenshot as test-results/e2e/<name>.png. */
  screenshot(name: string): Promise<void>;
}

/**
 * Server settings for the e2e runs: the database and request time limits raised, so that an analysis query on
 * a machine busy with other builds is slow rather than cut off (the limits have their own integration tests).
 */
export const E2E_SERVER_ENV: Record<string, string> = { TX_TIMEOUT_MS: '45000', ANALYSIS_TX_TIMEOUT_MS: '45000', REQUEST_TIMEOUT_MS: '50000' };

/** The explorer's debugging handle, as the helpers below read it inside the page. */
type ExplorerWindow = {
  atlasExplorer: { cy: { nodes(): { id(): string; renderedBoundingBox(o: object): { x1: number; y1: number; x2: number; y2: number } }[] } };
};

/** Waits until the explorer has drawn more than one node and its layout and requests are done. */
export const explorerIdle = (w: WatchedPage): Promise<unknown> =>
  w.page.waitForFunction(
    () =>
      document.body.dataset.layout === 'idle' &&
      !document.body.hasAttribute('aria-busy') &&
      (window as unknown as ExplorerWindow).atlasExplorer.cy.nodes().length > 1,
  );

/** Pairs of drawn nodes whose boxes (shape and label, as cytoscape renders them) overlap. */
export const overlappingNodes = (w: WatchedPage): Promise<string[]> =>
  w.page.evaluate(() => {
    const boxes = (window as unknown as ExplorerWindow).atlasExplorer.cy
      .nodes()
      .map((n) => ({ id: n.id(), b: n.renderedBoundingBox({ includeLabels: true }) }));
    const pairs: string[] = [];
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, c] = [boxes[i]!.b, boxes[j]!.b];
        if (a.x1 < c.x2 && c.x1 < a.x2 && a.y1 < c.y2 && c.y1 < a.y2) pairs.push(`${boxes[i]!.id} / ${boxes[j]!.id}`);
      }
    return pairs;
  });

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** A fresh page (own storage) that records console errors and every request that would leave localhost. */
export async function watchedPage(browser: Browser, width = 1280, height = 800): Promise<WatchedPage> {
  const context = await browser.newContext({ viewport: { width, height } });
  context.setDefaultTimeout(50_000);
  const page = await context.newPage();
  const errors: string[] = [];
  const external: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol === 'data:' || url.protocol === 'blob:') return;
    if (!LOCAL_HOSTS.has(url.hostname)) external.push(request.url());
  });
  return {
    page,
    errors,
    external,
    async screenshot(name) {
      mkdirSync(ARTEFACTS, { recursive: true });
      await page.screenshot({ path: path.join(ARTEFACTS, `${name}.png`), fullPage: true });
    },
  };
}

/**
 * Milliseconds since navigation started at which `ready` first returned a time (it returns performance.now()
 * once the page has rendered, false before), and the first contentful paint. A function, not a string: the
 * pages' Content-Security-Policy forbids eval.
 */
export async function timeToRender(page: Page, ready: () => number | false): Promise<{ readyMs: number; firstContentfulPaintMs: number | null }> {
  const handle = await page.waitForFunction(ready, undefined, { polling: 'raf', timeout: 30_000 });
  const readyMs = Math.round((await handle.jsonValue()) as number);
  const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null);
  return { readyMs, firstContentfulPaintMs: fcp === null ? null : Math.round(fcp) };
}

/** Appends a measurement to test-results/e2e/timings.json (read into docs/explorer.md by hand). */
export function recordTiming(name: string, value: Record<string, unknown>): void {
  mkdirSync(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, 'timings.json');
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    // first measurement of this run
  }
  all[name] = { ...value, at: new Date().toISOString() };
  writeFileSync(file, JSON.stringify(all, null, 2) + '\n');
}

/** The server and browser of one e2e test file; read the fields inside tests, once beforeAll has run. */
export interface E2ESession {
  readonly server: TestServer;
  readonly browser: Browser;
}

/**
 * Registers the hooks every browser test file needs: the real server and Chromium started once, each test's
 * pages closed after it, both stopped at the end.
 */
export function e2eSession(): E2ESession {
  const server = useTestServer(E2E_SERVER_ENV);
  const session = { server } as { server: TestServer; browser: Browser };
  beforeAll(async () => {
    session.browser = await launchBrowser();
  });
  afterEach(async () => {
    for (const context of session.browser.contexts()) await context.close();
  });
  afterAll(async () => {
    await session.browser?.close();
  });
  return session;
}
