/**
 * A page opened on localhost shares the machine's LAN link (from /api/lan),
 * says which network it is for, lets the person pick when there are several,
 * and says plainly when there is none.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser, newPerson } from '../support/browser.js';
import { uniqueRoom, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('the link to share from a page opened on localhost', () => {
  let lan: Running;
  let alone: Running;
  let loopbackOnly: Running;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    lan = await startServer({ lanAddresses: () => ['192.168.7.20', '10.9.8.7'] }, { host: '0.0.0.0' });
    alone = await startServer({ lanAddresses: () => [] }, { host: '0.0.0.0' });
    loopbackOnly = await startServer({ lanAddresses: () => ['192.168.7.20'] }, { host: '127.0.0.1' });
    browser = await launchBrowser({ cert: lan.cert });
  }, 180_000);
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await lan?.close();
    await alone?.close();
    await loopbackOnly?.close();
  });

  async function waiting(server: Running, room: string): Promise<Page> {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`https://localhost:${server.port}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await page.click('#join');
    await waitForState(page, 'waiting');
    return page;
  }

  it('uses the LAN address, names the network and lets the person pick another', async () => {
    const room = uniqueRoom('lan-link');
    const page = await waiting(lan, room);
    await expect.poll(() => page.inputValue('#room-link'), { timeout: UI_WAIT_MS }).toBe(`https://192.168.7.20:${lan.port}/r/${room}`);
    expect(await page.textContent('#link-note')).toContain('192.168.7.20');
    expect(await page.locator('#link-network option').count()).toBe(2);
    await page.selectOption('#link-network', `https://10.9.8.7:${lan.port}`);
    await expect.poll(() => page.inputValue('#room-link'), { timeout: UI_WAIT_MS }).toBe(`https://10.9.8.7:${lan.port}/r/${room}`);
    expect(await page.textContent('#link-note')).toContain('10.9.8.7');
  }, 180_000);

  it('says plainly that a localhost link works only here when the machine has no LAN address, with no QR code', async () => {
    const page = await waiting(alone, uniqueRoom('no-lan'));
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('works only here');
    expect(await page.isVisible('#link-network')).toBe(false);
    expect(await page.isVisible('#qr')).toBe(false);
  }, 180_000);

  it('names HOST when duet listens on loopback only, and draws no QR code of a link no device can open', async () => {
    const page = await waiting(loopbackOnly, uniqueRoom('loopback-host'));
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('(HOST=127.0.0.1)');
    expect(await page.textContent('#link-note')).not.toContain('no network address');
    expect(await page.isVisible('#qr')).toBe(false);
  }, 180_000);

  it('draws the QR code of the LAN link', async () => {
    const page = await waiting(lan, uniqueRoom('lan-qr'));
    await expect.poll(() => page.inputValue('#room-link'), { timeout: UI_WAIT_MS }).toContain('192.168.7.20');
    expect(await page.isVisible('#qr')).toBe(true);
  }, 180_000);
});
