/**
 * The /setup page (how to trust duet's CA) is one click away wherever a user
 * may need it: the home page, the insecure-page message and the "cannot reach
 * the server" status line. Real Chromium, both languages. The checks that need no
 * fresh profile of their own share one person.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { browserTestsEnabled, launchBrowser, newPerson } from '../support/browser.js';
import { onlyAt, sharedPerson } from '../support/browser-suite.js';
import { uniqueRoom, waitForState } from '../support/page-call.js';
import { INSECURE_CONTEXT } from '../support/conditions.js';
import { startServer, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('links to the setup page', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const errors: string[] = [];
  /** A person of their own, for a check about a browser's language or a language remembered, or one whose requests are routed. */
  const person = async (locale = 'en-US') => {
    const { page } = await newPerson(browser, { locale });
    page.on('pageerror', (error) => errors.push(error.message));
    pages.push(page);
    return page;
  };
  /** Follows the link and checks that the setup page with its instructions opened. */
  const followsToSetup = async (page: Page, selector: string) => {
    await page.click(selector);
    await page.waitForURL(`${server.url}/setup`, { timeout: UI_WAIT_MS });
    await page.locator('#ios').waitFor({ state: 'attached', timeout: UI_WAIT_MS });
    expect(await page.title()).toContain('trust this server once');
  };

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ cert: server.cert });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  // after the hooks above, so that its own (leaving the page, closing it) run before them
  const shared = sharedPerson(() => browser);
  /** The shared person's page, its errors counted for this test. */
  const sharedPage = async () => {
    const page = await shared();
    const onError = (error: Error) => errors.push(error.message);
    page.on('pageerror', onError);
    onTestFinished(() => void page.off('pageerror', onError));
    return page;
  };

  it('the home page links to the setup page for other devices', async () => {
    const page = await sharedPage();
    await page.goto(`${server.url}/`);
    const link = page.locator('#setup-link');
    await link.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await link.textContent()).toContain('Set it up to trust duet');
    await followsToSetup(page, '#setup-link');
  });

  it('the home page offers the setup link in Chinese to a Chinese browser', async () => {
    const page = await person('zh-CN');
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.textContent('#setup-link'), { timeout: UI_WAIT_MS }).toContain('信任 duet');
    await followsToSetup(page, '#setup-link');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-Hans');
  });

  it('an insecure page links its explanation to the setup page, in both languages', async () => {
    const room = uniqueRoom('insecure-link');
    const page = await sharedPage();
    await page.addInitScript(onlyAt(`/r/${room}`, INSECURE_CONTEXT));
    await page.goto(`${server.url}/r/${room}`);
    const link = page.locator('#media-message #media-setup');
    await link.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await link.getAttribute('href')).toBe('/setup');
    expect(await link.textContent()).toBe('How to trust duet on this device');
    await page.selectOption('#lang', 'zh');
    expect(await link.textContent()).toBe('如何在本设备上信任 duet');
    expect(await page.textContent('#media-text')).toContain('https://');
    await followsToSetup(page, '#media-setup');
  });

  it('a language chosen on the call page carries over to the setup page and back', async () => {
    const page = await person();
    await page.goto(`${server.url}/r/${uniqueRoom('lang')}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await page.selectOption('#lang', 'zh');
    await page.goto(`${server.url}/setup`);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: UI_WAIT_MS }).toBe('zh-Hans');
    await page.click('[data-set-lang="en"]');
    await page.click('[data-set-lang="zh-Hans"]');
    await page.goto(`${server.url}/`);
    await expect.poll(() => page.textContent('#setup-link'), { timeout: UI_WAIT_MS }).toContain('信任 duet');
  });

  it('the setup link is not shown when the page is secure and the camera works', async () => {
    const page = await sharedPage();
    await page.goto(`${server.url}/r/${uniqueRoom('secure')}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    expect(await page.isVisible('#media-setup')).toBe(false);
    await page.click('#join');
    await waitForState(page, 'waiting');
    expect(await page.isVisible('#status-help')).toBe(false);
  });

  it('when the server cannot be reached, the status line links to the setup page', async () => {
    const page = await person();
    // Socket.IO (both transports) cannot get through; the pages themselves still load
    await page.routeWebSocket(/\/socket\.io\//, (ws) => ws.close());
    await page.route(/\/socket\.io\/\?/, (route) => route.abort());
    // the page's timers on a clock the test moves: each failed attempt ends at the connect timeout,
    // so the wait for two of them (over 10 s) is skipped rather than sat through
    await page.clock.install();
    await page.goto(`${server.url}/r/${uniqueRoom('unreachable')}`);
    await page.click('#join:not([disabled])');
    await expect
      .poll(
        async () => {
          await page.clock.fastForward(1_000);
          return page.getAttribute('#status', 'data-state');
        },
        { timeout: UI_WAIT_MS },
      )
      .toBe('unreachable');
    expect(await page.textContent('#status')).toContain('Cannot reach the duet server');
    const link = page.locator('#status-help a');
    await link.waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await link.textContent()).toContain("trust duet's certificate");
    await page.selectOption('#lang', 'zh');
    expect(await link.textContent()).toContain('信任 duet 的证书');
    await followsToSetup(page, '#status-help a');
  });
});
