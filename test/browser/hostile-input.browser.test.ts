/**
 * Hostile input the page must shrug off, in real Chromium (issue 10): a peer
 * sending out-of-range data-channel messages (D8), and room names made only of
 * dots, whose links a browser cannot open (D10).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { joinCall, openChat, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** Keeps the page's data channel in `window.__dc` as soon as the page sends on it. */
const GRAB_CHANNEL = `{
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (data) { window.__dc = this; return send.call(this, data); };
}`;

const HOSTILE_FRAMES = [
  '{"kind":"chat","text":"x","time":1e300}',
  '{"kind":"chat","text":"y","time":-1e300}',
  '{"kind":"chat","text":{"length":1},"time":1}',
  '{"kind":"hello","name":{"toString":null}}',
  '{"kind":"state","muted":"yes","cameraOff":false,"screen":false}',
  '{"__proto__":{"kind":"bye"}}',
  '{"kind":"constructor"}',
  '[]',
  'null',
];

describe.runIf(browserTestsEnabled())('hostile input in the page', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  it('ignores a chat message with an absurd time from the other person, without an error', async () => {
    const room = uniqueRoom('hostile-chat');
    const { context, page: mallory } = await newPerson(browser);
    pages.push(mallory);
    await context.addInitScript(GRAB_CHANNEL);
    await mallory.goto(`${server.url}/r/${room}`);
    await mallory.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await mallory.click('#join');
    const bob = await joinCall(browser, server.url, room);
    pages.push(bob);
    const errors: string[] = [];
    const warnings: string[] = [];
    bob.on('pageerror', (error) => errors.push(error.message));
    bob.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await waitForState(bob, 'connected', 30_000);
    await openChat(bob);
    await expect.poll(() => mallory.evaluate(() => Boolean((window as unknown as { __dc?: RTCDataChannel }).__dc)), { timeout: UI_WAIT_MS }).toBe(true);

    await mallory.evaluate((frames) => {
      const dc = (window as unknown as { __dc: RTCDataChannel }).__dc;
      for (const frame of frames) dc.send(frame);
      dc.send(JSON.stringify({ kind: 'chat', text: 'still here', time: Date.now() }));
    }, HOSTILE_FRAMES);

    await expect.poll(() => bob.locator('#chat-log li.theirs .text').allTextContents(), { timeout: UI_WAIT_MS }).toEqual(['still here']);
    expect(await bob.locator('#chat-log li.theirs time').first().textContent()).toMatch(/\d/);
    expect(errors).toEqual([]);
    expect(warnings.filter((w) => w.includes('ignored a data-channel message'))).toHaveLength(HOSTILE_FRAMES.length);
    expect((await bob.locator('#status').getAttribute('data-state'))).toBe('connected');
  }, 90_000);

  it.each(['.', '..', '...'])('the home page refuses the room name %j and stays home', async (name) => {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`${server.url}/`);
    await page.fill('#room-input', name);
    await page.press('#room-input', 'Enter');
    await page.locator('#room-error').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await page.textContent('#room-error')).toContain('not only dots');
    expect(new URL(page.url()).pathname).toBe('/');
  }, 60_000);

  it.each(['a.', '.a'])('a room link with a leading or trailing dot (%j) opens that room', async (name) => {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`${server.url}/`);
    await page.fill('#room-input', name);
    await page.press('#room-input', 'Enter');
    await page.waitForURL((url) => url.pathname.startsWith('/r/'), { timeout: UI_WAIT_MS });
    expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/r/${name}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
  }, 60_000);
});
