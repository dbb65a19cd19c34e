/**
 * What makes a call start quickly, in real Chromium: the page connects to the
 * server before Join (without taking a seat), the person waiting alone has
 * the offer ready, and a 720p camera starts sending at VGA size and gets its
 * full size once the call is up.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it, onTestFinished } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { expectMediaFlowing, joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import { WARM_AFTER_MS } from '../../src/public/js/session/standby.js';
import { joinRoom, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** Test-only instrumentation: open WebSockets, and every video scale the page sets on a sender (newPerson records peer connections in window.__pcs). */
const WATCH = `
  window.__sockets = [];
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...args) { super(...args); window.__sockets.push(this); }
  };
  window.__scales = [];
  const nativeSet = RTCRtpSender.prototype.setParameters;
  RTCRtpSender.prototype.setParameters = function (parameters, ...rest) {
    if (this.track && this.track.kind === 'video') window.__scales.push(parameters.encodings.map((e) => e.scaleResolutionDownBy ?? 1)[0]);
    return nativeSet.call(this, parameters, ...rest);
  };
`;

describe.runIf(browserTestsEnabled())('a quick call setup', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];

  const open = async (room: string) => {
    const { page } = await newPerson(browser);
    await page.addInitScript(WATCH);
    pages.push(page);
    await page.goto(`${server.url}/r/${encodeURIComponent(room)}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    return page;
  };
  const openSockets = (page: Page) =>
    page.evaluate(() => (window as unknown as { __sockets: WebSocket[] }).__sockets.filter((s) => s.readyState === WebSocket.OPEN).length);
  const scales = (page: Page) => page.evaluate(() => (window as unknown as { __scales: number[] }).__scales);

  browserSuite((s, b) => ((server = s), (browser = b)), pages, {}, { camera: 'built-in' }); // the start-size test needs a 720p camera

  it('the room page is connected to the server before Join is pressed', async () => {
    const page = await open(uniqueRoom('early'));
    await expect.poll(() => openSockets(page), { timeout: UI_WAIT_MS }).toBe(1);
    expect(await page.locator('#prejoin').isVisible()).toBe(true);
  });

  it('someone who only opened the page takes no seat: two others can still meet in the room', async () => {
    const room = uniqueRoom('no-seat');
    const watcher = await open(room);
    await expect.poll(() => openSockets(watcher), { timeout: UI_WAIT_MS }).toBe(1);
    // the two others at the signaling level, which is where seats are: both are admitted, the second
    // as the other of a pair (its peer is told `otherjoin`), though the watcher's page is connected
    const alice = await server.client();
    const bob = await server.client();
    onTestFinished(() => void (alice.close(), bob.close()));
    const otherjoin = new Promise((told) => alice.once('otherjoin', told));
    expect(await joinRoom(alice, room)).toMatchObject({ ok: true, peers: 0 });
    expect(await joinRoom(bob, room)).toMatchObject({ ok: true, peers: 1 });
    await otherjoin;
    await watcher.click('#join');
    await waitForState(watcher, 'full');
  });

  it('a 720p camera starts sending at VGA size and may grow to full size once the call is up', async () => {
    const room = uniqueRoom('start-size');
    const alice = await open(room);
    await alice.click('#join');
    await waitForState(alice, 'waiting');
    const bob = await open(room);
    await bob.click('#join');
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
    for (const page of [alice, bob]) {
      await expect.poll(() => scales(page), { timeout: UI_WAIT_MS }).toHaveLength(2);
      const [start, later] = await scales(page);
      expect(start).toBeCloseTo(Math.sqrt((1280 * 720) / (640 * 480)), 1);
      expect(later).toBe(1);
    }
  });

  it('the person waiting alone has the offer ready, and it is the connection the call uses', async () => {
    const room = uniqueRoom('standby');
    const alice = await open(room);
    await alice.click('#join');
    await waitForState(alice, 'waiting');
    // the spare made for an answer (spare.ts) is closed once she waits alone
    const offers = () =>
      alice.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.map((pc) => pc.localDescription?.type ?? pc.signalingState));
    await expect.poll(offers, { timeout: WARM_AFTER_MS + UI_WAIT_MS }).toEqual(['closed', 'offer']);
    await joinCall(browser, server.url, room).then((bob) => pages.push(bob));
    await waitForState(alice, 'connected');
    const used = await alice.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.map((pc) => pc.connectionState));
    expect(used).toEqual(['closed', 'connected']);
  });
});
