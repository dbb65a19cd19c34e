/**
 * Part 4: call setup time in headless Chromium with fake devices, against the
 * floor of two RTCPeerConnections in one page signaling each other in memory.
 * Written against the call page's contract: /r/<room>, a #join button,
 * video#remote for the remote video, #status text.
 */
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import type { BenchOptions } from './options.js';
import { startServer, type BenchEnv } from './servers.js';
import { median, round } from './stats.js';
import { FIRST_FRAME_WATCH, floorCall } from './calls-page.js';

export interface CallsResult {
  status: 'ok' | 'page missing' | 'no browser';
  detail: string;
  /** Per call, ms from the second join to the first remote frame on both sides. */
  duet: number[];
  floor: number[];
  duetMedian: number;
  floorMedian: number;
  /** Median time of each step after the second person's join, per side, ms. */
  timeline?: { first: Steps; second: Steps };
}

function medianSteps(list: Array<{ first: Steps; second: Steps }>): { first: Steps; second: Steps } {
  const side = (pick: (c: { first: Steps; second: Steps }) => Steps): Steps => {
    const names = [...new Set(list.flatMap((c) => Object.keys(pick(c))))];
    const out: Steps = {};
    for (const name of names) out[name] = median(list.map((c) => pick(c)[name]).filter((v): v is number => v !== undefined));
    return Object.fromEntries(Object.entries(out).sort((x, y) => x[1] - y[1]));
  };
  return { first: side((c) => c.first), second: side((c) => c.second) };
}

function describeSteps(steps: Steps): string {
  return Object.entries(steps)
    .filter(([, ms]) => ms >= 0)
    .map(([name, ms]) => `${name} ${Math.round(ms)}`)
    .join(', ');
}

const CHROMIUM = '/usr/bin/chromium';
const FLAGS = ['--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

/** base64 SHA-256 of the server certificate's public key, for --ignore-certificate-errors-spki-list. */
export function spkiHash(certPem: string): string {
  const der = createPublicKey(certPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

function status(url: string, ca: string): Promise<number> {
  return new Promise((ok) => {
    const req = request(url, { ca, timeout: 5000 }, (res) => (res.resume(), ok(res.statusCode ?? 0)));
    req.on('error', () => ok(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

type Steps = Record<string, number>;

async function oneCall(browser: Browser, base: string, room: string, steps: Array<{ first: Steps; second: Steps }>): Promise<number> {
  const contexts: BrowserContext[] = [];
  try {
    const open = async () => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.addInitScript(FIRST_FRAME_WATCH);
      const page = await context.newPage();
      await page.goto(`${base}/r/${room}`);
      await page.waitForSelector('#join', { state: 'visible', timeout: 10_000 });
      return page;
    };
    const first = await open();
    const statusBefore = await first.textContent('#status').catch(() => null);
    await first.click('#join');
    await first.waitForFunction((before) => document.querySelector('#status')?.textContent !== before, statusBefore, { timeout: 10_000 }).catch(() => {});
    await first.waitForTimeout(300);
    const second = await open();
    const joinedAt = await second.evaluate(() => {
      const at = performance.timeOrigin + performance.now();
      (document.querySelector('#join') as HTMLElement).click();
      return at;
    });
    const frame = (p: typeof first) => p.waitForFunction(() => (window as { __firstRemoteFrame?: number }).__firstRemoteFrame, null, { timeout: 20_000, polling: 20 }).then((h) => h.jsonValue() as Promise<number>);
    const [a, b] = await Promise.all([frame(first), frame(second)]);
    const stepsOf = (p: typeof first) => p.evaluate(() => (window as { __benchSteps?: Record<string, number> }).__benchSteps ?? {});
    const relative = (s: Record<string, number>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v - joinedAt, 1)]));
    steps.push({ first: { ...relative(await stepsOf(first)), 'first remote frame': round(a - joinedAt, 1) }, second: { ...relative(await stepsOf(second)), 'first remote frame': round(b - joinedAt, 1) } });
    return Math.max(a, b) - joinedAt;
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

export async function benchCalls(options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<CallsResult> {
  const empty = { duet: [], floor: [], duetMedian: NaN, floorMedian: NaN };
  if (!existsSync(CHROMIUM)) {
    say(`  NOTICE: ${CHROMIUM} not found: call setup not measured`);
    return { status: 'no browser', detail: `${CHROMIUM} not found`, ...empty };
  }
  const server = await startServer('duet', env, 'calls');
  const spki = spkiHash(await readFile(join(env.certsDir, 'cert.pem'), 'utf8'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...FLAGS, `--ignore-certificate-errors-spki-list=${spki}`] });
  try {
    const base = `https://127.0.0.1:${server.port}`;
    const floorPage = await (await browser.newContext()).newPage();
    await floorPage.goto(`${base}/`);
    await floorPage.evaluate(floorCall); // warm-up
    const floor: number[] = [];
    for (let i = 0; i < options.calls; i++) floor.push(round(await floorPage.evaluate(floorCall), 1));
    const floorMedian = median(floor);
    say(`  floor: median ${round(floorMedian, 0)} ms over ${floor.length} in-page calls`);

    const code = await status(`${base}/r/bench-probe`, env.ca);
    if (code !== 200) {
      const detail = `the call page is missing: GET /r/<room> answered ${code} (the page branch is not merged yet)`;
      say(`  NOTICE: ${detail}; duet call setup not measured`);
      return { status: 'page missing', detail, ...empty, floor, floorMedian };
    }
    const tag = Date.now().toString(36);
    const steps: Array<{ first: Steps; second: Steps }> = [];
    await oneCall(browser, base, `bench-${tag}-warmup`, []);
    const duet: number[] = [];
    for (let i = 0; i < options.calls; i++) duet.push(round(await oneCall(browser, base, `bench-${tag}-${i}`, steps), 1));
    const timeline = medianSteps(steps);
    say(`  where the time goes (median ms after the second join): first person ${describeSteps(timeline.first)}; second person ${describeSteps(timeline.second)}`);
    const duetMedian = median(duet);
    say(`  duet: median ${round(duetMedian, 0)} ms over ${duet.length} calls (${round(duetMedian / floorMedian, 2)}x floor)`);
    return { status: 'ok', detail: '', duet, floor, duetMedian, floorMedian, timeline };
  } finally {
    await browser.close();
    await server.stop();
  }
}
