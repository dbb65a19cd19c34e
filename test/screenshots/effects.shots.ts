/**
 * Screenshots of blur, noise suppression and recording for the README, in English and in Chinese: the
 * pre-join screen with blur chosen (the preview blurred), the call with all three on at a desktop, and the
 * other person's phone showing who records. Run with `npm run screenshots`; the PNGs land in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { newPerson, PHONE_VIEWPORT } from '../support/browser.js';
import { expectMediaFlowing, waitForState } from '../support/page-call.js';
import { browserSuite } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';

const OUT = 'docs/screenshots';

describe('screenshots of the on-device effects', () => {
  let server: Running;
  let browser: Browser;

  browserSuite((s, b) => ((server = s), (browser = b)), []); // one server and one Chromium for the file

  async function open(room: string, name: string, locale: string, phone = false): Promise<Page> {
    const { page } = await newPerson(browser, { locale, ...(phone ? { viewport: PHONE_VIEWPORT, mobile: true } : {}) });
    await page.goto(`${server.url}/r/${room}`, { timeout: 120_000 });
    await page.locator('#join:not([disabled])').waitFor({ timeout: 60_000 });
    await page.fill('#name', name);
    return page;
  }
  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

  for (const [locale, suffix, names] of [
    ['en-US', '', ['Alice', 'Bob']],
    ['zh-CN', '-zh', ['小梅', '小雷']],
  ] as const) {
    it(`blur, noise and recording (${locale})`, async () => {
      const room = `effects${suffix}`;
      const desk = await open(room, names[0], locale);
      await desk.check('#prejoin-blur');
      await desk.check('#prejoin-noise');
      await settle(4000); // the model loads and the preview shows the blurred camera
      await desk.screenshot({ path: `${OUT}/desktop-prejoin-effects${suffix}.png` });
      await desk.click('#join');
      await waitForState(desk, 'waiting');
      const phone = await open(room, names[1], locale, true);
      await phone.click('#join');
      await expectMediaFlowing(desk);
      await expectMediaFlowing(phone);
      // on a loaded machine the blur may have turned itself off while the call was set up: on again for the picture
      if ((await desk.getAttribute('#blur', 'aria-pressed')) !== 'true') await desk.click('#blur');
      await desk.click('#record');
      await phone.locator('#recording-indicator').waitFor({ state: 'visible', timeout: 60_000 });
      await settle(3000);
      await desk.screenshot({ path: `${OUT}/desktop-effects${suffix}.png` });
      await phone.screenshot({ path: `${OUT}/phone-recording-indicator${suffix}.png` });
      await desk.context().close();
      await phone.context().close();
    }, 240_000);
  }
});
