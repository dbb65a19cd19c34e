/**
 * Screenshots of calling by name (/people) for the README: who is online, the ring and the call,
 * on a desktop (1280x800) and a phone (390x844, touch), in English and in Chinese.
 * Run with `npm run screenshots`; the PNGs land in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { launchBrowser, newPerson, PHONE_VIEWPORT, type OpenOptions } from '../support/browser.js';
import { PEOPLE_WAIT, person, signIn } from '../support/people-page.js';
import { startServer, type Running } from '../support/server.js';

const OUT = 'docs/screenshots';
const DESKTOP: OpenOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: OpenOptions = { viewport: PHONE_VIEWPORT, mobile: true };

describe('screenshots of /people', () => {
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
  /** Waits (generously: the screenshots run beside everything else) until `page` shows the other person's video. */
  const showsVideo = async (page: Page) => {
    await page.locator('#status[data-state="connected"]').waitFor({ timeout: 90_000 });
    await page.waitForFunction(() => (document.querySelector<HTMLVideoElement>('video#remote')?.videoWidth ?? 0) > 0, undefined, { timeout: 90_000 });
  };

  for (const [locale, suffix, names] of [
    ['en-US', '', ['Alice', 'Bob', 'Carol', 'Dan']],
    ['zh-CN', '-zh', ['小梅', '小雷', '阿芳', '老王']],
  ] as const) {
    it(`the list, the ring and the call on a desktop and a phone (${locale})`, async () => {
      // a server of its own: the list shows only this language's people
      const server: Running = await startServer();
      const browser: Browser = await launchBrowser({ cert: server.cert });
      const signedIn = async (name: string, options: OpenOptions): Promise<Page> => {
        const { page } = await newPerson(browser, { ...options, locale });
        await page.goto(`${server.url}/people`);
        await signIn(page, name);
        return page;
      };
      try {
        const [deskName, phoneName, thirdName, fourthName] = names;
        const desk = await signedIn(deskName, DESKTOP);
        const phone = await signedIn(phoneName, PHONE);
        const third = await signedIn(thirdName, DESKTOP);
        const fourth = await signedIn(fourthName, DESKTOP);
        // one of them ringing the other, so the list shows two people busy
        await person(third, fourthName).locator('button.person-call').click();
        await fourth.locator('#incoming').waitFor({ state: 'visible', timeout: 60_000 });
        for (const [page, other] of [
          [desk, phoneName],
          [phone, deskName],
        ] as const) {
          await person(page, other).waitFor(PEOPLE_WAIT);
          await page.locator('#people li[data-busy="true"]').nth(1).waitFor(PEOPLE_WAIT);
        }
        await settle(500);
        await desk.screenshot({ path: `${OUT}/desktop-people-list${suffix}.png` });
        await phone.screenshot({ path: `${OUT}/phone-people-list${suffix}.png` });
        await fourth.locator('#decline').click();
        await desk.locator('#people li[data-busy="true"]').first().waitFor({ state: 'detached', timeout: 60_000 });

        await person(desk, phoneName).locator('button.person-call').click();
        await phone.locator('#incoming').waitFor({ state: 'visible', timeout: 60_000 });
        await desk.locator('#outgoing').waitFor({ state: 'visible', timeout: 60_000 });
        await settle(500);
        await desk.screenshot({ path: `${OUT}/desktop-people-ringing${suffix}.png` });
        await phone.screenshot({ path: `${OUT}/phone-people-ringing${suffix}.png` });

        await phone.locator('#accept').tap();
        await showsVideo(desk);
        await showsVideo(phone);
        await settle(2000);
        await desk.screenshot({ path: `${OUT}/desktop-people-call${suffix}.png` });
        await phone.screenshot({ path: `${OUT}/phone-people-call${suffix}.png` });
      } finally {
        await browser.close();
        await server.close();
      }
    }, 300_000);
  }
});
