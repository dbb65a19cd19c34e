/**
 * The test Chromium itself: what support/chromium.ts turns off stays off. Chromium keeps only the
 * last `--disable-features`, so a second one added to a launch would silently bring back the omnibox
 * popup's WebUI renderers in the whole browser (about 1.4 s of CPU for every person a test opens;
 * the headless shell has no omnibox) and Playwright's own list (HTTPS upgrades, paint holding, calls
 * home). Checked in both kinds the tests use.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { browserTestsEnabled, launchBrowser } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';

describe.runIf(browserTestsEnabled())('the test Chromium', () => {
  let server: Running;
  let shared: Browser;
  const pages: Page[] = [];

  browserSuite((s, b) => ((server = s), (shared = b)), pages);

  it.each(['shell', 'browser'] as const)('opens a person with no page of its own beside theirs (no omnibox WebUI), in the %s', async (kind) => {
    const browser = kind === 'shell' ? shared : await launchBrowser({ cert: server.cert, kind });
    onTestFinished(() => (browser === shared ? undefined : browser.close()));
    const { page } = await openTracked(browser, pages);
    await page.goto(`${server.url}/setup`);
    const cdp = await browser.newBrowserCDPSession();
    try {
      const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ type: string; url: string }> };
      const theirs = targetInfos.filter((t) => t.url.startsWith(server.url));
      expect(theirs.length).toBeGreaterThan(0);
      expect(
        targetInfos.filter((t) => t.type !== 'page' && t.type !== 'iframe' && t.type !== 'worker' && t.type !== 'service_worker').map((t) => t.url),
      ).toEqual([]);
    } finally {
      await cdp.detach();
    }
  });
});
