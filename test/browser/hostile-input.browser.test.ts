/**
 * Hostile input the page must shrug off, in real Chromium: a peer
 * sending out-of-range data-channel messages (D8), a peer flooding the chat log
 * with messages and refused file offers, and room names made only of dots, whose
 * links a browser cannot open (D10).
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { joinCall, openChat, submitRoomName, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { channelsOpen, GRAB_ALL_CHANNELS } from '../support/hostile-peer.js';
import { MAX_LOG_ROWS, PEER_BURST } from '../../src/public/js/view/chat.js';
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

  /** Mallory (with `script` in her page) joins `room` first, then Bob. */
  async function hostileCall(room: string, script: string): Promise<{ mallory: Page; bob: Page }> {
    const { context, page: mallory } = await newPerson(browser);
    pages.push(mallory);
    await context.addInitScript(script);
    await mallory.goto(`${server.url}/r/${room}`);
    await mallory.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    await mallory.click('#join');
    const bob = await joinCall(browser, server.url, room);
    pages.push(bob);
    return { mallory, bob };
  }

  it('ignores a chat message with an absurd time from the other person, without an error', async () => {
    const room = uniqueRoom('hostile-chat');
    const { mallory, bob } = await hostileCall(room, GRAB_CHANNEL);
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
    expect(await bob.locator('#status').getAttribute('data-state')).toBe('connected');
  }, 180_000);

  it('keeps the chat log bounded when the other person floods it with thousands of messages and refused file offers', async () => {
    const room = uniqueRoom('hostile-flood');
    const { mallory, bob } = await hostileCall(room, GRAB_ALL_CHANNELS);
    const errors: string[] = [];
    bob.on('pageerror', (error) => errors.push(error.message));
    await waitForState(bob, 'connected', 30_000);
    await openChat(bob);
    await channelsOpen(mallory);

    // 12 copies of one message: one row that says ×12
    await mallory.evaluate(() => {
      const chat = (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((dc) => dc.label === 'duet' && dc.readyState === 'open')!;
      for (let i = 0; i < 12; i++) chat.send(JSON.stringify({ kind: 'chat', text: 'buy now', time: Date.now() }));
    });
    await expect.poll(() => bob.locator('#chat-log li.theirs .repeat').allTextContents(), { timeout: UI_WAIT_MS }).toEqual(['×12']);
    expect(await bob.locator('#chat-log li.theirs').count()).toBe(1);

    // then 1,500 distinct messages and 900 file offers too large to accept (twelve times the log's cap), as fast as the channels take them
    const sent = await mallory.evaluate(async () => {
      const channel = (label: string) => (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((dc) => dc.label === label && dc.readyState === 'open')!;
      const chat = channel('duet');
      const files = channel('files');
      const drain = async (dc: RTCDataChannel) => {
        while (dc.bufferedAmount > 1024 * 1024) await new Promise((ok) => setTimeout(ok, 5));
      };
      for (let i = 0; i < 1500; i++) {
        chat.send(JSON.stringify({ kind: 'chat', text: `spam ${i}`, time: Date.now() }));
        if (i % 500 === 0) await drain(chat);
      }
      for (let i = 0; i < 900; i++) {
        const id = i.toString(16).padStart(16, '0');
        files.send(JSON.stringify({ kind: 'offer', id, name: `huge-${i}.bin`, size: 2 ** 50, type: 'application/octet-stream' }));
        if (i % 500 === 0) await drain(files);
      }
      chat.send(JSON.stringify({ kind: 'chat', text: 'last one', time: Date.now() }));
      return true;
    });
    expect(sent).toBe(true);

    // everything has arrived once the notice counts all that was left out of the log
    const notices = bob.locator('#chat-log li.notice');
    await expect.poll(() => notices.count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const leftOut = async () => (await notices.allTextContents()).reduce((sum, text) => sum + Number(/\d+/.exec(text)?.[0] ?? 0), 0);
    const shown = async () => bob.locator('#chat-log li.theirs, #chat-log li.file').count();
    // 2,401 entries after the collapsed row: each is a row or counted as left out (rows past the cap are gone)
    await expect.poll(async () => (await leftOut()) + (await shown()), { timeout: 90_000 }).toBeGreaterThanOrEqual(2401 - MAX_LOG_ROWS);
    const rows = await bob.locator('#chat-log > li').count();
    expect(rows).toBeLessThanOrEqual(MAX_LOG_ROWS);
    expect(await bob.locator('#chat-log *').count()).toBeLessThan(MAX_LOG_ROWS * 40);
    // the burst went through, the rest was refused, and one row says so
    expect(await shown()).toBeGreaterThanOrEqual(PEER_BURST - 1);
    expect(await notices.count()).toBe(1);
    expect(await notices.textContent()).toMatch(/^Too many messages from the other person at once: \d+ not shown\.$/);
    // and the page still answers at once: typing and sending a message of our own works
    await bob.fill('#chat-input', 'still responsive');
    await bob.press('#chat-input', 'Enter');
    await expect.poll(() => bob.locator('#chat-log li.mine .text').last().textContent(), { timeout: UI_WAIT_MS }).toBe('still responsive');
    expect(errors).toEqual([]);
    expect(await bob.locator('#status').getAttribute('data-state')).toBe('connected');
  }, 360_000);

  it.each(['.', '..', '...'])(
    'the home page refuses the room name %j and stays home',
    async (name) => {
      const { page } = await newPerson(browser);
      pages.push(page);
      await submitRoomName(page, server.url, name);
      await page.locator('#room-error').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
      expect(await page.textContent('#room-error')).toContain('not only dots');
      expect(new URL(page.url()).pathname).toBe('/');
    },
    180_000,
  );

  it.each(['a.', '.a'])(
    'a room link with a leading or trailing dot (%j) opens that room',
    async (name) => {
      const { page } = await newPerson(browser);
      pages.push(page);
      await submitRoomName(page, server.url, name);
      await page.waitForURL((url) => url.pathname.startsWith('/r/'), { timeout: UI_WAIT_MS });
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/r/${name}`);
      await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    },
    180_000,
  );
});
