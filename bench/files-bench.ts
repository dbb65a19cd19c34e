/**
 * Part 5: file-transfer throughput on loopback in headless Chromium. In one
 * page, the same bytes (BENCH_FILE_MB, 200 MB) go once through a bare
 * RTCDataChannel with the same chunking and pacing, and once through duet's
 * transfer modules (offer, accept, 17-byte chunk headers, SHA-256 on both
 * sides, Blob reassembly); also the page's SHA-256 speed, which bounds it.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { FILES_PAGE } from './files-page.js';
import type { BenchOptions } from './options.js';
import { spkiHash } from '../test/support/chromium.js';
import { startServer, type BenchEnv } from './servers.js';
import { median, ratio, round } from './stats.js';

export interface FilesResult {
  megabytes: number;
  /** MB/s per round: bare, duet as the page runs it (SHA-256 in Workers), duet hashing on the page's thread. */
  bare: number[];
  duet: number[];
  duetInThread: number[];
  bareMedian: number;
  duetMedian: number;
  duetInThreadMedian: number;
  /** SHA-256 in the page, MB/s: @noble/hashes incremental, and crypto.subtle one-shot. */
  hash: { noble: number; native: number };
}

const CHROMIUM = '/usr/bin/chromium';
const ENTRY = `
  export { createFileTransfers } from './src/public/js/files/transfers.js';
  export { createWorkerHasher } from './src/public/js/files/hash-client.js';
  export { sha256 } from '@noble/hashes/sha2.js';
`;

export async function benchFiles(options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<FilesResult | undefined> {
  if (!existsSync(CHROMIUM)) {
    say(`  NOTICE: ${CHROMIUM} not found: file transfer not measured`);
    return undefined;
  }
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: resolve('.'), loader: 'ts' },
    bundle: true,
    format: 'iife',
    globalName: 'm',
    write: false,
    target: ['chrome100'],
  });
  const bundle = `window.m = (() => { ${out.outputFiles[0]!.text}; return m; })();`;
  const server = await startServer('duet', env, 'files');
  const spki = spkiHash(await readFile(join(env.certsDir, 'cert.pem'), 'utf8'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', `--ignore-certificate-errors-spki-list=${spki}`] });
  try {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`https://127.0.0.1:${server.port}/`); // a secure context, for crypto.subtle
    await page.evaluate(bundle);
    await page.evaluate(FILES_PAGE);
    const bytes = options.fileMegabytes * 1e6;
    await page.evaluate((n) => void (window as unknown as { makeBlob(n: number): Blob }).makeBlob(n), bytes);
    const bare: number[] = [];
    const duet: number[] = [];
    const duetInThread: number[] = [];
    const run = (name: 'bareSend' | 'duetSend', worker = false) =>
      page
        .evaluate(([fn, w]) => (window as unknown as Record<string, (w: boolean) => Promise<number>>)[fn]!(w), [name, worker] as const)
        .then((v) => round(v, 1));
    for (let i = 0; i < options.fileRounds; i++) {
      bare.push(await run('bareSend'));
      duet.push(await run('duetSend', true));
      duetInThread.push(await run('duetSend', false));
      say(`  round ${i + 1}: bare data channel ${bare[i]} MB/s, duet ${duet[i]} MB/s (hashing on the page's thread: ${duetInThread[i]} MB/s)`);
    }
    const hash = await page.evaluate(() => (window as unknown as { hashSpeeds(): Promise<{ noble: number; native: number }> }).hashSpeeds());
    const result = {
      megabytes: options.fileMegabytes,
      bare,
      duet,
      duetInThread,
      bareMedian: median(bare),
      duetMedian: median(duet),
      duetInThreadMedian: median(duetInThread),
      hash: { noble: round(hash.noble, 1), native: round(hash.native, 1) },
    };
    say(
      `  ${result.megabytes} MB: duet ${result.duetMedian} MB/s, bare ${result.bareMedian} MB/s (${round(ratio(result.duetMedian, result.bareMedian), 2)}x); SHA-256 in the page ${result.hash.noble} MB/s (@noble/hashes), ${result.hash.native} MB/s (native)`,
    );
    return result;
  } finally {
    await browser.close();
    await server.stop();
  }
}
