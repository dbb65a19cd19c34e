/**
 * Screenshots of the pages whose colours the accessibility work changed (the filled buttons, the
 * hang-up button, the shortcuts line): the home page, a call on the room page and an incoming call
 * on /people, desktop 1280x800 and phone 390x844, English and Chinese. Each state is reached once
 * and photographed in the four combinations. Run with `npm run screenshots`; PNGs in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { inEachLangAndSize } from '../support/axe.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import { person, ring, signIn } from '../support/people-page.js';
import type { Running } from '../support/server.js';

const OUT = 'docs/screenshots';

const shoot = (page: Page, state: string) =>
  inEachLangAndSize(page, async (lang, size) => void (await page.screenshot({ path: `${OUT}/${size}-a11y-${state}-${lang}.png` })));

describe('screenshots of the accessible colours', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  it('the home page', async () => {
    const { page } = await openTracked(browser, pages);
    await page.goto(`${server.url}/`);
    await page.locator('#new-room').waitFor();
    await shoot(page, 'home');
  });

  it('a call on the room page', async () => {
    const room = uniqueRoom('shots');
    const alice = await joinCall(browser, server.url, room);
    const bob = await joinCall(browser, server.url, room);
    pages.push(alice, bob);
    await waitForState(alice, 'connected');
    await waitForState(bob, 'connected');
    await shoot(alice, 'call');
  });

  it('an incoming call on /people', async () => {
    const { page: caller } = await openTracked(browser, pages);
    const { page: callee } = await openTracked(browser, pages);
    await caller.goto(`${server.url}/people`);
    await callee.goto(`${server.url}/people`);
    await signIn(caller, 'Alice');
    await signIn(callee, 'Bob');
    await person(caller, 'Bob').waitFor();
    await ring(caller, callee, 'Bob');
    await shoot(callee, 'incoming');
  });
});
