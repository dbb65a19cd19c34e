/**
 * Screenshots of the chat log under a flood from the other person (a repeated message
 * collapsed to "×12", the rows shown, one row counting what was left out): desktop
 * 1280x800 and phone 390x844, English and Chinese. `npm run screenshots`; PNGs in docs/screenshots/.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { newPerson } from '../support/browser.js';
import { openChat, waitForState } from '../support/page-call.js';
import { browserSuite } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';
import { channelsOpen, GRAB_ALL_CHANNELS } from '../support/hostile-peer.js';

const OUT = 'docs/screenshots';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

describe('screenshots', () => {
  let server: Running;
  let browser: Browser;

  browserSuite((s, b) => ((server = s), (browser = b)), []); // one server and one Chromium for the file

  async function person(room: string, name: string, viewport: { width: number; height: number }, locale: string, grab = false): Promise<Page> {
    const { context, page } = await newPerson(browser, { viewport, locale });
    if (grab) await context.addInitScript(GRAB_ALL_CHANNELS);
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: 60_000 });
    await page.fill('#name', name);
    await page.click('#join');
    return page;
  }

  for (const [label, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    for (const [lang, locale] of [
      ['en', 'en-US'],
      ['zh', 'zh-CN'],
    ] as const) {
      it(`${label} ${lang}: the chat log under a flood`, async () => {
        const room = `flood-${label}-${lang}`;
        const mallory = await person(room, 'Mallory', DESKTOP, locale, true);
        const victim = await person(room, lang === 'zh' ? '小明' : 'Bob', viewport, locale);
        await waitForState(victim, 'connected', 90_000);
        await openChat(victim);
        await channelsOpen(mallory, 60_000);
        await mallory.evaluate(() => {
          const channel = (l: string) => (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((dc) => dc.label === l && dc.readyState === 'open')!;
          for (let i = 0; i < 12; i++) channel('duet').send(JSON.stringify({ kind: 'chat', text: 'Cheap watches, click here!', time: Date.now() }));
        });
        await victim.locator('#chat-log .repeat').waitFor({ timeout: 60_000 });
        await victim.waitForFunction(() => document.querySelector('#chat-log .repeat')?.textContent === '×12', null, { timeout: 60_000 });
        await mallory.evaluate(() => {
          const channel = (l: string) => (window as unknown as { __dcs: RTCDataChannel[] }).__dcs.find((dc) => dc.label === l && dc.readyState === 'open')!;
          for (let i = 0; i < 400; i++) channel('duet').send(JSON.stringify({ kind: 'chat', text: `spam ${i}`, time: Date.now() }));
          for (let i = 0; i < 200; i++) {
            channel('files').send(
              JSON.stringify({ kind: 'offer', id: i.toString(16).padStart(16, '0'), name: `huge-${i}.bin`, size: 2 ** 50, type: 'application/octet-stream' }),
            );
          }
        });
        await victim.waitForFunction(() => Number(/\d+/.exec(document.querySelector('#chat-log li.notice')?.textContent ?? '')?.[0] ?? 0) >= 300, null, {
          timeout: 90_000,
        });
        await victim.screenshot({ path: `${OUT}/${label}-chat-flood-${lang}.png` });
        await mallory.close();
        await victim.close();
      }, 300_000);
    }
  }
});
