/**
 * The small things a newcomer notices in the first minute: a favicon, a quiet
 * console, one proper "not found" page, a dark /setup, no gap above
 * "Ready to join?" on a phone, and a room-name hint that never breaks inside "-".
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, type OpenOptions } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { uniqueRoom } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('the first minute with duet', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const person = async (options: OpenOptions = {}) => (await openTracked(browser, pages, options)).page;

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  it.each(['/', '/setup', '/r/ROOM'])('%s loads with no Permissions-Policy warning and no 404 in the console', async (path) => {
    const page = await person();
    const messages: string[] = [];
    const failed: string[] = [];
    page.on('console', (m: ConsoleMessage) => messages.push(`${m.type()}: ${m.text()}`));
    page.on('response', (r) => (r.status() >= 400 ? failed.push(`${r.status()} ${r.url()}`) : undefined));
    // networkidle: the favicon, fetched after load, has come back too (no request for 500 ms)
    await page.goto(`${server.url}${path.replace('ROOM', uniqueRoom('quiet'))}`, { waitUntil: 'networkidle', timeout: UI_WAIT_MS });
    expect(messages.filter((m) => /Permissions-Policy|Failed to load resource|404/i.test(m))).toEqual([]);
    expect(failed).toEqual([]);
    const icon = await page.evaluate(async () => (await fetch('/favicon.ico')).status);
    expect(icon).toBe(200);
  });

  it('an unknown address gets the same bilingual page as a bad room link, with status 404', async () => {
    const page = await person();
    const reply = await page.goto(`${server.url}/no/such/page`);
    expect(reply?.status()).toBe(404);
    expect(await page.locator('main.card').count()).toBe(1);
    expect(await page.textContent('h1')).toContain('no page');
    expect(await page.textContent('[lang="zh-CN"]')).toContain('首页');
    expect(await page.locator('a.button[href="/"]').count()).toBe(1);
  });

  it('/setup is dark like the other pages, even in a browser that prefers light', async () => {
    const page = await person();
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${server.url}/setup`);
    const colors = await page.evaluate(() => [getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]);
    const sum = (rgb: string | undefined) =>
      (rgb?.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map(Number)
        .reduce((a, b) => a + b, 0);
    expect(colors[0]).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    expect(sum(colors[0])).toBeLessThan(120); // dark background
    expect(sum(colors[1])).toBeGreaterThan(600); // light text
  });

  it('on a phone, "Ready to join?" sits right under the camera preview', async () => {
    const page = await person({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/r/${uniqueRoom('phone')}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    const gap = await page.evaluate(() => {
      const preview = document.querySelector('.preview-box')!.getBoundingClientRect();
      const title = document.querySelector('#prejoin h1')!.getBoundingClientRect();
      return title.top - preview.bottom;
    });
    expect(gap).toBeGreaterThanOrEqual(0);
    expect(gap).toBeLessThan(48);
  });

  it('the room-name hint never breaks a line inside the quoted "-"', async () => {
    const page = await person({ viewport: { width: 360, height: 740 } });
    await page.goto(`${server.url}/`);
    await page.fill('#room-input', 'my room');
    await page.press('#room-input', 'Enter');
    await page.locator('#room-error').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    const broken = await page.evaluate(() => {
      const error = document.getElementById('room-error')!;
      const text = error.firstChild as Text;
      const dash = text.data.indexOf('-');
      const range = document.createRange();
      range.setStart(text, text.data.lastIndexOf('"', dash - 1));
      range.setEnd(text, text.data.indexOf('"', dash + 1) + 1);
      const widths: number[] = [];
      for (let w = 120; w <= 360; w += 2) {
        error.style.width = `${w}px`;
        const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        if (lines.size > 1) widths.push(w);
      }
      return widths;
    });
    expect(broken).toEqual([]);
  });
});
