/**
 * A call made with the keyboard alone (keyboard.press and keyboard.type, never a click): on the
 * room page, and by name on /people answered with Enter. Focus is never left on <body> after a
 * state change, is visible where it lands, and shortcuts do not fire while typing.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, openTracked } from '../support/browser-suite.js';
import { uniqueRoom, waitForState } from '../support/page-call.js';
import { PEOPLE_WAIT, uniqueName } from '../support/people-page.js';
import type { Running } from '../support/server.js';
import { UI_WAIT, UI_WAIT_MS } from '../support/waits.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';

/** Guards, not targets: a whole call driven key by key takes minutes on a loaded 2-core machine. */
const CALL_GUARD_MS = 300_000;

/** The id of what has focus ('BODY' when focus is lost), and whether it shows a focus ring. */
async function focused(page: Page): Promise<{ id: string; visible: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { id: 'BODY', visible: false };
    const style = getComputedStyle(el);
    return { id: el.id || el.tagName, visible: el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 };
  });
}

/** Presses Tab until `id` has focus (as a person would), failing after `max` presses. */
async function tabTo(page: Page, id: string, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    if ((await focused(page)).id === id) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} not reached with Tab in ${max} presses (focus on ${(await focused(page)).id})`);
}

/** Waits until focus is on `id` (set by the page after a state change). */
async function focusLandsOn(page: Page, id: string): Promise<void> {
  await expect.poll(async () => (await focused(page)).id, UI_WAIT).toBe(id);
}

const announced = (page: Page, id = 'announce-polite') => page.locator(`#${id}`).evaluate((el) => el.textContent ?? '');

describe.runIf(browserTestsEnabled())('a call with the keyboard alone', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  // a ring that outlasts the slow steps of a loaded machine: the test answers or declines it itself
  browserSuite((s, b) => ((server = s), (browser = b)), pages, { people: { ...PEOPLE_DEFAULTS, ringTimeoutS: 600 } });

  async function joinByKeyboard(page: Page, room: string, name: string): Promise<void> {
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor(UI_WAIT);
    await tabTo(page, 'name');
    await page.keyboard.press('Control+A');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter'); // Enter in "Your name" joins
    await page.locator('#call-view:not(.staged):not([hidden])').waitFor(UI_WAIT);
    await focusLandsOn(page, 'mute');
  }

  it(
    'joins, chats, opens and closes the panels and hangs up on the room page without a mouse',
    async () => {
      const room = uniqueRoom('keys');
      const { page: alice } = await openTracked(browser, pages);
      const { page: bob } = await openTracked(browser, pages);
      await joinByKeyboard(alice, room, 'Alice');
      expect((await focused(alice)).visible).toBe(true);
      await waitForState(alice, 'waiting');
      await joinByKeyboard(bob, room, 'Bob');
      await waitForState(alice, 'connected');
      await waitForState(bob, 'connected');
      await expect.poll(() => announced(alice), UI_WAIT).toBe('Connected with Bob.');

      // C opens the chat with focus on the panel, so the I that follows opens the statistics, not an "i" typed
      await alice.locator('#chat-input:not([disabled])').waitFor({ state: 'attached', timeout: UI_WAIT_MS });
      await alice.keyboard.press('c');
      await alice.locator('#chat').waitFor({ state: 'visible', ...UI_WAIT });
      await alice.keyboard.press('i');
      await alice.locator('#stats-panel').waitFor({ state: 'visible', ...UI_WAIT });
      expect(await alice.inputValue('#chat-input')).toBe('');
      expect((await focused(alice)).id).toBe('chat');

      await tabTo(alice, 'chat-input');
      await alice.keyboard.type('hi by keyboard');
      await alice.keyboard.press('Enter');
      await bob.locator('#chat-log li .text', { hasText: 'hi by keyboard' }).waitFor({ state: 'attached', ...UI_WAIT }); // Bob's chat is closed

      // Escape closes the chat (focus back on its button), then the statistics
      await alice.keyboard.press('Escape');
      await alice.locator('#chat').waitFor({ state: 'hidden', ...UI_WAIT });
      expect(await focused(alice)).toEqual({ id: 'chat-toggle', visible: true });
      await alice.keyboard.press('Escape');
      await alice.locator('#stats-panel').waitFor({ state: 'hidden', ...UI_WAIT });
      expect((await focused(alice)).id).not.toBe('BODY');

      // Shift+H hangs up: focus goes to "Join again", and Bob hears that Alice left
      await alice.keyboard.press('Shift+H');
      await waitForState(alice, 'ended');
      await focusLandsOn(alice, 'rejoin');
      await waitForState(bob, 'left');
      await expect.poll(() => announced(bob), UI_WAIT).toMatch(/^The other person left/);
    },
    CALL_GUARD_MS,
  );

  async function signInByKeyboard(page: Page, name: string): Promise<void> {
    await page.goto(`${server.url}/people`);
    await page.locator('#login-name').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await tabTo(page, 'login-name');
    await page.keyboard.type(name);
    await page.keyboard.press('Enter');
    await page.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
    await focusLandsOn(page, 'call-name');
  }

  it(
    'calls by name on /people, answered with Enter, and gives focus back after the call; Escape declines',
    async () => {
      const { page: callee } = await openTracked(browser, pages);
      const { page: caller } = await openTracked(browser, pages);
      const calleeName = uniqueName('keyed');
      await signInByKeyboard(callee, calleeName);
      const callerName = uniqueName('keyer');
      await signInByKeyboard(caller, callerName);

      const ring = async () => {
        await caller.keyboard.type(calleeName);
        await caller.keyboard.press('Enter');
        await caller.locator('#outgoing').waitFor({ state: 'visible', ...PEOPLE_WAIT });
        await focusLandsOn(caller, 'cancel');
        await callee.locator('#incoming').waitFor({ state: 'visible', ...PEOPLE_WAIT });
        await focusLandsOn(callee, 'accept');
        await expect.poll(() => announced(callee, 'announce-urgent'), UI_WAIT).toBe(`${callerName} is calling you. Enter answers, Escape declines.`);
      };

      await ring();
      expect((await focused(callee)).visible).toBe(true);
      await callee.keyboard.press('Enter'); // answers
      await waitForState(callee, 'connected');
      await waitForState(caller, 'connected');
      await focusLandsOn(callee, 'mute');

      await callee.keyboard.press('Shift+H');
      await callee.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      await caller.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      await focusLandsOn(callee, 'call-name'); // where it was before the ring
      await focusLandsOn(caller, 'call-name');

      // a second ring: Escape declines it, and focus goes back to the name box
      await caller.keyboard.press('Control+A');
      await ring();
      await callee.keyboard.press('Escape');
      await callee.locator('#incoming').waitFor({ state: 'hidden', ...PEOPLE_WAIT });
      await focusLandsOn(callee, 'call-name');
      await caller.locator('#directory').waitFor({ state: 'visible', ...PEOPLE_WAIT });
      await focusLandsOn(caller, 'call-name');
    },
    CALL_GUARD_MS,
  );
});
