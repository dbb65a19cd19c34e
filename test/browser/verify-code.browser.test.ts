/**
 * The verification code on the call page, in real Chromium with two people on
 * a real duet server: both see the same code; a new connection (hang up and
 * Join again) brings new certificates and a new code; and the code comes from
 * the certificates in getStats(), so a page whose SDP text says another
 * fingerprint still shows the code of the certificates really in use.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { codeFromStats, shownCode } from '../support/verify-page.js';
import { UI_WAIT_MS } from '../support/waits.js';

/**
 * In the page: every description the page's script can read of its peer connections
 * (remote and local) names a made-up certificate fingerprint. What goes on the wire
 * and what Chromium checks DTLS against are untouched, so the call still connects.
 */
const FAKE_FINGERPRINT = Array.from({ length: 32 }, () => 'AB').join(':');
const TAMPER_SDP = `
  (() => {
    const fake = (sdp) => sdp.replace(/^a=fingerprint:(\\S+) .*$/gm, 'a=fingerprint:$1 ${FAKE_FINGERPRINT}');
    let proto = RTCPeerConnection.prototype; // the native one, under the recording subclass of browser.ts
    while (!Object.getOwnPropertyDescriptor(proto, 'remoteDescription')) proto = Object.getPrototypeOf(proto);
    for (const name of ['remoteDescription', 'currentRemoteDescription', 'pendingRemoteDescription']) {
      const native = Object.getOwnPropertyDescriptor(proto, name);
      Object.defineProperty(proto, name, {
        configurable: true,
        get() {
          const d = native.get.call(this);
          return d && new RTCSessionDescription({ type: d.type, sdp: fake(d.sdp) });
        },
      });
    }
  })();
`;

describe.runIf(browserTestsEnabled())('the verification code', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  async function person(room: string): Promise<Page> {
    const page = await joinCall(browser, server.url, room);
    pages.push(page);
    return page;
  }

  // the first two checks share one call (a call costs this 2-core machine seconds of Chromium's time);
  // the second hangs up and joins again, so it comes last of them
  const sharedPages: Page[] = [];
  let shared: Promise<[Page, Page]> | undefined;
  afterAll(async () => {
    for (const page of sharedPages) await page.context().close();
  });
  const sharedCall = () =>
    (shared ??= (async () => {
      const room = uniqueRoom('verify');
      const a = await joinCall(browser, server.url, room);
      sharedPages.push(a);
      const b = await joinCall(browser, server.url, room);
      sharedPages.push(b);
      return [a, b];
    })());

  it('is the same on both sides of a call, and the one the certificates in getStats() give', async () => {
    const [a, b] = await sharedCall();
    const code = await shownCode(a);
    expect(await shownCode(b)).toBe(code);
    expect(await codeFromStats(a)).toBe(code);
    expect(await codeFromStats(b)).toBe(code);
    expect(await a.locator('#verify').textContent()).toContain('Read it aloud to each other');
  }, 180_000);

  it('changes when one side hangs up and joins again (new connections, new certificates)', async () => {
    const [a, b] = await sharedCall();
    const first = await shownCode(a);
    expect(await shownCode(b)).toBe(first);
    await b.click('#hangup');
    await b.locator('#rejoin').click(); // reloads the page and joins at once
    await waitForState(a, 'connected', 60_000);
    const second = await shownCode(b, first, 60_000);
    expect(second).not.toBe(first);
    await expect.poll(() => a.locator('#verify-code').textContent(), { timeout: 30_000, interval: 200 }).toBe(second);
    expect(await codeFromStats(a)).toBe(second);
  }, 180_000);

  it('does not change when the SDP text the page can read names another certificate', async () => {
    const room = uniqueRoom('verify-sdp');
    const { page: a } = await newPerson(browser);
    pages.push(a);
    await a.context().addInitScript(TAMPER_SDP);
    await a.goto(`${server.url}/r/${encodeURIComponent(room)}`);
    await a.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await a.click('#join');
    const b = await person(room);
    const code = await shownCode(b);
    expect(await shownCode(a)).toBe(code);
    // the page really reads the made-up fingerprint, and the stats still name the real certificates
    const seen = await a.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.remoteDescription?.sdp ?? '');
    expect(seen).toContain(FAKE_FINGERPRINT);
    expect(await codeFromStats(a)).toBe(code);
  }, 180_000);
});
