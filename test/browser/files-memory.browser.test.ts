/**
 * The sender holds a bounded part of a file however large it is: it reads the
 * file one slice (1 MiB) at a time and sends only while the channel buffers
 * less than its high-water mark (4 MiB). The page records every read of the
 * file and the channel's buffered amount at every send, while a 12 MB file (three times the mark)
 * goes to the other person and arrives whole. A sender that read the whole file
 * at once, or sent without waiting for room, fails here with any file size.
 * (What this means for a real page's memory was measured once with 500 MB:
 * docs/benchmarks.md, "File transfer".)
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { filesCall, lastFile, waitForFileState, writeRandomFile } from '../support/files.js';
import { uniqueRoom } from '../support/page-call.js';
import type { Running } from '../support/server.js';

const MB = 1_000_000;
const MiB = 1024 * 1024;
const FILE_BYTES = 12 * MB;
/** The sender's pacing (src/public/js/files/transfer.ts): 16 chunks of 64 KiB read at once, sending paused at 4 MiB buffered. */
const READ_BYTES = MiB;
const HIGH_WATER = 4 * MiB;
const CHUNK_FRAME = 64 * 1024 + 17;

/** Test-only instrumentation of the sending page: the size of every read of a Blob, and `bufferedAmount` before every binary send. */
const RECORD_READS_AND_SENDS = `
  window.__reads = [];
  window.__buffered = [];
  const slice = Blob.prototype.slice;
  Blob.prototype.slice = function (...args) {
    const part = slice.apply(this, args);
    const read = part.arrayBuffer;
    part.arrayBuffer = function () { window.__reads.push(part.size); return read.call(part); };
    return part;
  };
  const send = RTCDataChannel.prototype.send;
  RTCDataChannel.prototype.send = function (data) {
    if (typeof data !== 'string' && this.label === 'files') window.__buffered.push(this.bufferedAmount);
    return send.call(this, data);
  };
`;

describe.runIf(browserTestsEnabled())('sending a large file', () => {
  let server: Running;
  let browser: Browser;
  let dir: string | undefined;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages, {}, { own: true }); // the files go by path, not uploaded
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'duet-files-'));
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('reads the file a slice at a time and never buffers more than the high-water mark, and the file arrives whole', async () => {
    const path = join(dir!, 'large.bin');
    const sha256 = await writeRandomFile(path, FILE_BYTES);
    const { alice, bob } = await filesCall(browser, server.url, uniqueRoom('memory'), pages);
    await alice.evaluate(RECORD_READS_AND_SENDS);
    await alice.setInputFiles('#file-input', path);
    const incoming = lastFile(bob, 'theirs');
    await waitForFileState(incoming, 'offered', 30_000);
    await incoming.locator('.file-accept').click();
    await waitForFileState(lastFile(alice, 'mine'), 'complete', 300_000);
    await waitForFileState(incoming, 'complete', 60_000);
    expect(await lastFile(alice, 'mine').locator('.file-hash').textContent()).toBe(`SHA-256: ${sha256}`);
    expect(await incoming.locator('.file-hash').textContent()).toBe(`SHA-256: ${sha256}`);
    const { reads, buffered } = await alice.evaluate(() => {
      const w = window as unknown as { __reads: number[]; __buffered: number[] };
      return { reads: w.__reads, buffered: w.__buffered };
    });
    // the page's own reads of the file (the hashing worker reads its own slices, in its own thread)
    const pageReads = reads.filter((size) => size > 0);
    expect(pageReads.length).toBeGreaterThanOrEqual(Math.ceil(FILE_BYTES / READ_BYTES));
    expect(Math.max(...pageReads)).toBeLessThanOrEqual(READ_BYTES);
    expect(pageReads.reduce((a, b) => a + b, 0)).toBe(FILE_BYTES); // every byte read once
    expect(buffered.length).toBeGreaterThanOrEqual(Math.ceil(FILE_BYTES / (64 * 1024)));
    expect(Math.max(...buffered)).toBeLessThan(HIGH_WATER + CHUNK_FRAME);
  }, 420_000);
});
