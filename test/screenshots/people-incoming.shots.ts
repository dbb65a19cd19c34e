/**
 * Screenshots of the incoming-call prompt on /people (the name, Accept, Decline, Block this name,
 * and the line saying the camera stays off), desktop 1280x800 and phone 390x844, English and
 * Chinese. Run with `npm run screenshots`; the PNGs land in docs/screenshots/.
 */
import type { Browser } from 'playwright-core';
import { describe, it } from 'vitest';
import { openPeople, person, ring, signIn } from '../support/people-page.js';
import { browserSuite } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';

const OUT = 'docs/screenshots';
const SIZES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } };
const LOCALES = { en: 'en-US', zh: 'zh-CN' };

describe('screenshots of the people page', () => {
  let server: Running;
  let browser: Browser;

  browserSuite((s, b) => ((server = s), (browser = b)), []); // one server and one Chromium for the file

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const [lang, locale] of Object.entries(LOCALES)) {
      it(`the incoming call on ${size} in ${lang}`, async () => {
        const caller = await openPeople(browser, server.url);
        const callee = await openPeople(browser, server.url, { viewport, locale });
        const calleeName = `Bob ${size} ${lang}`;
        await signIn(caller, `Alice ${size} ${lang}`);
        await signIn(callee, calleeName);
        await person(caller, calleeName).waitFor({ timeout: 20_000 });
        await ring(caller, callee, calleeName);
        await callee.screenshot({ path: `${OUT}/${size}-people-incoming-${lang}.png` });
        await callee.context().close();
        await caller.context().close();
      });
    }
  }
});
