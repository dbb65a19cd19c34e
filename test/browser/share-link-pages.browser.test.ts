/**
 * The home page and /setup opened on localhost offer the machine's LAN address
 * (from /api/lan) for the other device, say which network it is for, let the
 * person pick when there are several, say plainly when there is none, and
 * speak both languages. Opened on a LAN address, the home page adds nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser, newPerson } from '../support/browser.js';
import { startServer, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** A name the browser resolves to 127.0.0.1 but which is not a loopback name: a page opened on the LAN. */
const LAN_NAME = 'duet-lan.test';

describe.runIf(browserTestsEnabled())('the address for another device on the home page and /setup opened on localhost', () => {
  let lan: Running;
  let alone: Running;
  let loopbackOnly: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    lan = await startServer({ lanAddresses: () => ['192.168.7.20', '10.9.8.7'] }, { host: '0.0.0.0' });
    alone = await startServer({ lanAddresses: () => [] }, { host: '0.0.0.0' });
    loopbackOnly = await startServer({ lanAddresses: () => ['192.168.7.20'] }, { host: '127.0.0.1' });
    browser = await launchBrowser({ cert: lan.cert, extraArgs: [`--host-resolver-rules=MAP ${LAN_NAME} 127.0.0.1`] });
  }, 180_000);
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
    expect(errors.splice(0)).toEqual([]);
  });
  afterAll(async () => {
    await browser?.close();
    await lan?.close();
    await alone?.close();
    await loopbackOnly?.close();
  });

  async function open(url: string, locale = 'en-US'): Promise<Page> {
    const { page } = await newPerson(browser, { locale });
    page.on('pageerror', (error) => errors.push(error.message));
    pages.push(page);
    await page.goto(url);
    return page;
  }

  it('the home page shows the LAN address to open on another device, names its network and lets the person pick another', async () => {
    const page = await open(`https://localhost:${lan.port}/`);
    const link = page.locator('#other-link');
    await expect.poll(() => link.textContent(), { timeout: UI_WAIT_MS }).toBe(`https://192.168.7.20:${lan.port}`);
    expect(await page.isVisible('#other-line')).toBe(true);
    expect(await page.textContent('#other-line')).toContain('On another device, open:');
    expect(await link.getAttribute('href')).toBe(`https://192.168.7.20:${lan.port}/`);
    expect(await page.textContent('#link-note')).toContain('192.168.7.20');
    expect(await page.locator('#link-network option').count()).toBe(2);
    await page.selectOption('#link-network', `https://10.9.8.7:${lan.port}`);
    await expect.poll(() => link.textContent(), { timeout: UI_WAIT_MS }).toBe(`https://10.9.8.7:${lan.port}`);
    expect(await page.textContent('#link-note')).toContain('10.9.8.7');
  }, 180_000);

  it('the home page says it in Chinese and switches the note with the language', async () => {
    const page = await open(`https://localhost:${lan.port}/`, 'zh-CN');
    await expect.poll(() => page.textContent('#other-line'), { timeout: UI_WAIT_MS }).toContain('在另一台设备上打开');
    expect(await page.textContent('#link-note')).toContain('同一网络');
    await page.selectOption('#lang', 'en');
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('same network');
  }, 180_000);

  it('the home page says plainly that no other device can open duet when the machine has no LAN address', async () => {
    const page = await open(`https://localhost:${alone.port}/`);
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('has no network address');
    expect(await page.isVisible('#link-note')).toBe(true);
    expect(await page.isVisible('#other-line')).toBe(false);
    expect(await page.isVisible('#link-network')).toBe(false);
  }, 180_000);

  it('the home page names HOST as the cause when duet listens on loopback only, although the machine has a network', async () => {
    const page = await open(`https://localhost:${loopbackOnly.port}/`);
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('listens on this computer only (HOST=127.0.0.1)');
    expect(await page.textContent('#link-note')).not.toContain('no network address');
    expect(await page.isVisible('#other-line')).toBe(false);
    await page.selectOption('#lang', 'zh');
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('只在本电脑上监听（HOST=127.0.0.1）');
  }, 180_000);

  it('the home page opened on a LAN name adds no line for another device', async () => {
    const page = await open(`https://${LAN_NAME}:${lan.port}/`);
    await page.locator('#new-room').waitFor({ timeout: UI_WAIT_MS });
    await expect.poll(() => page.evaluate(() => document.documentElement.lang), { timeout: UI_WAIT_MS }).toBe('en');
    expect(await page.isVisible('#other-device')).toBe(false);
  }, 180_000);

  it('/setup shows the LAN link and QR code, names its network, lets the person pick another and speaks Chinese', async () => {
    const page = await open(`https://localhost:${lan.port}/setup`);
    const qr = page.locator('#qr');
    await expect.poll(() => qr.getAttribute('data-text'), { timeout: UI_WAIT_MS }).toBe(`https://192.168.7.20:${lan.port}/setup`);
    expect(await page.textContent('#lan-url')).toBe(`https://192.168.7.20:${lan.port}/setup`);
    expect(await page.textContent('#link-note')).toContain('192.168.7.20');
    expect(await page.locator('#link-network option').count()).toBe(2);
    await page.selectOption('#link-network', `https://10.9.8.7:${lan.port}`);
    await expect.poll(() => qr.getAttribute('data-text'), { timeout: UI_WAIT_MS }).toBe(`https://10.9.8.7:${lan.port}/setup`);
    expect(await page.getAttribute('#lan-url', 'href')).toBe(`https://10.9.8.7:${lan.port}/setup`);
    expect(await page.textContent('#link-note')).toContain('10.9.8.7');
    await page.click('[data-set-lang="zh-Hans"]');
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('同一网络');
  }, 180_000);

  it('/setup says plainly that its localhost link works only here when the machine has no LAN address, with no QR code', async () => {
    const page = await open(`https://localhost:${alone.port}/setup`);
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('works only here');
    expect(await page.isVisible('#link-network')).toBe(false);
    expect(await page.isVisible('#qr')).toBe(false);
  }, 180_000);

  it('/setup names HOST when duet listens on loopback only and offers no QR code of a link no device can open', async () => {
    const page = await open(`https://localhost:${loopbackOnly.port}/setup`);
    await expect.poll(() => page.textContent('#link-note'), { timeout: UI_WAIT_MS }).toContain('(HOST=127.0.0.1)');
    expect(await page.isVisible('#qr')).toBe(false);
    expect(await page.isVisible('#lan-url')).toBe(false);
  }, 180_000);
});
