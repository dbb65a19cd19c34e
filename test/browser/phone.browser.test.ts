/**
 * duet on a phone (390x844, touch) in real Chromium: the people list's buttons are ordinary
 * buttons in their rows and Sign out can be reached, the pre-join screen keeps its top bar, a
 * shared screen is shown whole, the screen is kept awake while a call is connected, the speaker
 * picker sets the other person's audio output.
 */
import type { Browser, Page } from 'playwright-core';
import { UI_WAIT_MS } from '../support/waits.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser, PHONE_VIEWPORT } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { expectFramesRising, expectMediaFlowing, uniqueRoom, waitForState } from '../support/page-call.js';
import { PEOPLE_WAIT, person, signIn, uniqueName } from '../support/people-page.js';
import type { Running } from '../support/server.js';

const PHONE = { viewport: PHONE_VIEWPORT, mobile: true };

/** Records every screen wake lock the page asks for and whether it is still held (window.__wakeLocks). */
const RECORD_WAKE_LOCKS = `
  window.__wakeLocks = [];
  const request = WakeLock.prototype.request;
  WakeLock.prototype.request = async function (...args) {
    const lock = await request.apply(this, args);
    window.__wakeLocks.push(lock);
    return lock;
  };
`;

/** Records every setSinkId call on a media element (window.__sinks), then makes it for real. */
const RECORD_SINKS = `
  window.__sinks = [];
  const setSinkId = HTMLMediaElement.prototype.setSinkId;
  HTMLMediaElement.prototype.setSinkId = function (id) {
    window.__sinks.push({ element: this.id, id });
    return setSinkId.call(this, id);
  };
`;

type Box = { x: number; y: number; width: number; height: number };
const inside = (inner: Box, outer: Box) =>
  inner.x >= outer.x - 0.5 &&
  inner.y >= outer.y - 0.5 &&
  inner.x + inner.width <= outer.x + outer.width + 0.5 &&
  inner.y + inner.height <= outer.y + outer.height + 0.5;

/** True when a tap at the middle of `selector` lands on it (nothing covers it) and it lies in the viewport. */
async function reachable(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
    return r.width > 0 && r.height > 0 && r.bottom <= innerHeight && r.right <= innerWidth && hit !== null && (hit === el || el.contains(hit));
  });
}

