/**
 * The signaling server restarts in the middle of a call: the media goes on peer
 * to peer, and both pages reconnect and rejoin the same room on the new server.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, launchBrowser } from '../support/browser.js';
import { expectFramesRising, expectMediaFlowing, joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())('a server restart during a call', () => {
  let first: Running;
  let second: Running | undefined;
  let browser: Browser;
  const pages: Page[] = [];

  beforeAll(async () => {
    first = await startServer();
    browser = await launchBrowser({ cert: first.cert });
  });
  afterAll(async () => {
    for (const page of pages) await page.context().close();
    await browser?.close();
    await second?.close();
    await first?.close();
  });

  it('keeps the media flowing and both people rejoin the room', async () => {
    const room = uniqueRoom('restart');
    const alice = await joinCall(browser, first.url, room);
    const bob = await joinCall(browser, first.url, room);
    pages.push(alice, bob);
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);

    await first.close();
    await waitForState(alice, 'offline');
    await waitForState(bob, 'offline');
    await expectFramesRising(alice); // peer to peer: no server needed for media
    await expectFramesRising(bob);

    second = await startServer({}, { port: first.port });
    await waitForState(alice, 'connected');
    await waitForState(bob, 'connected');
    // both seated again in the restarted server's room state (duet keeps no Socket.IO rooms)
    await expect.poll(() => second!.server.rooms!.others(room, '').length, { timeout: UI_WAIT_MS }).toBe(2);
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
  });
});
