/**
 * The plain-words messages for a busy camera or microphone, an insecure page
 * and a browser without WebRTC, in real Chromium with the condition simulated
 * by an init script. The page must explain and keep working (no page errors).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser, newPerson } from '../support/browser.js';
import { uniqueRoom, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';
import { busyDevices, INSECURE_CONTEXT, NO_WEBRTC } from '../support/conditions.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('messages when the camera, the page or the browser cannot make a call', () => {
  let server: Running;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  /** A person whose browser runs `script` before the page's own code. */
  const person = async (script: string): Promise<Page> => {
    const { context, page } = await newPerson(browser);
    contexts.push(context);
    await context.addInitScript(script); // after the peer-connection recorder, so it sees the condition too
    page.on('pageerror', (error) => errors.push(error.message));
    return page;
  };
  const message = (page: Page) => page.locator('#media-message');
  const previewWidth = (page: Page) => page.locator('#preview').evaluate((v) => (v as HTMLVideoElement).videoWidth);

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ cert: server.cert });
  });
  afterEach(async () => {
    for (const context of contexts.splice(0)) await context.close();
    expect(errors.splice(0)).toEqual([]); // the page never crashed
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a camera in use by another app is explained, the microphone still works and Try again recovers', async () => {
    const page = await person(busyDevices('video'));
    await page.goto(`${server.url}/r/${uniqueRoom('busy')}`);
    await message(page).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await message(page).textContent()).toContain('Your camera is in use by another application');
    expect(await page.isVisible('#retry')).toBe(true);
    expect(await page.isVisible('#media-setup')).toBe(false);
    await expect.poll(() => page.locator('#mic-level').evaluate((m) => (m as HTMLMeterElement).value), { timeout: UI_WAIT_MS }).toBeGreaterThan(0.1);
    expect(await previewWidth(page)).toBe(0);

    await page.evaluate(() => ((window as unknown as { __busy: boolean }).__busy = false)); // the other app let go
    await page.click('#retry');
    await message(page).waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    await expect.poll(() => previewWidth(page), { timeout: UI_WAIT_MS }).toBeGreaterThan(0);
  });

  it('a camera and microphone both in use are explained, and joining still lets you watch', async () => {
    const page = await person(busyDevices('all'));
    await page.goto(`${server.url}/r/${uniqueRoom('busy-all')}`);
    await message(page).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await message(page).textContent()).toContain('Your camera and microphone are in use by another application');
    expect(await page.isVisible('#retry')).toBe(true);
    await page.click('#join:not([disabled])');
    await waitForState(page, 'waiting');
  });

  it('an insecure page says to open the https address and trust the CA, and still lets you join', async () => {
    const page = await person(INSECURE_CONTEXT);
    await page.goto(`${server.url}/r/${uniqueRoom('insecure')}`);
    await message(page).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    const text = (await page.textContent('#media-text')) ?? '';
    expect(text).toContain('Camera and microphone need a secure page');
    expect(text).toContain('Open the https:// address duet printed');
    expect(text).toContain('trust its certificate authority (CA) on this device');
    expect(await page.getAttribute('#media-setup', 'href')).toBe('/setup');
    expect(await page.isVisible('#media-setup')).toBe(true);
    await page.click('#join:not([disabled])');
    await waitForState(page, 'waiting'); // receive-only
  });

  it('a browser without WebRTC is told so and cannot press Join', async () => {
    const page = await person(NO_WEBRTC);
    await page.goto(`${server.url}/r/${uniqueRoom('no-webrtc')}`);
    await message(page).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await message(page).textContent()).toContain('This browser cannot make video calls (no WebRTC)');
    expect(await page.isVisible('#retry')).toBe(false);
    expect(await page.isVisible('#media-setup')).toBe(false);
    await page.selectOption('#lang', 'zh'); // the switch is bound in the same step that decides about Join
    expect(await message(page).textContent()).toContain('不支持 WebRTC');
    expect(await page.isDisabled('#join')).toBe(true);
    expect(await page.evaluate(() => typeof window.RTCPeerConnection)).toBe('undefined');
  });
});