describe.runIf(browserTestsEnabled())('duet on a phone', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  const onPhone = async (init: string[] = []) => {
    const { context, page } = await openTracked(browser, pages, PHONE);
    await context.grantPermissions(['screen-wake-lock']); // headless Chromium refuses the wake lock unless granted
    for (const script of init) await context.addInitScript(script);
    return page;
  };
  const joinRoom = async (page: Page, room: string) => {
    await page.goto(`${server.url}/r/${encodeURIComponent(room)}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await page.click('#join');
  };

  it('the people list on a phone: Call buttons are ordinary buttons inside their rows, and Sign out can be tapped', async () => {
    const alice = await onPhone();
    await alice.goto(`${server.url}/people`);
    await signIn(alice, uniqueName('alice'));
    const others: string[] = [];
    for (const label of ['bob', 'carol']) {
      const page = await onPhone();
      await page.goto(`${server.url}/people`);
      const name = uniqueName(label);
      await signIn(page, name);
      others.push(name);
    }
    for (const name of others) await person(alice, name).waitFor(PEOPLE_WAIT);
    for (const name of others) {
      const row = (await person(alice, name).boundingBox())!;
      const button = (await person(alice, name).locator('button.person-call').boundingBox())!;
      expect(inside(button, row)).toBe(true);
      expect(button.width).toBeLessThan(PHONE_VIEWPORT.width / 2);
      expect(button.height).toBeLessThan(80);
      expect(
        await person(alice, name)
          .locator('button.person-call')
          .evaluate((el) => getComputedStyle(el).position),
      ).toBe('static');
    }
    await alice.locator('#logout').scrollIntoViewIfNeeded();
    expect(await reachable(alice, '#logout')).toBe(true);
    expect(await reachable(alice, '#call-name')).toBe(true);
    await alice.locator('#logout').tap();
    await alice.locator('#login-form').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  }, 120_000);

  it('the pre-join screen on a phone keeps its top bar with the room name and the language switch', async () => {
    const page = await onPhone();
    await page.goto(`${server.url}/r/${uniqueRoom('topbar')}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    expect(await page.isVisible('.topbar')).toBe(true);
    expect(await reachable(page, '#lang')).toBe(true);
    expect(await reachable(page, '#room-name')).toBe(true);
  }, 180_000);

  it('a shared screen is shown whole on a phone (letterboxed), a camera fills it', async () => {
    const room = uniqueRoom('screen');
    const { page: desk } = await openTracked(browser, pages);
    await joinRoom(desk, room);
    const phone = await onPhone();
    await joinRoom(phone, room);
    await expectMediaFlowing(phone);
    const fit = () => phone.locator('video#remote').evaluate((el) => getComputedStyle(el).objectFit);
    expect(await fit()).toBe('cover');
    await desk.click('#share-screen');
    await phone.locator('#badge-screen').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    await expectFramesRising(phone);
    expect(await fit()).toBe('contain');
    // the whole picture fits in the element: with contain, the drawn frame is the element scaled to the frame's shape
    const drawn = await phone.locator('video#remote').evaluate((el) => {
      const video = el as HTMLVideoElement;
      const scale = Math.min(video.clientWidth / video.videoWidth, video.clientHeight / video.videoHeight);
      return {
        width: video.videoWidth * scale,
        height: video.videoHeight * scale,
        box: { width: video.clientWidth, height: video.clientHeight },
        landscape: video.videoWidth > video.videoHeight,
      };
    });
    expect(drawn.landscape).toBe(true);
    expect(drawn.width).toBeLessThanOrEqual(drawn.box.width + 0.5);
    expect(drawn.height).toBeLessThanOrEqual(drawn.box.height + 0.5);
    await desk.click('#share-screen');
    await phone.locator('#badge-screen').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    expect(await fit()).toBe('cover');
  }, 120_000);

  it('the screen is kept awake while the call is connected, again after the page was hidden, and let go when it ends', async () => {
    const room = uniqueRoom('awake');
    const phone = await onPhone([RECORD_WAKE_LOCKS]);
    await joinRoom(phone, room);
    await waitForState(phone, 'waiting');
    expect(await phone.evaluate(() => (window as unknown as { __wakeLocks: unknown[] }).__wakeLocks.length)).toBe(0);
    const { page: desk } = await openTracked(browser, pages);
    await joinRoom(desk, room);
    await waitForState(phone, 'connected');
    const held = () => phone.evaluate(() => (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks.filter((l) => !l.released).length);
    const asked = () => phone.evaluate(() => (window as unknown as { __wakeLocks: unknown[] }).__wakeLocks.length);
    await expect.poll(held, { timeout: UI_WAIT_MS }).toBe(1);
    // the browser lets the lock go whenever the page is hidden; when it is visible again the page asks anew
    await phone.evaluate(async () => {
      const locks = (window as unknown as { __wakeLocks: WakeLockSentinel[] }).__wakeLocks;
      await locks[locks.length - 1]!.release();
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(held, { timeout: UI_WAIT_MS }).toBe(1);
    expect(await asked()).toBe(2);
    await phone.click('#hangup');
    await waitForState(phone, 'ended');
    await expect.poll(held, { timeout: UI_WAIT_MS }).toBe(0);
    expect(await asked()).toBe(2);
  }, 120_000);

  describe('in the whole browser', () => {
    // Chromium's headless shell, which the other tests use, has no audio outputs: setSinkId leaves sinkId empty
    let whole: Browser;
    beforeAll(async () => {
      whole = await launchBrowser({ cert: server.cert, kind: 'browser' });
    });
    afterAll(async () => {
      await whole?.close();
    });

    it('choosing a speaker sets the audio output of the other person’s video, and the choice is remembered', async () => {
      const room = uniqueRoom('speaker');
      const { context, page } = await openTracked(whole, pages);
      await context.addInitScript(RECORD_SINKS);
      await joinRoom(page, room);
      const { page: other } = await openTracked(whole, pages);
      await joinRoom(other, room);
      await expectMediaFlowing(page);
      // Chromium's fake devices list three outputs: the default and two others
      await page.locator('#speaker-pick').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
      const options = await page.locator('#speaker option').evaluateAll((els) => els.map((o) => (o as HTMLOptionElement).value));
      expect(options.length).toBeGreaterThanOrEqual(2);
      const chosen = options.find((id) => id !== 'default' && id !== '')!;
      await page.selectOption('#speaker', chosen);
      const sinks = () => page.evaluate(() => (window as unknown as { __sinks: Array<{ element: string; id: string }> }).__sinks);
      await expect.poll(sinks, { timeout: UI_WAIT_MS }).toContainEqual({ element: 'remote', id: chosen });
      await expect.poll(() => page.locator('video#remote').evaluate((el) => (el as HTMLVideoElement).sinkId), { timeout: UI_WAIT_MS }).toBe(chosen);
      expect(await page.evaluate(() => localStorage.getItem('duet.speaker'))).toBe(chosen);
      // the next call on this device starts on the same output
      await page.reload();
      await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
      await page.click('#join');
      await expectMediaFlowing(page);
      await expect.poll(() => page.locator('video#remote').evaluate((el) => (el as HTMLVideoElement).sinkId), { timeout: UI_WAIT_MS }).toBe(chosen);
    }, 120_000);
  });
});
