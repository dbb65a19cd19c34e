/**
 * What lies over the other person's video during a call, in real Chromium: the chat and
 * statistics panels are opaque (nothing behind them shows through); the verification code
 * folds away on a tap or after a while and opens again on a tap; and after hanging up no
 * line about the media path is left.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { joinCall, joinOn, openChat, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { shownCode } from '../support/verify-page.js';
import { VERIFY_OPEN_MS } from '../../src/public/js/view/verify-view.js';

const PHONE = { width: 390, height: 844 };

/** The alpha of an element's computed background colour (1 when opaque). */
function backgroundAlpha(page: Page, selector: string): Promise<number> {
  return page.locator(selector).evaluate((el) => {
    const match = /rgba?\(([^)]+)\)/.exec(getComputedStyle(el).backgroundColor);
    const parts = match ? match[1]!.split(',').map((p) => Number(p.trim())) : [];
    return parts.length === 4 ? parts[3]! : parts.length === 3 ? 1 : 0;
  });
}

describe.runIf(browserTestsEnabled())('the panels and the verification code over a call', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  it('panels are opaque, the code folds on a tap or after a while and reopens, and hanging up leaves no path line', async () => {
    const room = uniqueRoom('panels');
    // the phone's timers on a clock the test can move: time flows as usual, and the wait for the
    // code to fold by itself is skipped instead of kept alive for 15 s with the call running
    const { page: phone } = await openTracked(browser, pages, { viewport: PHONE });
    await phone.clock.install();
    await joinOn(phone, server.url, room);
    const desk = await joinCall(browser, server.url, room);
    pages.push(desk);
    await shownCode(phone);

    // the path line sits on the video: it has a dark backing of its own, as the status above it
    await phone.locator('#call-path').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await backgroundAlpha(phone, '#call-path')).toBeGreaterThanOrEqual(0.6);

    await openChat(phone);
    expect(await backgroundAlpha(phone, '#chat')).toBe(1);
    await desk.click('#stats');
    await desk.locator('#stats-panel').waitFor({ state: 'visible', timeout: 30_000 });
    expect(await backgroundAlpha(desk, '#stats-panel')).toBe(1);
    await phone.click('#chat-toggle');

    // left open, the code folds by itself to the small button; a tap opens it with its sentence, another folds it
    const toggle = phone.locator('#verify-toggle');
    await phone.clock.fastForward(VERIFY_OPEN_MS);
    await phone.locator('#verify[data-collapsed]').waitFor({ state: 'attached', timeout: 60_000 });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.isVisible('#verify-code')).toBe(false);
    expect(await phone.isVisible('#verify-help')).toBe(false);
    expect(await phone.isVisible('#verify')).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    expect(await phone.isVisible('#verify-code')).toBe(true);
    expect(await phone.isVisible('#verify-help')).toBe(true);
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await phone.isVisible('#verify-code')).toBe(false);

    await phone.locator('#call-path').waitFor({ state: 'visible', timeout: 60_000 });
    await phone.click('#hangup');
    await waitForState(phone, 'ended', 30_000);
    expect(await phone.isVisible('#call-path')).toBe(false);
  }, 180_000);
});
