/**
 * Two people call each other on duet's room page, in real Chromium with fake
 * camera and microphone, each in a separate browser context.
 *
 * The checks that leave the call as they found it (chat, mute, switching the
 * camera, sharing the screen, an ICE restart, a third person at the door) share
 * one call, made by the first test that asks for it; hanging up ends that call,
 * so it comes last. Closing the tab has a call of its own.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, mediaProgress } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { expectFramesRising, expectMediaFlowing, joinCall, openChat, statusOf, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('a call between two browsers', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const join = async (room: string) => {
    const page = await joinCall(browser, server.url, room);
    pages.push(page);
    return page;
  };

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  /** The call the checks below share: Alice waits alone, Bob joins, media flows both ways. */
  let shared: Promise<{ room: string; alice: Page; bob: Page }> | undefined;
  const sharedCall = () =>
    (shared ??= (async () => {
      const room = uniqueRoom('shared');
      const alice = await joinCall(browser, server.url, room);
      await waitForState(alice, 'waiting');
      const bob = await joinCall(browser, server.url, room);
      return { room, alice, bob };
    })());
  afterAll(async () => {
    const call = await shared?.catch(() => undefined);
    for (const page of call ? [call.alice, call.bob] : []) await page.context().close();
  });

  /** Test instrumentation: each Socket.IO event the page receives over its WebSocket, with the call's state just before. */
  const RECORD_SOCKET_EVENTS = `
    window.__socketEvents = [];
    const NativeSocket = window.WebSocket;
    window.WebSocket = class extends NativeSocket {
      constructor(...args) {
        super(...args);
        this.addEventListener('message', (event) => {
          const match = typeof event.data === 'string' ? /^42(\\[.*)$/s.exec(event.data) : null;
          if (!match) return;
          try {
            const [name] = JSON.parse(match[1]);
            window.__socketEvents.push({ name, state: document.getElementById('status')?.dataset.state ?? '' });
          } catch {}
        });
      }
    };
  `;

  it('both people see and hear each other', async () => {
    const { alice, bob } = await sharedCall();
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
    expect((await statusOf(alice)).text).toBe('Connected');
    expect((await statusOf(bob)).text).toBe('Connected');
  });

  it('chat messages go both ways with the sender and time', async () => {
    const { alice, bob } = await sharedCall();
    await waitForState(alice, 'connected');
    await openChat(alice);
    await alice.fill('#chat-input', 'hello from alice');
    await alice.press('#chat-input', 'Enter');
    await expect.poll(() => bob.locator('#unread').textContent(), { timeout: UI_WAIT_MS }).toBe('1');
    await openChat(bob);
    await expect.poll(() => bob.locator('#chat-log li.theirs .text').last().textContent(), { timeout: UI_WAIT_MS }).toBe('hello from alice');
    expect(await bob.locator('#chat-log li.theirs time').last().textContent()).toMatch(/\d/);
    await bob.fill('#chat-input', '你好 bob here');
    await bob.click('#chat-send');
    await expect.poll(() => alice.locator('#chat-log li.theirs .text').last().textContent(), { timeout: UI_WAIT_MS }).toBe('你好 bob here');
    expect(await alice.locator('#chat-log li.mine .sender').first().textContent()).toBe('You');
  });

  it('muting the microphone and turning the camera off show on the other side', async () => {
    const { alice, bob } = await sharedCall();
    await waitForState(alice, 'connected');
    await waitForState(bob, 'connected');
    await expect.poll(() => bob.locator('#badge-muted').isVisible(), { timeout: UI_WAIT_MS }).toBe(false);
    await alice.click('#mute');
    await bob.locator('#badge-muted').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    await alice.keyboard.press('v');
    await bob.locator('#badge-camera-off').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    await alice.click('#mute');
    await bob.locator('#badge-muted').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    await alice.keyboard.press('v'); // the camera back on for the checks that follow on this call
    await bob.locator('#badge-camera-off').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
  });

  it('switching the camera keeps video flowing to the other side', async () => {
    const { alice, bob } = await sharedCall();
    await expectMediaFlowing(bob);
    const sentTrack = () =>
      alice.evaluate(() => {
        const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs;
        const sender = pcs[pcs.length - 1]!.getSenders().find((s) => s.track?.kind === 'video');
        return `${sender?.track?.id}/${sender?.track?.readyState}`;
      });
    const before = await sentTrack();
    const offersBefore = await alice.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.localDescription?.sdp);
    await alice.click('#switch-camera');
    await expect.poll(sentTrack, { timeout: UI_WAIT_MS }).not.toBe(before);
    expect(await sentTrack()).toMatch(/\/live$/);
    await expectFramesRising(bob);
    const after = await mediaProgress(alice);
    expect(after.peerConnections).toBe(1); // the same connection: replaceTrack, not a new call
    expect(await alice.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.localDescription?.sdp)).toBe(offersBefore); // no renegotiation
  });

  it('sharing the screen shows on the other side and goes back to the camera when it stops', async () => {
    const { alice, bob } = await sharedCall();
    await expectMediaFlowing(bob);
    await alice.click('#share-screen');
    await bob.locator('#badge-screen').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await alice.getAttribute('#share-screen', 'aria-pressed')).toBe('true');
    await expectFramesRising(bob);
    await alice.click('#share-screen');
    await bob.locator('#badge-screen').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    await expectFramesRising(bob);
  });

  it('both sides restarting ICE at the same moment (glare) keeps the call going', async () => {
    const { alice, bob } = await sharedCall();
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
    const ufrag = (page: Page) =>
      page.evaluate(() => /a=ice-ufrag:(\S+)/.exec((window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.localDescription?.sdp ?? '')?.[1]);
    const before = [await ufrag(alice), await ufrag(bob)];
    const restart = (page: Page) => page.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.restartIce());
    await Promise.all([restart(alice), restart(bob)]);
    await expect.poll(() => ufrag(alice), { timeout: UI_WAIT_MS }).not.toBe(before[0]);
    await expect.poll(() => ufrag(bob), { timeout: UI_WAIT_MS }).not.toBe(before[1]);
    await expect
      .poll(() => Promise.all([alice, bob].map((p) => p.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!.signalingState))), {
        timeout: UI_WAIT_MS,
      })
      .toEqual(['stable', 'stable']);
    await expectFramesRising(alice);
    await expectFramesRising(bob);
    expect((await statusOf(alice)).state).toBe('connected');
  });

  it('closing the tab during a call shows "left" to the other person, and the server tells them', async () => {
    const room = uniqueRoom('close');
    const alice = await join(room);
    // Bob's page records the Socket.IO events it receives, and what they were showing when each came
    const bob = await joinCall(browser, server.url, room, { initScript: RECORD_SOCKET_EVENTS });
    pages.push(bob);
    await waitForState(bob, 'connected');
    await alice.close();
    await waitForState(bob, 'left');
    expect((await mediaProgress(bob)).videoWidth).toBe(0);
    // the other person was told: the server's `bye` reached Bob's page (after the tab's own hang-up
    // on the data channel, or alone), where a vanished peer would only be noticed by the presence timeout
    const events = await bob.evaluate(() => (window as unknown as { __socketEvents: Array<{ name: string; state: string }> }).__socketEvents);
    expect(events.map((e) => e.name)).toContain('bye');
    expect(events.find((e) => e.name === 'bye')!.state).toMatch(/^(connected|left)$/);
  });

  it('a third person sees that the room is full and gets no media', async () => {
    const { room, alice, bob } = await sharedCall();
    await waitForState(alice, 'connected');
    const carol = await join(room);
    await waitForState(carol, 'full');
    expect((await statusOf(carol)).text).toMatch(/full/);
    await expectFramesRising(bob); // the call inside goes on; meanwhile anything sent to carol would have arrived
    const seen = await mediaProgress(carol);
    expect(seen.peerConnections).toBe(0);
    expect(seen.videoWidth).toBe(0);
    expect((await mediaProgress(bob)).peerConnections).toBe(1); // and the two inside never negotiated with a third
  });

  it('hanging up shows "left" to the other person, who can then take a new caller', async () => {
    const { room, alice, bob } = await sharedCall();
    await waitForState(bob, 'connected');
    await alice.click('#hangup');
    await waitForState(alice, 'ended');
    await waitForState(bob, 'left');
    expect((await statusOf(bob)).text).toContain('left');
    const carol = await join(room);
    await expectMediaFlowing(bob);
    await expectMediaFlowing(carol);
  });
});
