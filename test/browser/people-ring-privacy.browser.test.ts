/**
 * What a ring may do to the person rung, in real Chromium: it shows the caller's name and rings,
 * and the camera and microphone stay closed until Accept (counted by wrapping getUserMedia before
 * the page loads); the incoming-call prompt's #block button declines and refuses that name's rings.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { expectMediaFlowing } from '../support/page-call.js';
import { PEOPLE_WAIT, openPeople, person, ring, signIn, someone as signedIn, uniqueName, waitForStatus } from '../support/people-page.js';
import type { Running } from '../support/server.js';

/** Counts the page's calls to getUserMedia. */
const COUNT_GET_USER_MEDIA = `
  window.__gum = 0;
  const native = MediaDevices.prototype.getUserMedia;
  MediaDevices.prototype.getUserMedia = function (...args) { window.__gum++; return native.apply(this, args); };
`;

const gumCalls = (page: Page) => page.evaluate(() => (window as unknown as { __gum: number }).__gum);
const connections = (page: Page) => page.evaluate(() => (window as unknown as { __pcs: unknown[] }).__pcs.length);

describe.runIf(browserTestsEnabled())('a ring and the camera of the person rung', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  const someone = (label: string) => signedIn(browser, server.url, pages, label);

  /** Bob on /people with getUserMedia counted from the first script on. */
  async function countedBob(): Promise<{ page: Page; name: string }> {
    const page = await openPeople(browser, server.url);
    pages.push(page);
    await page.addInitScript(COUNT_GET_USER_MEDIA);
    await page.reload();
    const name = uniqueName('bob');
    await signIn(page, name);
    return { page, name };
  }

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  it('a stranger ringing opens neither camera nor microphone; Accept does', async () => {
    const bob = await countedBob();
    const mallory = await someone('mallory');
    await person(mallory.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(mallory.page, bob.page, bob.name);
    expect(await bob.page.textContent('#incoming-text')).toBe(`${mallory.name} is calling you`);
    // the spare connection made on the ring exists: the page has done what a ring makes it do
    await expect.poll(() => connections(bob.page), PEOPLE_WAIT).toBeGreaterThan(0);
    expect(await gumCalls(bob.page)).toBe(0);
    await bob.page.click('#accept');
    await expectMediaFlowing(bob.page);
    expect(await gumCalls(bob.page)).toBeGreaterThan(0);
  }, 180_000);

  it('declining leaves the camera closed too', async () => {
    const bob = await countedBob();
    const mallory = await someone('mallory');
    await person(mallory.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(mallory.page, bob.page, bob.name);
    await bob.page.click('#decline');
    await waitForStatus(mallory.page, 'declined your call');
    expect(await gumCalls(bob.page)).toBe(0);
  }, 120_000);

  it('the block button ends the ring and refuses that name from then on, not others', async () => {
    const bob = await countedBob();
    const mallory = await someone('mallory');
    const carol = await someone('carol');
    await person(mallory.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(mallory.page, bob.page, bob.name);
    expect(await bob.page.textContent('#block')).toBe('Block this name');
    await bob.page.click('#block');
    await waitForStatus(mallory.page, 'declined your call');
    await bob.page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await mallory.page.fill('#call-name', bob.name);
    await mallory.page.click('#call');
    await expect.poll(() => mallory.page.locator('#outgoing').isVisible(), PEOPLE_WAIT).toBe(false);
    await waitForStatus(mallory.page, 'declined your call');
    expect(await bob.page.isVisible('#incoming')).toBe(false);
    await person(carol.page, bob.name).waitFor(PEOPLE_WAIT);
    await ring(carol.page, bob.page, bob.name);
    expect(await bob.page.textContent('#incoming-text')).toBe(`${carol.name} is calling you`);
    expect(await gumCalls(bob.page)).toBe(0);
  }, 180_000);
});
