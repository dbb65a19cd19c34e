/**
 * Work done before the click that starts a call, in real Chromium: the call view is
 * laid out out of sight before Join (and while a call by name rings), so the click only reveals
 * it; and the one who answers does so on a connection made before their click, which gathered
 * its ICE candidates ahead.
 */
import type { Browser, Page, Request } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { expectMediaFlowing, uniqueRoom, waitForState } from '../support/page-call.js';
import { PEOPLE_WAIT, person, ring, someone } from '../support/people-page.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** The call view as the person sees it (or not). */
const callView = (page: Page) =>
  page.evaluate(() => {
    const view = document.getElementById('call-view');
    if (!view) return undefined;
    const box = view.getBoundingClientRect();
    return { hidden: view.hidden, inert: view.inert, visibility: getComputedStyle(view).visibility, laidOut: box.width > 0 && box.height > 0 };
  });
const peerConnections = (page: Page) =>
  page.evaluate(() =>
    (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.map((pc) => ({ state: pc.connectionState, pool: pc.getConfiguration().iceCandidatePoolSize })),
  );

describe.runIf(browserTestsEnabled())('work done before the click that starts a call', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  const open = async (room: string) => {
    const { page } = await openTracked(browser, pages);
    await page.goto(`${server.url}/r/${encodeURIComponent(room)}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    return page;
  };

  it('the room page lays out the call view before Join, invisible and inert with its icons loaded, and Join reveals it', async () => {
    // the images the page fetched, as the browser's network saw them: Resource Timing, read in the
    // page, left out the staged icons now and then on a loaded machine although they had arrived
    const { page } = await openTracked(browser, pages);
    const images = new Map<string, string>();
    const track = (what: string) => (request: Request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/img/')) images.set(path, what === 'failed' ? `failed: ${request.failure()?.errorText ?? ''}` : what);
    };
    page.on('request', track('requested'));
    page.on('requestfinished', track('finished'));
    page.on('requestfailed', track('failed'));
    await page.goto(`${server.url}/r/${uniqueRoom('staged')}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    expect(await callView(page)).toEqual({ hidden: false, inert: true, visibility: 'hidden', laidOut: true });
    await expect
      .poll(() => ['/img/hangup.svg', '/img/mic.svg', '/img/cam.svg'].map((path) => images.get(path)), {
        timeout: UI_WAIT_MS,
        message: 'the staged icons were fetched',
      })
      .toEqual(['finished', 'finished', 'finished']);
    expect(await page.isVisible('#hangup')).toBe(false);
    await page.click('#join'); // nothing of the staged view is in the way
    await waitForState(page, 'waiting');
    expect(await callView(page)).toEqual({ hidden: false, inert: false, visibility: 'visible', laidOut: true });
    expect(await page.isVisible('#hangup')).toBe(true);
    expect(await page.isVisible('#prejoin')).toBe(false);
  });

  it('the one who joins second answers on a connection made before their click, which gathers its candidates ahead', async () => {
    const room = uniqueRoom('spare');
    const alice = await open(room);
    await alice.click('#join');
    await waitForState(alice, 'waiting');
    const bob = await open(room);
    await expect.poll(() => peerConnections(bob), { timeout: UI_WAIT_MS }).toEqual([{ state: 'new', pool: 1 }]);
    await bob.click('#join');
    await expectMediaFlowing(bob);
    await expectMediaFlowing(alice);
    // the connection of the call is the one made before the click: no other was made
    expect(await peerConnections(bob)).toEqual([{ state: 'connected', pool: 1 }]);
    // alice waited alone: her spare was closed, and her call runs on the offer she prepared
    expect((await peerConnections(alice)).map((pc) => pc.state)).toEqual(['closed', 'connected']);
  });

  it('on /people the call view is bound out of sight while it rings, its shortcuts off, and shows once the call is accepted', async () => {
    const alice = await someone(browser, server.url, pages, 'alice');
    const bob = await someone(browser, server.url, pages, 'bob');
    await person(alice.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(alice.page, bob.page, bob.name);
    for (const { page } of [alice, bob]) {
      await expect.poll(() => callView(page), PEOPLE_WAIT).toEqual({ hidden: false, inert: true, visibility: 'hidden', laidOut: true });
      expect(await page.locator('#status').count()).toBe(1); // the list's: the call view's own waits outside the page
      expect(await page.locator('#call-view #status').count()).toBe(0);
    }
    // bob's call view is bound, but a ring opens no camera (that waits for Accept) and M does not mute him
    expect(await bob.page.evaluate(() => (document.querySelector('video#local') as HTMLVideoElement | null)?.srcObject ?? null)).toBeNull();
    await bob.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await bob.page.keyboard.press('m');
    expect(await bob.page.getAttribute('#mute', 'aria-pressed')).toBe('false');
    await bob.page.click('#accept');
    await expectMediaFlowing(alice.page);
    await expectMediaFlowing(bob.page);
    for (const { page } of [alice, bob]) {
      expect(await callView(page)).toEqual({ hidden: false, inert: false, visibility: 'visible', laidOut: true });
      expect(await page.locator('#call-view #status').count()).toBe(1);
      expect(await page.locator('#status').count()).toBe(1);
    }
    await bob.page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await bob.page.keyboard.press('m'); // now the call's shortcut works
    expect(await bob.page.getAttribute('#mute', 'aria-pressed')).toBe('true');
  }, 120_000);
});
