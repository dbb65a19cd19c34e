/**
 * Part 7: what blur, noise suppression and recording cost on the device. Two pages of one headless Chromium
 * (fake camera and microphone) in a real duet call; the caller runs each mode for BENCH_EFFECTS_S seconds:
 * nothing on (the baseline), blur, noise suppression, recording, then all three. For each, the CPU time of
 * the whole browser (every Chromium process: pages, workers, audio and GPU threads) and its resident memory
 * at the end, read from /proc. Ratios are against the baseline of the same run.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import type { BenchOptions } from './options.js';
import { chromiumPath, spkiHash } from '../test/support/chromium.js';
import { startServer, type BenchEnv } from './servers.js';
import { ratio, round } from './stats.js';

export type EffectsMode = 'baseline' | 'blur' | 'noise' | 'record' | 'all';
export interface EffectsRow {
  mode: EffectsMode;
  /** CPU time of the whole browser per second of call (1000 = one core busy). */
  cpuMsPerS: number;
  /** Resident memory of every Chromium process at the end of the window, MB. */
  rssMB: number;
  cpuRatio: number;
  rssRatio: number;
}
export interface EffectsResult {
  seconds: number;
  rows: EffectsRow[];
}

const CHROMIUM = chromiumPath('browser'); // the whole browser, as people run it
const CLOCK_TICKS = 100; // USER_HZ on Linux
const PAGE_KB = 4;

/** Every process below `root` (and itself): user+system CPU ms and resident MB, from /proc. */
async function treeUsage(root: number): Promise<{ cpuMs: number; rssMB: number }> {
  const stats = new Map<number, { ppid: number; cpu: number; rss: number }>();
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const text = await readFile(join('/proc', name, 'stat'), 'utf8').catch(() => '');
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    if (fields.length < 22) continue;
    stats.set(Number(name), { ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]), rss: Number(fields[21]) });
  }
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 20; p = stats.get(p)?.ppid ?? 0, hops++) if (p === root) return true;
    return false;
  };
  let cpu = 0;
  let rss = 0;
  for (const [pid, s] of stats) {
    if (!inTree(pid)) continue;
    cpu += s.cpu;
    rss += s.rss;
  }
  return { cpuMs: (cpu * 1000) / CLOCK_TICKS, rssMB: (rss * PAGE_KB) / 1024 };
}

async function setMode(page: Page, mode: EffectsMode, on: boolean): Promise<void> {
  const buttons = mode === 'all' ? ['#blur', '#noise', '#record'] : mode === 'baseline' ? [] : [`#${mode}`];
  for (const button of buttons) {
    if ((await page.getAttribute(button, 'aria-pressed')) !== String(on)) await page.click(button);
    await page.waitForSelector(`${button}[aria-pressed="${on}"]`, { timeout: 60_000 });
  }
}

export async function benchEffects(options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<EffectsResult | undefined> {
  if (!existsSync(CHROMIUM)) {
    say(`  NOTICE: ${CHROMIUM} not found: the effects were not measured`);
    return undefined;
  }
  const server = await startServer('duet', env, 'effects');
  const spki = spkiHash(await readFile(join(env.certsDir, 'cert.pem'), 'utf8'));
  const launched = await chromium.launchServer({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      `--ignore-certificate-errors-spki-list=${spki}`,
    ],
  });
  const root = launched.process().pid!;
  const browser = await chromium.connect(launched.wsEndpoint());
  try {
    const open = async (name: string) => {
      const context = await browser.newContext({ permissions: ['camera', 'microphone'], acceptDownloads: true });
      const page = await context.newPage();
      await page.goto(`https://127.0.0.1:${server.port}/r/bench-effects`);
      await page.waitForSelector('#join:not([disabled])', { timeout: 60_000 });
      await page.fill('#name', name);
      await page.click('#join');
      return page;
    };
    const caller = await open('caller');
    await open('callee');
    await caller.waitForSelector('#status[data-state="connected"]', { timeout: 120_000 });
    const rows: EffectsRow[] = [];
    for (const mode of ['baseline', 'blur', 'noise', 'record', 'all'] as const) {
      await setMode(caller, mode, true);
      await new Promise((r) => setTimeout(r, 3000)); // the model or worklet loads before the window starts
      const before = await treeUsage(root);
      const started = Date.now();
      await new Promise((r) => setTimeout(r, options.effectsSeconds * 1000));
      const after = await treeUsage(root);
      const seconds = (Date.now() - started) / 1000;
      const row = { mode, cpuMsPerS: round((after.cpuMs - before.cpuMs) / seconds), rssMB: round(after.rssMB), cpuRatio: 1, rssRatio: 1 };
      rows.push(row);
      await setMode(caller, mode, false);
      say(`  ${mode}: ${row.cpuMsPerS} ms CPU a second, ${row.rssMB} MB resident`);
    }
    const base = rows[0]!;
    for (const row of rows) [row.cpuRatio, row.rssRatio] = [ratio(row.cpuMsPerS, base.cpuMsPerS), ratio(row.rssMB, base.rssMB)];
    return { seconds: options.effectsSeconds, rows };
  } finally {
    await browser.close();
    await launched.close();
    await server.stop();
  }
}
