/**
 * Screenshots of live calls for the README: desktop 1280x800 and phone 390x844.
 * Run with `npm run screenshots`; the PNGs land in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, newPerson } from '../support/browser.js';
import { expectMediaFlowing, openChat, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';

const OUT = 'docs/screenshots';
const PHONE = { width: 390, height: 844 };

describe('screenshots', () => {
  let server: Running;
  let browser: Browser;

  beforeAll(async () => {
    // a page opened on localhost shares the machine's LAN link, as on a real laptop (an example address)
    server = await startServer({ lanAddresses: () => ['192.168.1.20'] }, { host: '0.0.0.0' });
    browser = await launchBrowser({ cert: server.cert });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function join(room: string, name: string, viewport = { width: 1280, height: 800 }, locale = 'en-US'): Promise<Page> {
    const { page } = await newPerson(browser, { viewport, locale });
    await page.goto(`${server.url}/r/${room}`, { timeout: 120_000 });
    await page.locator('#join:not([disabled])').waitFor({ timeout: 60_000 });
    await page.fill('#name', name);
    return page;
  }

  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** The verification code open, as it is in the first 15 s (a loaded machine may take longer to get here). */
  async function openVerify(page: Page): Promise<void> {
    if ((await page.getAttribute('#verify-toggle', 'aria-expanded')) === 'false') await page.click('#verify-toggle');
    await settle(1500);
  }

  it('desktop and phone in a live call', async () => {
    const room = 'kitchen-table';
    const alice = await join(room, 'Alice');
    await alice.screenshot({ path: `${OUT}/desktop-prejoin.png` });
    await alice.click('#join');
    await waitForState(alice, 'waiting');
    await settle(300);
    await alice.screenshot({ path: `${OUT}/desktop-waiting.png` });

    const bob = await join(room, 'Bob', PHONE);
    await bob.click('#join');
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
    await openChat(bob);
    await bob.fill('#chat-input', 'Hi! Can you see me?');
    await bob.press('#chat-input', 'Enter');
    await openChat(alice);
    await alice.locator('#chat-log li.theirs').waitFor({ timeout: 60_000 });
    await alice.fill('#chat-input', 'Yes, loud and clear!');
    await alice.press('#chat-input', 'Enter');
    await bob.locator('#chat-log li.theirs').waitFor({ timeout: 60_000 });
    await bob.click('#chat-toggle'); // close chat on the phone for a clean call view
    await alice.click('#mute');
    await settle(1500);
    await alice.screenshot({ path: `${OUT}/desktop-call.png` });
    await bob.screenshot({ path: `${OUT}/phone-call.png` });
    await bob.click('#chat-toggle');
    await settle(300);
    await bob.screenshot({ path: `${OUT}/phone-chat.png` });
    await alice.click('#chat-toggle');
    await alice.click('#stats');
    await settle(2500);
    await alice.screenshot({ path: `${OUT}/desktop-stats.png` });
  });

  it('the page in Chinese (简体中文): pre-join on a desktop, a live call on a phone', async () => {
    const room = '家庭通话';
    const mei = await join(room, '小梅', { width: 1280, height: 800 }, 'zh-CN');
    await mei.screenshot({ path: `${OUT}/desktop-prejoin-zh.png` });
    await mei.click('#join');
    await waitForState(mei, 'waiting');
    const lei = await join(room, '小雷', PHONE, 'zh-CN');
    await lei.click('#join');
    await expectMediaFlowing(mei);
    await expectMediaFlowing(lei);
    await mei.click('#camera');
    await settle(1500);
    await lei.screenshot({ path: `${OUT}/phone-call-zh.png` });
  });

  it('the verification code and the quality graph, in English and in Chinese', async () => {
    for (const [locale, suffix, names] of [
      ['en-US', '', ['Alice', 'Bob']],
      ['zh-CN', '-zh', ['小梅', '小雷']],
    ] as const) {
      const room = `verify${suffix}`;
      const first = await join(room, names[0], { width: 1280, height: 800 }, locale);
      await first.click('#join');
      await waitForState(first, 'waiting');
      const second = await join(room, names[1], { width: 1280, height: 800 }, locale);
      await second.click('#join');
      await expectMediaFlowing(first);
      await first.locator('#verify:not([hidden])').waitFor({ timeout: 60_000 });
      await first.locator('#signal:not([hidden])').waitFor({ timeout: 60_000 });
      await openVerify(first);
      await first.screenshot({ path: `${OUT}/desktop-verify${suffix}.png` });
      await first.click('#stats');
      await settle(10_000); // ten seconds of the graph
      await first.locator('#stats-panel').screenshot({ path: `${OUT}/stats-graph${suffix}.png` });
      await first.context().close();
      await second.context().close();
    }
    const room = 'verify-phone';
    const desk = await join(room, 'Alice');
    await desk.click('#join');
    await waitForState(desk, 'waiting');
    const phone = await join(room, 'Bob', PHONE);
    await phone.click('#join');
    await phone.locator('#verify:not([hidden])').waitFor({ timeout: 60_000 });
    await phone.locator('#signal:not([hidden])').waitFor({ timeout: 60_000 });
    await openVerify(phone);
    await phone.screenshot({ path: `${OUT}/phone-verify.png` });
    await phone.click('#verify-toggle'); // folded away, as it is after 15 s
    await settle(300);
    await phone.screenshot({ path: `${OUT}/phone-verify-folded.png` });
    await phone.context().close();
    await desk.context().close();
  }, 600_000);
});
