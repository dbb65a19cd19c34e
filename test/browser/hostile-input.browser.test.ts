/**
 * Hostile input the page must shrug off, in real Chromium: a peer
 * sending out-of-range data-channel messages (D8), a peer flooding the chat log
 * with messages and refused file offers, and room names made only of dots, whose
 * links a browser cannot open (D10).
 */
import type { Browser, ConsoleMessage, Page } from 'playwright-core';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite, sharedPerson } from '../support/browser-suite.js';
import { joinCall, openChat, submitRoomName, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { channelsOpen, GRAB_ALL_CHANNELS } from '../support/hostile-peer.js';
import { MAX_LOG_ROWS, PEER_BURST } from '../../src/public/js/view/chat.js';
import { UI_WAIT, UI_WAIT_MS } from '../support/waits.js';

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

/** The flood after the repeated message: distinct messages, then file offers too large to accept. */
const FLOOD_MESSAGES = 600;
const FLOOD_OFFERS = 300;

/** What `page` reports while the current test runs: its uncaught errors and its console warnings. */
function watch(page: Page): { errors: string[]; warnings: string[] } {
  const seen = { errors: [] as string[], warnings: [] as string[] };
  const onError = (error: Error) => seen.errors.push(error.message);
  const onConsole = (message: ConsoleMessage) => message.type() === 'warning' && seen.warnings.push(message.text());
  page.on('pageerror', onError).on('console', onConsole);
  onTestFinished(() => void page.off('pageerror', onError).off('console', onConsole));
  return seen;
}

describe.runIf(browserTestsEnabled())('hostile input in the page', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  describe('a hostile peer in a call', () => {
    /**
     * The call both hostile-peer checks share, made by the first that asks: Mallory's page keeps every
     * data channel in `window.__dcs` (GRAB_ALL_CHANNELS) so the test can send on them what it likes;
     * Bob's is duet's page, connected, with the chat open. Neither check ends the call, and each looks
     * only at what arrived since it began; the call ends with the two checks, before the rest of the file.
     */
    let hostile: Promise<{ mallory: Page; bob: Page }> | undefined;
    const hostileCall = () =>
      (hostile ??= (async () => {
        const room = uniqueRoom('hostile');
        const mallory = await joinCall(browser, server.url, room, { initScript: GRAB_ALL_CHANNELS });
        const bob = await joinCall(browser, server.url, room);
        await waitForState(bob, 'connected');
        await openChat(bob);
        await channelsOpen(mallory, UI_WAIT_MS);
        return { mallory, bob };
      })());
    afterAll(async () => {
      const call = await hostile?.catch(() => undefined);
      for (const page of call ? [call.mallory, call.bob] : []) await page.context().close();
    });

    it('ignores a chat message with an absurd time from the other person, without an error', async () => {
      const { mallory, bob } = await hostileCall();
      const { errors, warnings } = watch(bob);
      const theirs = bob.locator('#chat-log li.theirs');
      const before = await theirs.count();

      await mallory.evaluate((frames) => {
        const dc = (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((c) => c.label === 'duet' && c.readyState === 'open')!;
        for (const frame of frames) dc.send(frame);
        dc.send(JSON.stringify({ kind: 'chat', text: 'still here', time: Date.now() }));
      }, HOSTILE_FRAMES);

      await expect.poll(async () => (await theirs.locator('.text').allTextContents()).slice(before), UI_WAIT).toEqual(['still here']);
      expect(await theirs.last().locator('time').textContent()).toMatch(/\d/);
      expect(errors).toEqual([]);
      expect(warnings.filter((w) => w.includes('ignored a data-channel message'))).toHaveLength(HOSTILE_FRAMES.length);
      expect(await bob.locator('#status').getAttribute('data-state')).toBe('connected');
    }, 180_000);

    it('keeps the chat log bounded when the other person floods it with hundreds of messages and refused file offers', async () => {
      const { mallory, bob } = await hostileCall();
      const { errors } = watch(bob);
      const theirs = bob.locator('#chat-log li.theirs');
      const before = await theirs.count();

      // 12 copies of one message: one row that says ×12
      await mallory.evaluate(() => {
        const chat = (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((dc) => dc.label === 'duet' && dc.readyState === 'open')!;
        for (let i = 0; i < 12; i++) chat.send(JSON.stringify({ kind: 'chat', text: 'buy now', time: Date.now() }));
      });
      await expect.poll(() => theirs.last().locator('.repeat').allTextContents(), UI_WAIT).toEqual(['×12']);
      expect(await theirs.last().locator('.text').textContent()).toBe('buy now');
      expect(await theirs.count()).toBe(before + 1);

      // then the flood: FLOOD_MESSAGES distinct messages and FLOOD_OFFERS file offers too large to accept (together
      // 4.5 times the log's cap), as fast as the channels take them, and one last message
      const shown = async () => bob.locator('#chat-log li.theirs, #chat-log li.file').count();
      const shownBefore = await shown();
      const sent = await mallory.evaluate(
        async ({ messages, offers }) => {
          const channel = (label: string) =>
            (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((dc) => dc.label === label && dc.readyState === 'open')!;
          const chat = channel('duet');
          const files = channel('files');
          const drain = async (dc: RTCDataChannel) => {
            while (dc.bufferedAmount > 1024 * 1024) await new Promise((ok) => setTimeout(ok, 5));
          };
          for (let i = 0; i < messages; i++) {
            chat.send(JSON.stringify({ kind: 'chat', text: `spam ${i}`, time: Date.now() }));
            if (i % 200 === 0) await drain(chat);
          }
          for (let i = 0; i < offers; i++) {
            const id = i.toString(16).padStart(16, '0');
            files.send(JSON.stringify({ kind: 'offer', id, name: `huge-${i}.bin`, size: 2 ** 50, type: 'application/octet-stream' }));
            if (i % 200 === 0) await drain(files);
          }
          chat.send(JSON.stringify({ kind: 'chat', text: 'last one', time: Date.now() }));
          return true;
        },
        { messages: FLOOD_MESSAGES, offers: FLOOD_OFFERS },
      );
      expect(sent).toBe(true);

      // everything has arrived once the notice counts all that was left out of the log
      const notices = bob.locator('#chat-log li.notice');
      await expect.poll(() => notices.count(), UI_WAIT).toBeGreaterThan(0);
      const leftOut = async () => (await notices.allTextContents()).reduce((sum, text) => sum + Number(/\d+/.exec(text)?.[0] ?? 0), 0);
      // each entry of the flood is a new row or counted as left out (rows past the cap are gone)
      const entries = FLOOD_MESSAGES + FLOOD_OFFERS + 1;
      await expect.poll(async () => (await leftOut()) + (await shown()) - shownBefore, { timeout: 90_000 }).toBeGreaterThanOrEqual(entries - MAX_LOG_ROWS);
      const rows = await bob.locator('#chat-log > li').count();
      expect(rows).toBeLessThanOrEqual(MAX_LOG_ROWS);
      expect(await bob.locator('#chat-log *').count()).toBeLessThan(MAX_LOG_ROWS * 40);
      // the burst went through (less the token the repeated message took), the rest was refused, and one row says so
      expect((await shown()) - shownBefore).toBeGreaterThanOrEqual(PEER_BURST - 1);
      expect(await notices.count()).toBe(1);
      expect(await notices.textContent()).toMatch(/^Too many messages from the other person at once: \d+ not shown\.$/);
      // and the page still answers at once: typing and sending a message of our own works
      await bob.fill('#chat-input', 'still responsive');
      await bob.press('#chat-input', 'Enter');
      await expect.poll(() => bob.locator('#chat-log li.mine .text').last().textContent(), UI_WAIT).toBe('still responsive');
      expect(errors).toEqual([]);
      expect(await bob.locator('#status').getAttribute('data-state')).toBe('connected');
    }, 360_000);
  });

  /** The person who types room names made of dots. */
  const shared = sharedPerson(() => browser);

  it.each(['.', '..', '...'])(
    'the home page refuses the room name %j and stays home',
    async (name) => {
      const page = await shared();
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
      const page = await shared();
      await submitRoomName(page, server.url, name);
      await page.waitForURL((url) => url.pathname.startsWith('/r/'), { timeout: UI_WAIT_MS });
      expect(decodeURIComponent(new URL(page.url()).pathname)).toBe(`/r/${name}`);
      await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
    },
    180_000,
  );
});
