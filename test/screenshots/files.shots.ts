/**
 * Screenshots of a file transfer in progress for the README and docs/page.md:
 * the sender's desktop and the receiver's phone, in English and in Chinese.
 * Run with `npm run screenshots`; the PNGs land in docs/screenshots/.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson } from '../support/browser.js';
import { lastFile, progressBytes, waitForFileState, writeRandomFile } from '../support/files.js';
import { openChat, waitForState } from '../support/page-call.js';
import { startServer, type Running } from '../support/server.js';

const OUT = 'docs/screenshots';
const PHONE = { width: 390, height: 844 };

describe('screenshots of sending files', () => {
  let server: Running;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser({ cert: server.cert });
    dir = await mkdtemp(join(tmpdir(), 'duet-shots-'));
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function enter(room: string, name: string, viewport: { width: number; height: number }, locale: string): Promise<Page> {
    const { page } = await newPerson(browser, { viewport, locale });
    await page.goto(`${server.url}/r/${room}`);
    await page.locator('#join:not([disabled])').waitFor({ timeout: 10_000 });
    await page.fill('#name', name);
    await page.click('#join');
    return page;
  }

  for (const [locale, suffix, names] of [
    ['en-US', '', ['Alice', 'Bob']],
    ['zh-CN', '-zh', ['小梅', '小雷']],
  ] as const) {
    it(`a transfer in progress (${locale})`, async () => {
      const room = `files-shot${suffix}`;
      const alice = await enter(room, names[0], { width: 1280, height: 800 }, locale);
      await waitForState(alice, 'waiting');
      const bob = await enter(room, names[1], PHONE, locale);
      for (const page of [alice, bob]) {
        await waitForState(page, 'connected', 30_000);
        await openChat(page);
        await page.locator('#file-input:not([disabled])').waitFor({ state: 'attached', timeout: 30_000 });
      }
      await writeRandomFile(join(dir, 'notes.pdf'), 300_000);
      await writeRandomFile(join(dir, 'holiday-video.mp4'), 200_000_000);
      await alice.setInputFiles('#file-input', join(dir, 'notes.pdf'));
      await lastFile(bob, 'theirs').locator('.file-accept').click();
      await waitForFileState(lastFile(bob, 'theirs'), 'complete', 30_000);
      await alice.fill('#chat-input', locale === 'en-US' ? 'Here are the holiday videos too' : '假期的视频也发给你');
      await alice.press('#chat-input', 'Enter');
      await alice.setInputFiles('#file-input', join(dir, 'holiday-video.mp4'));
      const incoming = lastFile(bob, 'theirs');
      await waitForFileState(incoming, 'offered', 30_000);
      await bob.screenshot({ path: `${OUT}/phone-file-offer${suffix}.png` });
      await incoming.locator('.file-accept').click();
      await expect.poll(() => progressBytes(incoming), { timeout: 120_000 }).toBeGreaterThan(5_000_000);
      await alice.screenshot({ path: `${OUT}/desktop-file-sending${suffix}.png` });
      await incoming.locator('.file-cancel').click();
      await alice.context().close();
      await bob.context().close();
    }, 180_000);
  }
});
