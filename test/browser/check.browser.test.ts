/**
 * The pre-call check page (/check) in real Chromium: its verdict is `direct` on
 * loopback, `relay` when only a TURN relay gets through (a real coturn on
 * loopback, the page limited to relay candidates), and `fail` when nothing
 * does; refused TURN credentials are reported as such.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config/config.js';
import { browserTestsEnabled, launchBrowser, newPerson, type OpenOptions } from '../support/browser.js';
import { RELAY_ONLY } from '../support/conditions.js';
import { coturnTestsEnabled, startCoturn, type Coturn } from '../support/coturn.js';
import { startServer, type Running } from '../support/server.js';

const withCoturn = coturnTestsEnabled();

/** Timers of 15 s or more never fire: the check's give-up after its call timeout (CALL_MS) is off. */
const NO_GIVING_UP = `{
  const real = window.setTimeout;
  window.setTimeout = (fn, ms, ...rest) => (ms >= 15000 ? 0 : real(fn, ms, ...rest));
}`;

describe.runIf(browserTestsEnabled())('the check page', () => {
  let browser: Browser;
  let coturn: Coturn | undefined;
  const running: Running[] = [];
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];

  async function check(server: Running, script?: string, options: OpenOptions = {}): Promise<Page> {
    const { context, page } = await newPerson(browser, options);
    contexts.push(context);
    if (script) await context.addInitScript(script);
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.url}/check`);
    await page.click('#check-start');
    await page.locator('#check-result:not([hidden])').waitFor({ timeout: 60_000 });
    return page;
  }
  const verdictOf = (page: Page) => page.locator('#check-result').getAttribute('data-verdict');
  const row = (page: Page, id: string) => page.locator(`[data-check="${id}"]`).getAttribute('data-value');

  async function duet(turnEnv: Record<string, string> = {}): Promise<Running> {
    const server = await startServer({}, { turn: loadConfig(turnEnv).turn });
    running.push(server);
    return server;
  }

  beforeAll(async () => {
    const server = await duet();
    browser = await launchBrowser({ cert: server.cert });
    if (withCoturn) coturn = await startCoturn({ allowLoopback: true });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of running) await server.close();
    await coturn?.stop();
  });

  it('says calls work directly when the in-page call connects on loopback', async () => {
    const page = await check(running[0]!);
    expect(await verdictOf(page)).toBe('direct');
    expect(await page.locator('#check-result').textContent()).toBe('Calls on this network will work directly.');
    expect(await page.locator('#check-loopback').getAttribute('data-state')).toBe('connected');
    expect(await row(page, 'host')).toBe('found');
    expect(await row(page, 'relay-udp')).toBe('notConfigured');
    // no TURN configured: the page says so next to the verdict
    expect(await page.locator('#check-note').isVisible()).toBe(true);
    // each picture says what it is; the received one goes once the test call hangs up, leaving no black box
    expect(await page.locator('#check-preview + figcaption').textContent()).toBe('Your camera');
    expect(await page.locator('#check-received + figcaption').textContent()).toContain('Received in the test call');
    await page.locator('#check-received-box').waitFor({ state: 'hidden', timeout: 30_000 });
    expect(await page.isVisible('#check-received')).toBe(false);
  }, 180_000);

  it('says calls will not work across the internet when nothing but a relay would get through and there is none (in Chinese, on a phone)', async () => {
    // the page's own 20 s give-up never fires here: the verdict must come from seeing no candidate to try
    const page = await check(running[0]!, RELAY_ONLY + NO_GIVING_UP, { locale: 'zh-CN', viewport: { width: 390, height: 844 } });
    expect(await verdictOf(page)).toBe('fail');
    expect(await page.locator('#check-result').textContent()).toBe('从当前网络无法跨互联网通话：请联系运营者配置 TURN。');
    expect(await page.locator('#check-start').textContent()).toBe('开始检查');
    // the phone layout: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  }, 180_000);

  it.runIf(withCoturn)(
    'says calls work through the relay when only the TURN relay gets through',
    async () => {
      const server = await duet({ TURN_URLS: `turn:127.0.0.1:${coturn!.port}`, TURN_SECRET: coturn!.secret });
      const page = await check(server, RELAY_ONLY);
      expect(await verdictOf(page), coturn!.log().slice(-2000)).toBe('relay');
      expect(await row(page, 'relay-udp')).toBe('found');
      expect(await row(page, 'turn-auth')).toBe('accepted');
      expect(await page.locator('#check-note').isVisible()).toBe(false);
    },
    180_000,
  );

  it.runIf(withCoturn)(
    'reports TURN credentials the relay refuses',
    async () => {
      const server = await duet({ TURN_URLS: `turn:127.0.0.1:${coturn!.port}`, TURN_SECRET: 'not-the-secret-coturn-uses' });
      const page = await check(server, RELAY_ONLY);
      expect(await row(page, 'turn-auth')).toBe('refused');
      expect(await verdictOf(page)).toBe('fail');
    },
    180_000,
  );
});
