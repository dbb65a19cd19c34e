/**
 * Part 4: call setup time in headless Chromium with fake devices: duet's room
 * page against the plain tutorial page on the bare Socket.IO relay
 * (bench/plain-page.ts, bench/baseline-sio.ts), calls alternating between the
 * two, and against the floor of two RTCPeerConnections in one page signaling
 * each other in memory. Both pages share one contract: a #join button,
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

/** Step name to ms after the second person's Join click. */
export type Steps = Record<string, number>;
export type Sides = { first: Steps; second: Steps };

export interface CallsResult {
  status: 'ok' | 'page missing' | 'no browser';
  detail: string;
  /** Per call, ms from the second join to the first remote frame on both sides. */
  duet: number[];
  plain: number[];
  floor: number[];
  duetMedian: number;
  plainMedian: number;
  /** With BENCH_SERVERS including duet-b: another build's page (BENCH_DUET_B), in the same rounds. */
  duetB?: number[];
  duetBMedian?: number;
  floorMedian: number;
  /** Median time of each step after the second person's join, per side and page, ms (negative: before the click). */
  timeline?: { duet: Sides; plain: Sides; duetB?: Sides };
  /** Call by name (Accept to first remote frame on both sides): needs issue 12's /people page, not merged yet. */
  byName: { status: 'not measured'; detail: string };
}

const BY_NAME = { status: 'not measured', detail: 'calling by name (issue 12) is not merged: no /people page to drive yet' } as const;

function medianSteps(list: Sides[]): Sides {
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

/** Not a step: main-thread time spent in long tasks (over 50 ms) during the call's setup, ms. */
export const LONG_TASKS = 'long tasks';

/** A local camera video shows frames and #join is enabled (in the page). */
const CAMERA_RUNNING = () =>
  [...document.querySelectorAll('video')].some((v) => v.srcObject && v.videoWidth > 0) && !(document.querySelector('#join') as HTMLButtonElement).disabled;
/** Time given to a page after its camera runs, so the click does not land in its start-up work. */
const SETTLE_MS = 500;
/** How long the first person waits in the room before the second one joins. */
const WAITING_MS = 1000;

/** One call between two fresh pages at `url`; pushes its step times to `steps`. */
async function oneCall(browser: Browser, url: string, steps: Sides[]): Promise<number> {
  const contexts: BrowserContext[] = [];
  try {
    const open = async () => {
      const context = await browser.newContext();
      contexts.push(context);
      await context.addInitScript(FIRST_FRAME_WATCH);
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector('#join', { state: 'visible', timeout: 10_000 });
      // the camera is already running (a local video shows frames) and Join can be clicked
      await page.waitForFunction(CAMERA_RUNNING, null, { timeout: 20_000, polling: 50 });
      await page.waitForTimeout(SETTLE_MS);
      return page;
    };
    const first = await open();
    const statusBefore = await first.textContent('#status').catch(() => null);
    await first.click('#join');
    await first.waitForFunction((before) => document.querySelector('#status')?.textContent !== before, statusBefore, { timeout: 10_000 }).catch(() => {});
    await first.waitForTimeout(WAITING_MS);
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
    // main-thread time in long tasks between the click and the last first frame
    const busyOf = (p: typeof first) =>
      p.evaluate(([from, to]) => ((window as { __benchLongTasks?: Array<[number, number]> }).__benchLongTasks ?? [])
        .reduce((sum, [start, ms]) => sum + Math.max(0, Math.min(start + ms, to) - Math.max(start, from)), 0), [joinedAt, Math.max(a, b)] as const);
    steps.push({
      first: { ...relative(await stepsOf(first)), 'first remote frame': round(a - joinedAt, 1), [LONG_TASKS]: round(await busyOf(first), 1) },
      second: { ...relative(await stepsOf(second)), 'first remote frame': round(b - joinedAt, 1), [LONG_TASKS]: round(await busyOf(second), 1) },
    });
    return Math.max(a, b) - joinedAt;
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

export async function benchCalls(options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<CallsResult> {
  const empty = { duet: [], plain: [], floor: [], duetMedian: NaN, plainMedian: NaN, floorMedian: NaN, byName: BY_NAME };
  if (!existsSync(CHROMIUM)) {
    say(`  NOTICE: ${CHROMIUM} not found: call setup not measured`);
    return { status: 'no browser', detail: `${CHROMIUM} not found`, ...empty };
  }
  const withB = options.kinds.includes('duet-b');
  const [server, relay, serverB] = await Promise.all([
    startServer('duet', env, 'calls'),
    startServer('sio', env, 'calls'),
    withB ? startServer('duet-b', env, 'calls') : undefined,
  ]);
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
    type Which = 'duet' | 'plain' | 'duetB';
    const pages: Partial<Record<Which, (room: string) => string>> = {
      duet: (room) => `${base}/r/${room}`,
      plain: (room) => `https://127.0.0.1:${relay.port}/plain/${room}`,
      ...(serverB ? { duetB: (room: string) => `https://127.0.0.1:${serverB.port}/r/${room}` } : {}),
    };
    const kinds = Object.keys(pages) as Which[];
    const steps: Record<Which, Sides[]> = { duet: [], plain: [], duetB: [] };
    const times: Record<Which, number[]> = { duet: [], plain: [], duetB: [] };
    for (const which of kinds) await oneCall(browser, pages[which]!(`bench-${tag}-warmup`), []);
    // alternating, each round in another order, so the machine's load falls on every page alike
    for (let i = 0; i < options.calls; i++) {
      const order = kinds.map((_, k) => kinds[(k + i) % kinds.length]!);
      for (const which of order) times[which].push(round(await oneCall(browser, pages[which]!(`bench-${tag}-${i}`), steps[which]), 1));
    }
    const timeline = { duet: medianSteps(steps.duet), plain: medianSteps(steps.plain), ...(serverB ? { duetB: medianSteps(steps.duetB) } : {}) };
    for (const which of kinds) {
      say(`  ${which} page, median ms after the second join: first person ${describeSteps(timeline[which]!.first)}; second person ${describeSteps(timeline[which]!.second)}`);
    }
    const duetMedian = median(times.duet);
    const plainMedian = median(times.plain);
    const b = serverB ? { duetB: times.duetB, duetBMedian: median(times.duetB) } : {};
    say(`  duet: median ${round(duetMedian, 0)} ms, plain page ${round(plainMedian, 0)} ms${b.duetBMedian ? `, duet-b ${round(b.duetBMedian, 0)} ms` : ''} over ${times.duet.length} calls each (duet ${round(duetMedian / plainMedian, 2)}x plain, ${round(duetMedian / floorMedian, 2)}x floor)`);
    say(`  call by name: ${BY_NAME.detail}`);
    return { status: 'ok', detail: '', duet: times.duet, plain: times.plain, floor, duetMedian, plainMedian, floorMedian, ...b, timeline, byName: BY_NAME };
  } finally {
    await browser.close();
    await Promise.all([server.stop(), relay.stop(), serverB?.stop()]);
  }
}
