/**
 * duet's page and a client that speaks only the tutorial protocol call each
 * other in the same room, whichever joins first.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { expectMediaFlowing, joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { tutorialPage } from '../support/tutorial-page.js';
import { UI_WAIT_MS } from '../support/waits.js';

describe.runIf(browserTestsEnabled())("calls with the tutorial's own client", () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];

  /** Serves the tutorial page at /tutorial-client.html on the server's own origin. */
  async function openTutorial(room: string): Promise<Page> {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.route('**/tutorial-client.html', (route) => route.fulfill({ contentType: 'text/html', body: tutorialPage(room) }));
    await page.goto(`${server.url}/tutorial-client.html`);
    return page;
  }
  async function openDuet(room: string): Promise<Page> {
    const page = await joinCall(browser, server.url, room);
    pages.push(page);
    return page;
  }

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  it('the tutorial client joins first and duet calls it: both see video', async () => {
    const room = uniqueRoom('tut-first');
    const tutorial = await openTutorial(room);
    await tutorial.locator('#state', { hasText: 'joined' }).waitFor({ timeout: UI_WAIT_MS });
    const duet = await openDuet(room);
    await expectMediaFlowing(duet);
    await expectMediaFlowing(tutorial, 'video#remotevideo');
    await waitForState(duet, 'connected');
  });

  it('duet joins first and the tutorial client calls it: both see video', async () => {
    const room = uniqueRoom('duet-first');
    const duet = await openDuet(room);
    await waitForState(duet, 'waiting');
    const tutorial = await openTutorial(room);
    await expectMediaFlowing(duet);
    await expectMediaFlowing(tutorial, 'video#remotevideo');
    await waitForState(duet, 'connected');
  });
});
