/**
 * ACCESS_CODE on the pages, in real Chromium: the people page and the room page ask for the
 * code once, a wrong code asks again, the right one connects and is remembered.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { uniqueRoom, waitForState } from '../support/page-call.js';
import { PEOPLE_WAIT, openPeople, signIn, uniqueName } from '../support/people-page.js';
import type { Running } from '../support/server.js';

const CODE = 'kitchen-7391';

async function answer(page: Page, code: string): Promise<void> {
  await page.locator('#access-code').waitFor({ state: 'visible', ...PEOPLE_WAIT });
  await page.fill('#access-code', code);
  await page.click('#access-submit');
}

describe.runIf(browserTestsEnabled())('the access code on the pages', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];

  browserSuite((s, b) => ((server = s), (browser = b)), pages, { people: { ...PEOPLE_DEFAULTS, accessCode: CODE } });

  it('the people page asks for the code, again after a wrong one, then signs in and remembers it', async () => {
    const page = await openPeople(browser, server.url);
    pages.push(page);
    expect(await page.isVisible('#access-note')).toBe(false);
    await answer(page, 'wrong-code');
    await page.locator('#access-note').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    expect(await page.textContent('#access-note')).toContain('not accepted');
    await answer(page, CODE);
    await signIn(page, uniqueName('coded'));
    await page.reload();
    await page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    expect(await page.locator('#access-form').count()).toBe(0);
  }, 120_000);

  it('the room page asks for the code in a dialog that blocks Join beneath it, and then joins', async () => {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`${server.url}/r/${uniqueRoom('coded')}`);
    await page.locator('#access-code').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    // what a click on Join would reach while the code is asked: the dialog (or its backdrop), not Join
    const underJoin = await page.locator('#join').evaluate((join) => {
      const box = join.getBoundingClientRect();
      const hit = document.elementFromPoint(box.left + box.width / 2, box.top + box.height / 2);
      return { onJoin: hit === join || join.contains(hit), inDialog: hit?.closest('dialog')?.open === true };
    });
    expect(underJoin).toEqual({ onJoin: false, inDialog: true });
    await answer(page, CODE);
    expect(await page.locator('dialog').count()).toBe(0);
    await page.locator('#join:not([disabled])').waitFor(PEOPLE_WAIT);
    await page.click('#join');
    await waitForState(page, 'waiting');
  }, 120_000);
});
