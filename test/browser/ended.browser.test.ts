/**
 * When there is no call to have (after hanging up, or in a full room), the
 * page stops the camera and microphone, drops the call controls and the
 * self-view, and offers the way on: "Join again" (one click) or "New room",
 * and "Home".
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { uniqueRoom, waitForState } from '../support/page-call.js';
import { joinRoom, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** Keeps every track getUserMedia hands out in `window.__tracks`, and counts getDisplayMedia calls. */
const RECORD_MEDIA = `{
  window.__tracks = [];
  window.__screenAsks = 0;
  const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
  navigator.mediaDevices.getUserMedia = async (c) => {
    const stream = await real(c);
    window.__tracks.push(...stream.getTracks());
    return stream;
  };
  const screen = navigator.mediaDevices.getDisplayMedia?.bind(navigator.mediaDevices);
  navigator.mediaDevices.getDisplayMedia = (c) => (window.__screenAsks++, screen(c));
}`;

type Recorded = { __tracks: MediaStreamTrack[]; __screenAsks: number };

const liveTracks = (page: Page) => page.evaluate(() => (window as unknown as Recorded).__tracks.filter((t) => t.readyState !== 'ended').length);

async function expectNothingLive(page: Page): Promise<void> {
  await expect.poll(() => liveTracks(page), { timeout: UI_WAIT_MS }).toBe(0);
  expect(await page.evaluate(() => (window as unknown as Recorded).__tracks.length)).toBeGreaterThan(0);
  for (const id of ['#local', '#share-screen', '#stats', '#mute', '#camera', '#chat-toggle', '#hangup']) {
    expect([id, await page.isVisible(id)]).toEqual([id, false]);
  }
  expect(await page.isVisible('#ended a[href="/"]')).toBe(true);
  await page.keyboard.press('d'); // the screen-share shortcut does nothing without a call
  await page.keyboard.press('i');
  expect(await page.evaluate(() => (window as unknown as Recorded).__screenAsks)).toBe(0);
  expect(await page.isVisible('#stats-panel')).toBe(false);
}

describe.runIf(browserTestsEnabled())('after the call', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  async function recordedJoin(room: string): Promise<Page> {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.addInitScript(RECORD_MEDIA);
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await page.click('#join');
    return page;
  }

  it('hanging up stops the camera, leaves no live controls, and "Join again" rejoins in one click', async () => {
    const room = uniqueRoom('ended');
    const page = await recordedJoin(room);
    await waitForState(page, 'waiting');
    await page.click('#hangup');
    await waitForState(page, 'ended');
    await expectNothingLive(page);
    expect(await page.isVisible('#rejoin')).toBe(true);
    expect(await page.isVisible('#end-new-room')).toBe(false);
    await page.click('#rejoin');
    await waitForState(page, 'waiting'); // no second Join on the pre-join screen
    expect(await liveTracks(page)).toBeGreaterThan(0);
    expect(await page.isVisible('#hangup')).toBe(true);
  }, 120_000);

  it('a full room stops the camera and offers "New room" and "Home"', async () => {
    const room = uniqueRoom('full-end');
    // two people already in the room: at the signaling level, which is all a seat is (pages would cost
    // Chromium a call's worth of work for nothing this test looks at)
    for (const seated of [await server.client(), await server.client()]) {
      expect(await joinRoom(seated, room)).toMatchObject({ ok: true, room });
      onTestFinished(() => void seated.close());
    }
    const page = await recordedJoin(room);
    await waitForState(page, 'full');
    await expectNothingLive(page);
    expect(await page.isVisible('#rejoin')).toBe(false);
    await page.click('#end-new-room');
    await page.waitForURL((url) => url.pathname.startsWith('/r/') && url.pathname !== `/r/${room}`, { timeout: UI_WAIT_MS });
    await page.locator('#prejoin').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
  }, 150_000);
});
