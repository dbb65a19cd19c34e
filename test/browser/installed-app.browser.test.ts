/**
 * duet as an installed app, in real Chromium: no installability errors, a service worker that
 * controls the pages and keeps this build's shell (never the pages themselves), and duet's own
 * offline page, in both languages, when the server is gone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { UI_WAIT_MS } from '../support/waits.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, CHROMIUM_FLAGS, chromiumPath, launchBrowser, newPerson, PHONE_VIEWPORT, spkiHash } from '../support/browser.js';
import { startServer, type Running } from '../support/server.js';

const WAIT = { timeout: UI_WAIT_MS };

/** Waits until a service worker controls `page` (it claims the pages it finds once active). */
async function controlled(page: Page): Promise<string> {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, WAIT);
  return page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
}

describe.runIf(browserTestsEnabled())('duet as an installed app', () => {
  let server: Running;
  let browser: Browser;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ cert: server.cert });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('Chromium finds nothing in the way of installing duet', async () => {
    // a profile on disk: Chromium never offers to install from an incognito context (Playwright's usual kind)
    const profile = mkdtempSync(join(tmpdir(), 'duet-install-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath('browser'), // installing is the whole browser's, not the headless shell's
      args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${spkiHash(server.cert)}`],
      viewport: PHONE_VIEWPORT,
      isMobile: true,
      hasTouch: true,
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(`${server.url}/`);
      await controlled(page);
      const cdp = await context.newCDPSession(page);
      const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[] };
      expect(manifest.url).toBe(`${server.url}/manifest.webmanifest`);
      expect(manifest.errors).toEqual([]);
      const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
      expect(installabilityErrors).toEqual([]);
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    }
  }, 180_000);

  it('a service worker controls the pages and keeps this build’s shell, not the pages', async () => {
    const { context, page } = await newPerson(browser, { serviceWorkers: 'allow' });
    try {
      await page.goto(`${server.url}/people`);
      expect(await controlled(page)).toBe(`${server.url}/sw.js`);
      const kept = await page.evaluate(async () => {
        const names = await caches.keys();
        const cache = await caches.open(names[0]!);
        return { names, paths: (await cache.keys()).map((r) => new URL(r.url).pathname) };
      });
      expect(kept.names).toHaveLength(1);
      expect(kept.names[0]).toMatch(/^duet-[0-9a-f]{16}$/);
      expect(kept.paths).toEqual(expect.arrayContaining(['/offline.html', '/css/duet.css', '/js/offline.page.js', '/icons/icon-192.png']));
      expect(kept.paths.filter((p) => p === '/' || p === '/people' || p.endsWith('.html')).sort()).toEqual(['/offline.html']);
    } finally {
      await context.close();
    }
  }, 180_000);
});

describe.runIf(browserTestsEnabled())('without the server', () => {
  let server: Running;
  let browser: Browser;
  let stopped = false;
  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ cert: server.cert });
  });
  afterAll(async () => {
    await browser?.close();
    if (!stopped) await server?.close();
  });

  it('a reload shows duet’s own page with the server’s address and a way to try again, in both languages', async () => {
    const { context, page } = await newPerson(browser, { viewport: PHONE_VIEWPORT, mobile: true, serviceWorkers: 'allow' });
    try {
      await page.goto(`${server.url}/people`);
      await controlled(page);
      stopped = true;
      await server.close(); // the computer running duet is off
      await page.reload();
      await page.locator('#offline').waitFor({ state: 'visible', ...WAIT });
      expect(page.url()).toBe(`${server.url}/people`);
      const host = new URL(server.url).host;
      expect(await page.textContent('#offline-text')).toContain(host);
      expect(await page.textContent('h1')).toBe('duet cannot reach its server');
      expect(await page.isVisible('#offline-retry')).toBe(true);
      await page.selectOption('#lang', 'zh');
      expect(await page.textContent('h1')).toBe('无法连接 duet 服务器');
      expect(await page.textContent('#offline-text')).toContain(host);
      expect(await page.textContent('#offline-retry')).toBe('重试');
      // trying again without the server shows the same page again
      await page.click('#offline-retry');
      await page.locator('#offline').waitFor({ state: 'visible', ...WAIT });
    } finally {
      await context.close();
    }
  }, 180_000);
});
