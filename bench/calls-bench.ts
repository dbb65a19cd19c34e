/**
 * Part 4: call setup time in headless Chromium with fake devices: duet's room
 * page against the plain tutorial page on the bare Socket.IO relay
 * (bench/plain-page.ts, bench/baseline-sio.ts), calls alternating between the
 * two, and against the floor of two RTCPeerConnections in one page signaling
 * each other in memory. Both pages share one contract: a #join button,
 * video#remote for the remote video, #status text.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_FLAGS, chromiumPath, spkiHash } from '../test/support/chromium.js';
import type { BenchOptions } from './options.js';
import { startServer, type BenchEnv } from './servers.js';
import { median, round } from './stats.js';
import { floorCall } from './calls-page.js';
import { nameCall, roomCall, type Sides, type Steps } from './calls-round.js';

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
  /** Call by name on /people: ms from person 2's Accept click to the first remote frame on both sides, in the same rounds. */
  byName: number[];
  byNameMedian: number;
  /** Median step times of a call by name, after the Accept click. */
  byNameSteps?: Sides;
}

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

const CHROMIUM = chromiumPath('browser'); // the whole browser, as people run it
/** The tests' flags, but the fake camera at its default 20 frames a second, as in every earlier bench run. */
const FLAGS = CHROMIUM_FLAGS.map((flag) => (flag.startsWith('--use-fake-device-for-media-stream') ? '--use-fake-device-for-media-stream' : flag));

function status(url: string, ca: string): Promise<number> {
  return new Promise((ok) => {
    const req = request(url, { ca, timeout: 5000 }, (res) => (res.resume(), ok(res.statusCode ?? 0)));
    req.on('error', () => ok(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

export async function benchCalls(options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<CallsResult> {
  const empty = { duet: [], plain: [], floor: [], duetMedian: NaN, plainMedian: NaN, floorMedian: NaN, byName: [], byNameMedian: NaN };
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
    type Which = 'duet' | 'plain' | 'duetB' | 'byName';
    /** One call of each kind; `id` names the round (room names, people's names). */
    const calls: Partial<Record<Which, (id: string, steps: Sides[]) => Promise<number>>> = {
      duet: (id, s) => roomCall(browser, `${base}/r/bench-${id}`, s),
      plain: (id, s) => roomCall(browser, `https://127.0.0.1:${relay.port}/plain/bench-${id}`, s),
      ...(serverB ? { duetB: (id: string, s: Sides[]) => roomCall(browser, `https://127.0.0.1:${serverB.port}/r/bench-${id}`, s) } : {}),
      byName: (id, s) => nameCall(browser, base, [`caller-${id}`, `callee-${id}`], s),
    };
    const kinds = Object.keys(calls) as Which[];
    const steps: Record<Which, Sides[]> = { duet: [], plain: [], duetB: [], byName: [] };
    const times: Record<Which, number[]> = { duet: [], plain: [], duetB: [], byName: [] };
    for (const which of kinds) await calls[which]!(`${tag}-warmup`, []);
    // alternating, each round in another order, so the machine's load falls on every kind alike
    for (let i = 0; i < options.calls; i++) {
      const order = kinds.map((_, k) => kinds[(k + i) % kinds.length]!);
      for (const which of order) times[which].push(round(await calls[which]!(`${tag}-${i}`, steps[which]), 1));
    }
    const timeline = { duet: medianSteps(steps.duet), plain: medianSteps(steps.plain), ...(serverB ? { duetB: medianSteps(steps.duetB) } : {}) };
    const roomKinds: Array<'duet' | 'plain' | 'duetB'> = serverB ? ['duet', 'plain', 'duetB'] : ['duet', 'plain'];
    for (const which of roomKinds) {
      say(
        `  ${which} page, median ms after the second join: first person ${describeSteps(timeline[which]!.first)}; second person ${describeSteps(timeline[which]!.second)}`,
      );
    }
    const duetMedian = median(times.duet);
    const plainMedian = median(times.plain);
    const b = serverB ? { duetB: times.duetB, duetBMedian: median(times.duetB) } : {};
    say(
      `  duet: median ${round(duetMedian, 0)} ms, plain page ${round(plainMedian, 0)} ms${b.duetBMedian ? `, duet-b ${round(b.duetBMedian, 0)} ms` : ''} over ${times.duet.length} calls each (duet ${round(duetMedian / plainMedian, 2)}x plain, ${round(duetMedian / floorMedian, 2)}x floor)`,
    );
    const byNameMedian = median(times.byName);
    const byNameSteps = medianSteps(steps.byName);
    say(
      `  call by name: median ${round(byNameMedian, 0)} ms from Accept over ${times.byName.length} calls (${round(byNameMedian / duetMedian, 2)}x the room call); caller ${describeSteps(byNameSteps.first)}; callee ${describeSteps(byNameSteps.second)}`,
    );
    return {
      status: 'ok',
      detail: '',
      duet: times.duet,
      plain: times.plain,
      floor,
      duetMedian,
      plainMedian,
      floorMedian,
      ...b,
      timeline,
      byName: times.byName,
      byNameMedian,
      byNameSteps,
    };
  } finally {
    await browser.close();
    await Promise.all([server.stop(), relay.stop(), serverB?.stop()]);
  }
}
