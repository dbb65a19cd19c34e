/**
 * XSS through room names, in real Chromium: a name carrying
 * markup is refused by the room-name rule on every way in (the /r/ link, room.html, the
 * home page's input), and valid names that look like code are shown as text: no script
 * runs and no element is made from them. One page goes through every check, a new
 * document (and a new `window.__xss`) for each.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, sharedPerson } from '../support/browser-suite.js';
import { submitRoomName } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

const MARKUP = [
  '<img src=x onerror="window.__xss=1">',
  '"><script>window.__xss=1</script>',
  "'><svg onload=window.__xss=1>",
  '<iframe src=javascript:window.parent.__xss=1>',
];

/** Valid under the rule (letters, marks, digits, `_`, `.`, `-`) yet shaped like code. */
const TRICKY = ['onerror-alert.1', '__proto__', 'constructor', 'ｓｃｒｉｐｔ', 'img.src-x_onload'];

/** Fails the test if the page ran injected script or grew an element from the name. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(await page.locator('img[src="x"], svg[onload], iframe[src^="javascript"], script:not([src])').count()).toBe(0);
}

describe.runIf(browserTestsEnabled())('room names carrying markup', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);
  const shared = sharedPerson(() => browser);

  it.each(MARKUP)(
    'refuses %j as a /r/ link and through room.html, running nothing',
    async (name) => {
      const page = await shared();
      const link = await page.goto(`${server.url}/r/${encodeURIComponent(name)}`);
      expect(link?.status()).toBe(404);
      await expectInert(page);
      const legacy = await page.goto(`${server.url}/room.html?room=${encodeURIComponent(name)}`);
      expect(legacy!.status()).toBeGreaterThanOrEqual(300);
      await expectInert(page);
    },
    180_000,
  );

  it.each(MARKUP)(
    'the home page refuses %j and stays home, running nothing',
    async (name) => {
      const page = await shared();
      await submitRoomName(page, server.url, name);
      await page.locator('#room-error').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
      expect(new URL(page.url()).pathname).toBe('/');
      await expectInert(page);
    },
    180_000,
  );

  it.each(TRICKY)(
    'shows the valid name %j as text on the room page',
    async (name) => {
      const page = await shared();
      const errors: string[] = [];
      const onError = (error: Error) => errors.push(error.message);
      page.on('pageerror', onError);
      onTestFinished(() => void page.off('pageerror', onError));
      const reply = await page.goto(`${server.url}/r/${encodeURIComponent(name)}`);
      expect(reply?.status()).toBe(200);
      await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
      expect(await page.textContent('#room-name')).toBe(name);
      expect(await page.locator('#room-name *').count()).toBe(0);
      await expectInert(page);
      expect(errors).toEqual([]);
    },
    180_000,
  );
});
