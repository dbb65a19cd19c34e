/**
 * A browser that plays sound only after a click on the page, as Safari on a phone does: a call
 * resumed by a reload ("Join again" joins without a click) shows the other person's video at
 * once, muted, with a clear "Tap to hear" button that turns the sound on.
 *
 * Chromium lets a MediaStream play with sound even under --autoplay-policy=
 * document-user-activation-required, so the strict rule is put into the page by an init script:
 * play() of an element with sound is refused with NotAllowedError until the page has had a real
 * click, as a strict browser refuses it; muted play, and play after the click, are Chromium's own.
 */
import type { Browser, Page } from 'playwright-core';
import { UI_WAIT_MS } from '../support/waits.js';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { expectFramesRising, expectMediaFlowing, joinCall, uniqueRoom } from '../support/page-call.js';
import type { Running } from '../support/server.js';

/**
 * Sound only after a click: play() with sound refused until the person has clicked, tapped or typed
 * in this document (a real, trusted event; Chromium counts a navigation made by the test driver as
 * an activation, so navigator.userActivation cannot tell).
 */
const SOUND_AFTER_A_CLICK = `
  window.__refusedPlays = 0;
  let clicked = false;
  for (const type of ['pointerdown', 'keydown', 'click']) addEventListener(type, (event) => { if (event.isTrusted) clicked = true; }, true);
  const play = HTMLMediaElement.prototype.play;
  HTMLMediaElement.prototype.play = function () {
    if (!this.muted && !clicked) {
      window.__refusedPlays++;
      this.pause();
      return Promise.reject(new DOMException('play() with sound needs a click on the page', 'NotAllowedError'));
    }
    return play.call(this);
  };
`;

describe.runIf(browserTestsEnabled())('sound the browser will not play by itself', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  /** Someone waits in a new room; a person whose browser plays sound only after a click opens its pre-join screen. */
  const strictInRoom = async (label: string) => {
    const room = uniqueRoom(label);
    pages.push(await joinCall(browser, server.url, room));
    const { context, page } = await openTracked(browser, pages);
    await context.addInitScript(SOUND_AFTER_A_CLICK);
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    return { room, page };
  };
  const remote = (page: Page) =>
    page.locator('video#remote').evaluate((el) => {
      const video = el as HTMLVideoElement;
      return { paused: video.paused, muted: video.muted };
    });

  it('a call joined without a click plays the other person muted, and "Tap to hear" turns the sound on', async () => {
    const { room, page } = await strictInRoom('autoplay');
    // what "Join again" leaves for the next load: this load joins by itself, with no click on the page
    await page.evaluate((name) => sessionStorage.setItem('duet.rejoin', name), room);
    await page.reload();
    await page.locator('#tap-to-hear').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await page.textContent('#tap-to-hear')).toBe('Tap to hear');
    expect(await page.evaluate(() => (window as unknown as { __refusedPlays: number }).__refusedPlays)).toBeGreaterThan(0);
    await expectFramesRising(page); // the picture plays meanwhile, muted
    expect(await remote(page)).toEqual({ paused: false, muted: true });

    await page.click('#tap-to-hear');
    await page.locator('#tap-to-hear').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    expect(await remote(page)).toEqual({ paused: false, muted: false });
    await expectMediaFlowing(page);
  }, 120_000);

  it('a call joined with a click has its sound at once, with no extra button', async () => {
    const { page } = await strictInRoom('clicked');
    await page.click('#join');
    await expectMediaFlowing(page);
    expect(await remote(page)).toEqual({ paused: false, muted: false });
    expect(await page.isVisible('#tap-to-hear')).toBe(false);
  }, 120_000);
});
