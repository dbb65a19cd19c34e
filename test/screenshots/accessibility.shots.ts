/**
 * Screenshots of the pages whose colours the accessibility work changed (the filled buttons, the
 * hang-up button, the shortcuts line): the home page, a call on the room page and an incoming call
 * on /people, desktop 1280x800 and phone 390x844, English and Chinese. Each state is reached once
 * and photographed in the four combinations. Run with `npm run screenshots`; PNGs in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DESKTOP_VIEWPORT, setPageLang } from '../support/axe.js';
import { launchBrowser, newPerson, PHONE_VIEWPORT } from '../support/browser.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import { openPeople, person, ring, signIn } from '../support/people-page.js';
import { startServer, type Running } from '../support/server.js';

const OUT = 'docs/screenshots';

async function shoot(page: Page, state: string): Promise<void> {
  for (const lang of ['en', 'zh'] as const) {
    await setPageLang(page, lang);
    for (const [size, viewport] of [
      ['desktop', DESKTOP_VIEWPORT],
      ['phone', PHONE_VIEWPORT],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.screenshot({ path: `${OUT}/${size}-a11y-${state}-${lang}.png` });
    }
  }
}

describe('screenshots of the accessible colours', () => {
  let server: Running;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ cert: server.cert });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the home page', async () => {
    const { page } = await newPerson(browser);
    await page.goto(`${server.url}/`);
    await page.locator('#new-room').waitFor();
    await shoot(page, 'home');
    await page.context().close();
  });

  it('a call on the room page', async () => {
    const room = uniqueRoom('shots');
    const alice = await joinCall(browser, server.url, room);
    const bob = await joinCall(browser, server.url, room);
    await waitForState(alice, 'connected');
    await waitForState(bob, 'connected');
    await shoot(alice, 'call');
    await alice.context().close();
    await bob.context().close();
  });

  it('an incoming call on /people', async () => {
    const caller = await openPeople(browser, server.url);
    const callee = await openPeople(browser, server.url);
    await signIn(caller, 'Alice');
    await signIn(callee, 'Bob');
    await person(caller, 'Bob').waitFor();
    await ring(caller, callee, 'Bob');
    await shoot(callee, 'incoming');
    await caller.context().close();
    await callee.context().close();
  });
});
