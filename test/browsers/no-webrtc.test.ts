/**
 * A browser without WebRTC (as WebKitGTK is: no RTCPeerConnection), played by
 * Chromium with RTCPeerConnection deleted before the page's code runs: every page
 * that starts a call says the same sentence, in both languages, and offers no
 * button that could only fail (Join, Start the check, Sign in).
 */
import type { Browser, Page } from 'playwright-core';
import { UI_WAIT_MS } from '../support/waits.js';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { NO_WEBRTC } from '../support/conditions.js';
import { uniqueRoom } from '../support/page-call.js';
import type { Running } from '../support/server.js';

const SENTENCE = 'This browser cannot make video calls (no WebRTC). Use a current Chrome, Edge, Firefox or Safari.';
const SENTENCE_ZH = '此浏览器不能进行视频通话（不支持 WebRTC）。请使用新版 Chrome、Edge、Firefox 或 Safari。';

describe.runIf(browserTestsEnabled())('a browser without WebRTC', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  async function open(path: string): Promise<Page> {
    const { context, page } = await openTracked(browser, pages);
    await context.addInitScript(NO_WEBRTC);
    await page.goto(`${server.url}${path}`);
    expect(await page.evaluate(() => typeof window.RTCPeerConnection)).toBe('undefined');
    return page;
  }

  /** The sentence in `selector`, in English and after switching to Chinese. */
  async function expectSentence(page: Page, selector: string): Promise<void> {
    await page.locator(selector).waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect((await page.textContent(selector))?.trim()).toBe(SENTENCE);
    await page.selectOption('#lang', 'zh');
    expect((await page.textContent(selector))?.trim()).toBe(SENTENCE_ZH);
  }

  it('is told so on the room page, which does not offer Join', async () => {
    const page = await open(`/r/${uniqueRoom('no-webrtc')}`);
    await expectSentence(page, '#media-text');
    expect(await page.isDisabled('#join')).toBe(true);
  });

  it('is told so on the check page, which does not offer to start the check', async () => {
    const page = await open('/check');
    await expectSentence(page, '#no-webrtc');
    expect(await page.isDisabled('#check-start')).toBe(true);
  });

  it('is told so on the people page before signing in, which does not offer Sign in', async () => {
    const page = await open('/people');
    await page.locator('#login-form:not([hidden])').waitFor({ timeout: UI_WAIT_MS });
    await expectSentence(page, '#no-webrtc');
    expect(await page.isDisabled('#login')).toBe(true);
  });

  it('is not told so where WebRTC is there', async () => {
    const { page } = await openTracked(browser, pages);
    await page.goto(`${server.url}/check`);
    await page.locator('#check-start:not([disabled])').waitFor({ timeout: UI_WAIT_MS }); // the page's code ran
    expect(await page.isHidden('#no-webrtc')).toBe(true);
    await page.goto(`${server.url}/people`);
    await page.locator('#login-form:not([hidden]) #login:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    expect(await page.isHidden('#no-webrtc')).toBe(true);
  });
});
