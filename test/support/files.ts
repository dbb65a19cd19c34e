/**
 * Helpers for the file-transfer browser tests: two people in a call with the
 * chat panel open and files sendable, test files written to disk (never held
 * in test memory), SHA-256 of a file on disk, and a transfer item's state.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { once } from 'node:events';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { joinCall, openChat, waitForState } from './page-call.js';

/** Alice waits, Bob joins (from `bobBrowser`, by default the same Chromium); both end connected with the chat open and `#file-input` enabled. */
export async function filesCall(browser: Browser, baseUrl: string, room: string, pages: Page[], bobBrowser = browser): Promise<{ alice: Page; bob: Page }> {
  const alice = await joinCall(browser, baseUrl, room);
  pages.push(alice);
  await waitForState(alice, 'waiting', 30_000);
  const bob = await joinCall(bobBrowser, baseUrl, room);
  pages.push(bob);
  for (const page of [alice, bob]) {
    await waitForState(page, 'connected', 60_000);
    await openChat(page);
    await page.locator('#file-input:not([disabled])').waitFor({ state: 'attached', timeout: 30_000 });
  }
  return { alice, bob };
}

/** Writes `bytes` of random data to `path` one MiB at a time; returns its SHA-256 (hex). */
export async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const out = createWriteStream(path);
  for (let left = bytes; left > 0;) {
    const block = randomBytes(Math.min(left, 1024 * 1024));
    hash.update(block);
    if (!out.write(block)) await once(out, 'drain');
    left -= block.length;
  }
  out.end();
  await once(out, 'finish');
  return hash.digest('hex');
}

export async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const block of createReadStream(path)) hash.update(block as Buffer);
  return hash.digest('hex');
}

/** The newest transfer item in the page's chat log, ours (`mine`) or theirs. */
export function lastFile(page: Page, side: 'mine' | 'theirs'): Locator {
  return page.locator(`#chat-log li.file.${side}`).last();
}

/** Waits until the item's `data-state` is `state` (a failure names the state it was in). */
export async function waitForFileState(item: Locator, state: string, timeout: number): Promise<void> {
  await expect.poll(() => item.getAttribute('data-state'), { timeout, interval: 250 }).toBe(state);
}

/** Bytes done so far, from the item's progress bar. */
export async function progressBytes(item: Locator): Promise<number> {
  return item.locator('progress.file-progress').evaluate((bar) => (bar as HTMLProgressElement).value);
}

/** Resident memory (bytes) of every renderer process of the Chromium launched with `marker` among its flags (Linux /proc). */
export async function rendererRss(marker: string): Promise<number> {
  const pids = (await readdir('/proc')).filter((name) => /^\d+$/u.test(name));
  const info = new Map<string, { parent: string; cmdline: string }>();
  for (const pid of pids) {
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const parent = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1] ?? '';
      info.set(pid, { parent, cmdline: (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ') });
    } catch {
      // the process ended meanwhile
    }
  }
  const root = [...info].find(([, p]) => p.cmdline.includes(marker) && !p.cmdline.includes('--type='))?.[0];
  if (!root) throw new Error(`no Chromium launched with ${marker}`);
  const inTree = (pid: string): boolean => pid === root || (info.has(pid) && pid !== '1' && inTree(info.get(pid)!.parent));
  let total = 0;
  for (const [pid, p] of info) {
    if (!p.cmdline.includes('--type=renderer') || p.cmdline.includes('--top-chrome-webui') || !inTree(pid)) continue;
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    total += Number(/VmRSS:\s+(\d+) kB/u.exec(status)?.[1] ?? 0) * 1024;
  }
  return total;
}
