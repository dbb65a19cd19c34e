/**
 * The call page knows its path, in real Chromium on loopback: a call between
 * two pages says it is direct on the local network and encrypted; when the
 * TURN relay (a real coturn) refuses duet's credentials and only the relay
 * would get through, the page says so instead of connecting forever.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config/config.js';
import { browserTestsEnabled, launchBrowser } from '../support/browser.js';
import { RELAY_ONLY } from '../support/conditions.js';
import { coturnTestsEnabled, startCoturn, type Coturn } from '../support/coturn.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

const withCoturn = coturnTestsEnabled();

describe.runIf(browserTestsEnabled())('the network path on the call page', () => {
  let browser: Browser;
  let coturn: Coturn | undefined;
  const running: Running[] = [];
  const pages: Page[] = [];

  beforeAll(async () => {
    running.push(await startServer());
    browser = await launchBrowser({ cert: running[0]!.cert });
    if (withCoturn) coturn = await startCoturn({ allowLoopback: true });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await browser?.close();
    for (const server of running) await server.close();
    await coturn?.stop();
  });

  async function person(server: Running, room: string): Promise<Page> {
    const page = await joinCall(browser, server.url, room);
    pages.push(page);
    return page;
  }

  it('says a call on loopback goes directly over the local network, encrypted end to end', async () => {
    const room = uniqueRoom('path');
    const a = await person(running[0]!, room);
    const b = await person(running[0]!, room);
    for (const page of [a, b]) {
      await waitForState(page, 'connected', 30_000);
      await expect.poll(() => page.locator('#call-path').getAttribute('data-path'), { timeout: UI_WAIT_MS, interval: 200 }).toBe('lan');
      expect(await page.locator('#call-path').isVisible()).toBe(true);
      expect(await page.locator('#call-path').textContent()).toBe('Direct on the local network · encrypted end to end');
      expect(await page.locator('#ice-problem').isHidden()).toBe(true);
    }
    // the statistics panel names the path too
    await a.click('#stats');
    await expect.poll(() => a.locator('[data-stat="path"]').textContent(), { timeout: UI_WAIT_MS }).toMatch(/^Direct on the local network: host/);
  }, 180_000);

  it.runIf(withCoturn)(
    'says the TURN relay refused the credentials when only the relay would get through',
    async () => {
      const server = await startServer(
        {},
        { turn: loadConfig({ TURN_URLS: `turn:127.0.0.1:${coturn!.port}`, TURN_SECRET: 'not-the-secret-coturn-uses' }).turn },
      );
      running.push(server);
      const room = uniqueRoom('refused');
      const opened: Page[] = [];
      for (let i = 0; i < 2; i++) {
        const context = await browser.newContext({ permissions: ['camera', 'microphone'] });
        await context.addInitScript(RELAY_ONLY);
        const page = await context.newPage();
        pages.push(page);
        await page.goto(`${server.url}/r/${room}`);
        await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
        await page.click('#join');
        opened.push(page);
      }
      for (const page of opened) {
        await page.locator('#ice-problem[data-problem="turn-refused"]').waitFor({ timeout: 60_000 });
        expect(await page.locator('#ice-problem').textContent()).toMatch(/^The TURN relay refused duet's credentials/);
        expect(await page.locator('#status').getAttribute('data-state')).not.toBe('connected');
      }
    },
    120_000,
  );
});
