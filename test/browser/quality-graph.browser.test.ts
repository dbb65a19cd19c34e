/**
 * The call's quality on the page, in real Chromium with two people on a real
 * duet server: the statistics panel's chart draws lines after a few seconds of
 * a call, the other person's video carries signal bars with a level and a
 * spoken label, and the picture-in-picture button puts that video in a
 * floating window and back (and is hidden where the browser has none).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { SERIES_COLORS } from '../../src/public/js/quality/chart.js';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';

const WAIT = { timeout: 60_000, interval: 250 };

/**
 * In the page: how many pixels of `#quality-chart` are drawn at all, and how many
 * are in a series colour outside the two legend rows (so: the lines themselves).
 */
async function chartPixels(page: Page, colors: string[]): Promise<{ drawn: number; lines: number }> {
  return page.evaluate((hexes) => {
    const canvas = document.querySelector<HTMLCanvasElement>('#quality-chart')!;
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const rgb = hexes.map((h) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)));
    const panel = (height - 22) / 2; // chart.ts: 6 px above and below, 10 px between the panels
    const legend = (y: number) => (y >= 4 && y <= 20) || (y >= 6 + panel + 10 - 2 && y <= 6 + panel + 10 + 14);
    let drawn = 0;
    let lines = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 4;
        if (data[i + 3]! === 0) continue;
        drawn++;
        const near = rgb.some((c) => c.every((v, k) => Math.abs(v - data[i + k]!) < 40));
        if (near && data[i + 3]! > 100 && !legend(y)) lines++;
      }
    }
    return { drawn, lines };
  }, colors);
}

describe.runIf(browserTestsEnabled())('the quality graph, the signal bars and picture-in-picture', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  // the three checks of a call share one: each leaves it as it found it (a call costs this 2-core machine
  // seconds of Chromium's time)
  const sharedPages: Page[] = [];
  let shared: Promise<[Page, Page]> | undefined;
  afterAll(async () => {
    for (const page of sharedPages) await page.context().close();
  });
  function call(): Promise<[Page, Page]> {
    return (shared ??= (async () => {
      const room = uniqueRoom('quality');
      const a = await joinCall(browser, server.url, room);
      sharedPages.push(a);
      const b = await joinCall(browser, server.url, room);
      sharedPages.push(b);
      await waitForState(a, 'connected', 60_000);
      return [a, b];
    })());
  }

  it('draws the last seconds of bitrate, round-trip time and loss in the statistics panel', async () => {
    const [a] = await call();
    await a.click('#stats');
    expect(await a.locator('#quality-chart').isVisible()).toBe(true);
    const series = [SERIES_COLORS.out, SERIES_COLORS.in, SERIES_COLORS.rtt, SERIES_COLORS.loss];
    await expect.poll(async () => (await chartPixels(a, series)).lines, WAIT).toBeGreaterThan(50);
    expect((await chartPixels(a, series)).drawn).toBeGreaterThan(500);
    await a.click('#stats');
    expect(await a.locator('#quality-chart').isVisible()).toBe(false);
  }, 180_000);

  it("shows signal bars on the other person's video with a level from 0 to 4 and a spoken label", async () => {
    const [a, b] = await call();
    for (const page of [a, b]) {
      const signal = page.locator('#signal');
      await expect.poll(() => signal.getAttribute('data-level'), WAIT).toMatch(/^[0-4]$/);
      expect(await signal.isVisible()).toBe(true);
      const level = await signal.getAttribute('data-level');
      expect(await signal.getAttribute('aria-label')).toMatch(new RegExp(`^Connection: .+ \\(${level} of 4\\)$`));
    }
  }, 180_000);

  it("puts the other person's video in picture-in-picture and back", async () => {
    const [a] = await call();
    const pip = a.locator('#pip');
    expect(await pip.isVisible()).toBe(true);
    await a.locator('#pip:not([disabled])').click({ timeout: 60_000 });
    await expect.poll(() => a.evaluate(() => document.pictureInPictureElement?.id ?? ''), WAIT).toBe('remote');
    expect(await pip.getAttribute('aria-pressed')).toBe('true');
    await pip.click();
    await expect.poll(() => a.evaluate(() => document.pictureInPictureElement?.id ?? ''), WAIT).toBe('');
    expect(await pip.getAttribute('aria-pressed')).toBe('false');
  }, 180_000);

  it('hides the picture-in-picture button where the browser has none', async () => {
    const { context, page } = await newPerson(browser);
    pages.push(page);
    await context.addInitScript(`Object.defineProperty(Document.prototype, 'pictureInPictureEnabled', { configurable: true, get: () => false });`);
    await page.goto(`${server.url}/r/${uniqueRoom('no-pip')}`);
    await page.locator('#join:not([disabled])').click({ timeout: 60_000 });
    await waitForState(page, 'waiting', 60_000);
    expect(await page.locator('#pip').isHidden()).toBe(true);
    expect(await page.locator('#stats').isVisible()).toBe(true);
  }, 180_000);
});
