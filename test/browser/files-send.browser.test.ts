/**
 * Sending files in a call between two browsers: offer, accept or decline,
 * progress, cancel from either side, a connection cut mid-way, several files
 * at once with chat flowing, and the SHA-256 of what arrives.
 *
 * Every test shares one call (a call costs this 2-core machine seconds of Chromium's time); the
 * cut ends it, so it comes last.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { filesCall, lastFile, progressBytes, sha256OfFile, waitForFileState, writeRandomFile } from '../support/files.js';
import { uniqueRoom } from '../support/page-call.js';
import type { Running } from '../support/server.js';

const MB = 1_000_000;
const LONG = 600_000; // a loaded 2-core machine has moved files at under 1 MB/s

describe.runIf(browserTestsEnabled())('sending files in a call', () => {
  let server: Running;
  let browser: Browser;
  let dir: string;
  let big: string;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages, {}, { own: true }); // the files go by path, not uploaded
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duet-files-'));
    big = join(dir, 'big.bin');
    await writeRandomFile(big, 100 * MB); // large enough to be caught mid-way (a quiet machine moves 10-30 MB/s here)
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });
  const sharedPages: Page[] = [];
  let shared: ReturnType<typeof filesCall> | undefined;
  const sharedCall = () => (shared ??= filesCall(browser, server.url, uniqueRoom('shared'), sharedPages));
  afterAll(async () => {
    for (const page of sharedPages) await page.context().close();
  });

  it('sends a 20 MB file the other person accepts, with the same SHA-256 on both sides and in the saved file', async () => {
    const { alice, bob } = await sharedCall();
    const path = join(dir, 'holiday photos.zip'); // generated on disk: handing Chromium a 20 MB buffer is slower still
    const sha256 = await writeRandomFile(path, 20 * MB); // more than one of the receiver's 16 MiB Blob parts
    await alice.setInputFiles('#file-input', path);
    const offer = lastFile(bob, 'theirs');
    await waitForFileState(offer, 'offered', 30_000);
    expect(await offer.locator('.file-name').textContent()).toBe('holiday photos.zip');
    expect(await offer.locator('.file-size').textContent()).toBe('20.0 MB');
    expect(await offer.locator('a[download]').count()).toBe(0); // nothing kept before accepting
    expect(await lastFile(alice, 'mine').locator('.file-status').textContent()).toBe('Waiting for them to accept');
    await offer.locator('.file-accept').click();
    await waitForFileState(offer, 'complete', LONG);
    await waitForFileState(lastFile(alice, 'mine'), 'complete', 30_000);
    expect(await lastFile(alice, 'mine').locator('.file-hash').textContent()).toBe(`SHA-256: ${sha256}`);
    expect(await offer.locator('.file-hash').textContent()).toBe(`SHA-256: ${sha256}`);
    const link = offer.locator('a.file-save[download]');
    expect(await link.getAttribute('download')).toBe('holiday photos.zip');
    const [download] = await Promise.all([bob.waitForEvent('download', { timeout: 60_000 }), link.click()]);
    expect(download.suggestedFilename()).toBe('holiday photos.zip');
    expect(await sha256OfFile(await download.path())).toBe(sha256);
  }, 900_000);

  it('a declined file is not sent, and both sides say so', async () => {
    const { alice, bob } = await sharedCall();
    await alice.setInputFiles('#file-input', { name: 'unwanted.txt', mimeType: 'text/plain', buffer: Buffer.from('no thanks') });
    const offer = lastFile(bob, 'theirs');
    await waitForFileState(offer, 'offered', 30_000);
    await offer.locator('.file-decline').click();
    await waitForFileState(lastFile(alice, 'mine'), 'declined', 30_000);
    expect(await lastFile(alice, 'mine').locator('.file-status').textContent()).toBe('They declined this file');
    expect(await offer.locator('.file-status').textContent()).toBe('You declined this file');
    expect(await offer.locator('a[download]').count()).toBe(0);
  }, 180_000);

  it('shows progress with speed and time left on both sides, and a cancel from either side tells the other', async () => {
    const { alice, bob } = await sharedCall();
    for (const [from, to, by] of [
      [alice, bob, 'receiver'],
      [bob, alice, 'sender'],
    ] as const) {
      await from.setInputFiles('#file-input', big);
      const incoming = lastFile(to, 'theirs');
      const outgoing = lastFile(from, 'mine');
      await waitForFileState(incoming, 'offered', 30_000);
      await incoming.locator('.file-accept').click();
      await expect.poll(() => progressBytes(incoming), { timeout: 60_000 }).toBeGreaterThan(2 * MB);
      for (const item of [incoming, outgoing])
        expect(await item.locator('.file-status').textContent()).toMatch(/ing · [\d.]+ [kMG]?B of 100 MB · [\d.]+ [kMG]?B\/s · [\d:–]+ left$/u);
      await (by === 'receiver' ? incoming : outgoing).locator('.file-cancel').click();
      await waitForFileState(incoming, 'cancelled', 30_000);
      await waitForFileState(outgoing, 'cancelled', 30_000);
      const [mine, theirs] = by === 'receiver' ? [incoming, outgoing] : [outgoing, incoming];
      expect(await mine.locator('.file-status').textContent()).toBe('You cancelled the transfer');
      expect(await theirs.locator('.file-status').textContent()).toBe('They cancelled the transfer');
      expect(await incoming.locator('a[download]').count()).toBe(0);
    }
  }, 900_000);

  it('sends two files at once while chat messages keep flowing between them', async () => {
    const { alice, bob } = await sharedCall();
    const files = [join(dir, 'one.bin'), join(dir, 'two.bin')];
    // the first spans two of the receiver's 16 MiB Blob parts and is still moving when the chat message comes
    const hashes = [await writeRandomFile(files[0]!, 17 * MB), await writeRandomFile(files[1]!, 4 * MB)];
    const earlier = await bob.locator('#chat-log li.file.theirs').count(); // the call's earlier tests sent files too
    const sent = await alice.locator('#chat-log li.file.mine').count();
    await alice.setInputFiles('#file-input', files);
    const all = bob.locator('#chat-log li.file.theirs');
    await expect.poll(() => all.count(), { timeout: 30_000 }).toBe(earlier + 2);
    const offers = [all.nth(earlier), all.nth(earlier + 1)];
    for (const offer of offers) await offer.locator('.file-accept').click();
    // the states of the transfers at the moment the message shows, seen by a MutationObserver on the log
    const states = bob.evaluate(
      (text) =>
        new Promise<Array<string | undefined>>((resolve, reject) => {
          const log = document.getElementById('chat-log')!;
          const look = () => {
            const said = [...log.querySelectorAll('li.theirs:not(.file) .text')].some((el) => el.textContent === text);
            if (!said) return;
            observer.disconnect();
            resolve([...log.querySelectorAll<HTMLElement>('li.file')].slice(-2).map((el) => el.dataset.state));
          };
          const observer = new MutationObserver(look);
          observer.observe(log, { childList: true, subtree: true });
          setTimeout(() => reject(new Error('the chat message did not arrive')), 60_000);
        }),
      'while the files move',
    );
    // sent from alice's page the moment her first file has 1 MB out (16 still to go): a message typed
    // through Playwright's round trips could come after the last byte on a fast run
    await alice.evaluate(
      ([text, index, after]) =>
        new Promise<void>((resolve, reject) => {
          const started = Date.now();
          const poll = setInterval(() => {
            const bar = document.querySelectorAll('#chat-log li.file.mine')[index]?.querySelector('progress');
            if (bar && bar.value > after) {
              clearInterval(poll);
              (document.getElementById('chat-input') as HTMLInputElement).value = text;
              (document.getElementById('chat-form') as HTMLFormElement).requestSubmit();
              resolve();
            } else if (Date.now() - started > 60_000) {
              clearInterval(poll);
              reject(new Error('the first file did not start moving'));
            }
          }, 5);
        }),
      ['while the files move', sent, MB] as const,
    );
    expect(await states).toContain('transferring');
    await bob.fill('#chat-input', 'got your message');
    await bob.press('#chat-input', 'Enter');
    await expect.poll(() => alice.locator('#chat-log li.theirs .text').last().textContent(), { timeout: 60_000 }).toBe('got your message');
    for (const offer of offers) await waitForFileState(offer, 'complete', LONG);
    expect(await Promise.all(offers.map((offer) => offer.locator('.file-hash').textContent()))).toEqual(hashes.map((h) => `SHA-256: ${h}`));
    expect(await Promise.all(offers.map((offer) => offer.locator('a.file-save').textContent()))).toEqual(['one.bin', 'two.bin']);
  }, 900_000);

  it('a connection cut mid-way says so on both sides', async () => {
    const { alice, bob } = await sharedCall();
    await alice.setInputFiles('#file-input', big);
    const incoming = lastFile(bob, 'theirs');
    await waitForFileState(incoming, 'offered', 30_000);
    await incoming.locator('.file-accept').click();
    await expect.poll(() => progressBytes(incoming), { timeout: 60_000 }).toBeGreaterThan(2 * MB);
    // the peer connection goes away under both pages (as when the network drops), not a click in duet
    await bob.evaluate(() => (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.forEach((pc) => pc.close()));
    await waitForFileState(lastFile(alice, 'mine'), 'connection-lost', 60_000);
    await waitForFileState(incoming, 'connection-lost', 60_000);
    for (const item of [lastFile(alice, 'mine'), incoming])
      expect(await item.locator('.file-status').textContent()).toBe('Connection lost: the transfer stopped');
    expect(await incoming.locator('a[download]').count()).toBe(0);
  }, 240_000);
});
