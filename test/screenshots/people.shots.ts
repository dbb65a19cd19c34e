/**
 * Screenshots of calling by name (/people) for the README: who is online, the ring and the call,
 * on a desktop (1280x800) and a phone (390x844, touch), in English and in Chinese.
 * Run with `npm run screenshots`; the PNGs land in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { launchBrowser, newPerson, PHONE_VIEWPORT, type OpenOptions } from '../support/browser.js';
import { expectMediaFlowing } from '../support/page-call.js';
import { PEOPLE_WAIT, person, signIn } from '../support/people-page.js';
import { startServer, type Running } from '../support/server.js';

const OUT = 'docs/screenshots';
const DESKTOP: OpenOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: OpenOptions = { viewport: PHONE_VIEWPORT, mobile: true };

describe('screenshots of /people', () => {
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

  async function signedIn(name: string, options: OpenOptions, locale: string): Promise<Page> {
    const { page } = await newPerson(browser, { ...options, locale });
    await page.goto(`${server.url}/people`);
    await signIn(page, name);
    return page;
  }

  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  for (const [locale, suffix, names] of [
    ['en-US', '', ['Alice', 'Bob', 'Carol', 'Dan']],
    ['zh-CN', '-zh', ['小梅', '小雷', '阿芳', '老王']],
  ] as const) {
    it(`the list, the ring and the call on a desktop and a phone (${locale})`, async () => {
      const [deskName, phoneName, thirdName, fourthName] = names;
      const desk = await signedIn(deskName, DESKTOP, locale);
      const phone = await signedIn(phoneName, PHONE, locale);
      const third = await signedIn(thirdName, DESKTOP, locale);
      const fourth = await signedIn(fourthName, DESKTOP, locale);
      // two of them in a call with each other, so the list shows someone busy
      await person(third, fourthName).locator('button.person-call').click();
      await fourth.locator('#accept').click();
      for (const [page, other] of [[desk, phoneName], [phone, deskName]] as const) {
        await person(page, other).waitFor(PEOPLE_WAIT);
        await page.locator('#people li[data-busy="true"]').nth(1).waitFor(PEOPLE_WAIT);
      }
      await settle(500);
      await desk.screenshot({ path: `${OUT}/desktop-people-list${suffix}.png` });
      await phone.screenshot({ path: `${OUT}/phone-people-list${suffix}.png` });

      await person(desk, phoneName).locator('button.person-call').click();
      await phone.locator('#incoming').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      await desk.locator('#outgoing').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      await settle(500);
      await desk.screenshot({ path: `${OUT}/desktop-people-ringing${suffix}.png` });
      await phone.screenshot({ path: `${OUT}/phone-people-ringing${suffix}.png` });

      await phone.locator('#accept').tap();
      await expectMediaFlowing(desk);
      await expectMediaFlowing(phone);
      await settle(1500);
      await desk.screenshot({ path: `${OUT}/desktop-people-call${suffix}.png` });
      await phone.screenshot({ path: `${OUT}/phone-people-call${suffix}.png` });
      for (const page of [desk, phone, third, fourth]) await page.context().close();
    }, 180_000);
  }
});
