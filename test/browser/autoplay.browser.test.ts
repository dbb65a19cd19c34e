/**
 * A browser that plays sound only after a click on the page (Chromium's
 * document-user-activation-required autoplay policy, as strict as a phone's): a call resumed by
 * a reload ("Join again" joins without a click) shows the other person's video at once, muted,
 * with a clear "Tap to hear" button that turns the sound on.
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, CHROMIUM_FLAGS, CHROMIUM_PATH, launchBrowser, newPerson, spkiHash } from '../support/browser.js';
import { expectFramesRising, expectMediaFlowing, joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';

describe.runIf(browserTestsEnabled())('sound the browser will not play by itself', () => {
  let server: Running;
  let strict: Browser;
  let usual: Browser;
  const pages: Page[] = [];
  beforeAll(async () => {
    server = await startServer();
    // launched here: launchBrowser's own autoplay switch (no gesture required) is the one this test must not have
    strict = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_FLAGS, '--autoplay-policy=document-user-activation-required', `--ignore-certificate-errors-spki-list=${spkiHash(server.cert)}`],
    });
    usual = await launchBrowser({ cert: server.cert });
  });
  afterEach(async () => {
    for (const page of pages.splice(0)) await page.context().close();
  });
  afterAll(async () => {
    await strict?.close();
    await usual?.close();
    await server?.close();
  });

  const remote = (page: Page) =>
    page.locator('video#remote').evaluate((el) => {
      const video = el as HTMLVideoElement;
      return { paused: video.paused, muted: video.muted };
    });

  it('a call joined without a click plays the other person muted, and "Tap to hear" turns the sound on', async () => {
    const room = uniqueRoom('autoplay');
    const other = await joinCall(usual, server.url, room);
    pages.push(other);
    await waitForState(other, 'waiting');

    const { page } = await newPerson(strict);
    pages.push(page);
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: 15_000 });
    // what "Join again" leaves for the next load: this load joins by itself, with no click on the page
    await page.evaluate((name) => sessionStorage.setItem('duet.rejoin', name), room);
    await page.reload();
    await expectMediaFlowing(page);
    await page.locator('#tap-to-hear').waitFor({ state: 'visible', timeout: 15_000 });
    expect(await page.textContent('#tap-to-hear')).toBe('Tap to hear');
    expect(await remote(page)).toEqual({ paused: false, muted: true });
    await expectFramesRising(page);

    await page.click('#tap-to-hear');
    await page.locator('#tap-to-hear').waitFor({ state: 'hidden', timeout: 15_000 });
    expect(await remote(page)).toEqual({ paused: false, muted: false });
  }, 120_000);

  it('a call joined with a click has its sound at once, with no extra button', async () => {
    const room = uniqueRoom('clicked');
    const other = await joinCall(usual, server.url, room);
    pages.push(other);
    const page = await joinCall(strict, server.url, room);
    pages.push(page);
    await expectMediaFlowing(page);
    expect(await remote(page)).toEqual({ paused: false, muted: false });
    expect(await page.isVisible('#tap-to-hear')).toBe(false);
  }, 120_000);
});
