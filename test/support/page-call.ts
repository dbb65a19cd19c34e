/**
 * Helpers for driving duet's room page in a real browser.
 */
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { mediaProgress, newPerson, type MediaProgress, type OpenOptions } from './browser.js';
import { UI_WAIT_MS } from './waits.js';

const WAIT = { timeout: UI_WAIT_MS, interval: 100 };

export interface JoinOptions extends OpenOptions {
  /** Typed into "Your name" before Join. */
  name?: string;
  /** Test instrumentation run in the page before its own scripts. */
  initScript?: string;
}

/** Opens `/r/<room>` as a new person and presses Join. */
export async function joinCall(browser: Browser, baseUrl: string, room: string, options: JoinOptions = {}): Promise<Page> {
  const { page } = await newPerson(browser, options);
  if (options.initScript) await page.context().addInitScript(options.initScript);
  await joinOn(page, baseUrl, room, options.name);
  return page;
}

/** Opens `/r/<room>` on a page already open (a person the tests share) and presses Join, typing `name` first if given. */
export async function joinOn(page: Page, baseUrl: string, room: string, name?: string): Promise<void> {
  await page.goto(`${baseUrl}/r/${encodeURIComponent(room)}`);
  await page.locator('#join:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
  if (name !== undefined) await page.fill('#name', name);
  await page.click('#join');
}

/** On the home page, types `name` as the room and presses Enter (the page then opens the room or says why not). */
export async function submitRoomName(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.fill('#room-input', name);
  await page.press('#room-input', 'Enter');
}

export async function statusOf(page: Page): Promise<{ state: string; text: string }> {
  return page.locator('#status').evaluate((el) => ({ state: (el as HTMLElement).dataset.state ?? '', text: el.textContent ?? '' }));
}

export async function waitForState(page: Page, state: string, timeout = UI_WAIT_MS): Promise<void> {
  await page.locator(`#status[data-state="${state}"]`).waitFor({ timeout });
}

/** Waits until `page` decodes video and receives audio, then until all of it keeps advancing. */
export async function expectMediaFlowing(page: Page, videoSelector = 'video#remote'): Promise<MediaProgress> {
  let first: MediaProgress | undefined;
  await expect
    .poll(async () => {
      first = await mediaProgress(page, videoSelector);
      return first.videoWidth > 0 && first.framesDecoded > 0 && first.audioPackets > 0;
    }, WAIT)
    .toBe(true);
  let later: MediaProgress | undefined;
  await expect
    .poll(async () => {
      later = await mediaProgress(page, videoSelector);
      return later.currentTime > first!.currentTime && later.framesDecoded > first!.framesDecoded && later.audioPackets > first!.audioPackets;
    }, WAIT)
    .toBe(true);
  return later!;
}

/** Just video: decoded frames keep rising from now on. */
export async function expectFramesRising(page: Page, videoSelector = 'video#remote'): Promise<void> {
  const start = await mediaProgress(page, videoSelector);
  await expect.poll(async () => (await mediaProgress(page, videoSelector)).framesDecoded > start.framesDecoded + 5, WAIT).toBe(true);
}

export async function openChat(page: Page): Promise<void> {
  if ((await page.getAttribute('#chat-toggle', 'aria-pressed')) !== 'true') await page.click('#chat-toggle');
  await page.locator('#chat-input:not([disabled])').waitFor({ timeout: UI_WAIT_MS });
}

let counter = 0;
export function uniqueRoom(label: string): string {
  return `${label}-${process.pid}-${++counter}`;
}
