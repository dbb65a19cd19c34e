/**
 * One call of the call-setup benchmark between two fresh browser contexts: a room call
 * (both people open a room page, the second one's Join click is timed) or a call by name
 * on /people (person 1 rings person 2, person 2's Accept click is timed). Both are measured
 * the same way: from the timed click to the first decoded remote frame on both sides.
 */
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { round } from './stats.js';
import { CAMERA_WATCH, FIRST_FRAME_WATCH } from './calls-page.js';

/** Step name to ms after the timed click. */
export type Steps = Record<string, number>;
export type Sides = { first: Steps; second: Steps };

/** Not a step: main-thread time spent in long tasks (over 50 ms) during the call's setup, ms. */
export const LONG_TASKS = 'long tasks';

/** A local camera video shows frames and #join is enabled (in the page). */
const CAMERA_RUNNING = () =>
  [...document.querySelectorAll('video')].some((v) => v.srcObject && v.videoWidth > 0) && !(document.querySelector('#join') as HTMLButtonElement).disabled;
/** Time given to a page after its camera runs, so the click does not land in its start-up work. */
const SETTLE_MS = 500;
/** How long the first person waits in the room before the second one joins. */
const WAITING_MS = 1000;
const WAIT = { timeout: 20_000 };
/** `BENCH_TRACE=<dir>`: a Chromium trace of each timed click to the first frames, for bench/trace-summary.ts. */
const TRACE_DIR = process.env.BENCH_TRACE;
const TRACE_CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'toplevel', 'blink', 'webrtc', 'renderer.scheduler'];
let traced = 0;

/** A page in a new context (closed by the caller through `contexts`) with the benchmark's init scripts, at `url`. */
async function freshPage(browser: Browser, contexts: BrowserContext[], url: string): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  await context.addInitScript(FIRST_FRAME_WATCH);
  await context.addInitScript(CAMERA_WATCH);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/**
 * Clicks `selector` in `second` and measures from that click to the first decoded remote
 * frame on both pages; pushes the step times of both sides to `steps`. Returns ms.
 */
async function timedClick(first: Page, second: Page, selector: string, steps: Sides[]): Promise<number> {
  const browser = TRACE_DIR ? second.context().browser() : null;
  const kind = new URL(second.url()).pathname.split('/')[1] ?? 'page';
  if (browser) await browser.startTracing(second, { path: join(TRACE_DIR!, `${kind}-${++traced}.json`), categories: TRACE_CATEGORIES });
  const clickedAt = await second.evaluate((sel) => {
    const at = performance.timeOrigin + performance.now();
    (document.querySelector(sel) as HTMLElement).click();
    return at;
  }, selector);
  const frame = (p: Page) =>
    p
      .waitForFunction(() => (window as { __firstRemoteFrame?: number }).__firstRemoteFrame, null, { ...WAIT, polling: 20 })
      .then((h) => h.jsonValue() as Promise<number>);
  const [a, b] = await Promise.all([frame(first), frame(second)]);
  if (browser) await browser.stopTracing();
  const stepsOf = (p: Page) => p.evaluate(() => (window as { __benchSteps?: Record<string, number> }).__benchSteps ?? {});
  const relative = (s: Record<string, number>) => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, round(v - clickedAt, 1)]));
  // main-thread time in long tasks between the click and the last first frame
  const busyOf = (p: Page) =>
    p.evaluate(
      ([from, to]) =>
        ((window as { __benchLongTasks?: Array<[number, number]> }).__benchLongTasks ?? []).reduce(
          (sum, [start, ms]) => sum + Math.max(0, Math.min(start + ms, to) - Math.max(start, from)),
          0,
        ),
      [clickedAt, Math.max(a, b)] as const,
    );
  steps.push({
    first: { ...relative(await stepsOf(first)), 'first remote frame': round(a - clickedAt, 1), [LONG_TASKS]: round(await busyOf(first), 1) },
    second: { ...relative(await stepsOf(second)), 'first remote frame': round(b - clickedAt, 1), [LONG_TASKS]: round(await busyOf(second), 1) },
  });
  return Math.max(a, b) - clickedAt;
}

/** One room call between two fresh pages at `url`: ms from the second Join click to the first frame on both sides. */
export async function roomCall(browser: Browser, url: string, steps: Sides[]): Promise<number> {
  const contexts: BrowserContext[] = [];
  try {
    const open = async () => {
      const page = await freshPage(browser, contexts, url);
      await page.waitForSelector('#join', { state: 'visible', timeout: 10_000 });
      // the camera is already running (a local video shows frames) and Join can be clicked
      await page.waitForFunction(CAMERA_RUNNING, null, { ...WAIT, polling: 50 });
      await page.waitForTimeout(SETTLE_MS);
      return page;
    };
    const first = await open();
    const statusBefore = await first.textContent('#status').catch(() => null);
    await first.click('#join');
    await first.waitForFunction((before) => document.querySelector('#status')?.textContent !== before, statusBefore, { timeout: 10_000 }).catch(() => {});
    await first.waitForTimeout(WAITING_MS);
    const second = await open();
    return await timedClick(first, second, '#join', steps);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}

/**
 * One call by name on `base`/people: two people sign in as `names`, person 1 clicks person 2's
 * call button; once person 2 sees the incoming call and their camera is open, the timed click
 * is person 2's Accept. Returns ms from that click to the first frame on both sides.
 */
export async function nameCall(browser: Browser, base: string, names: readonly [string, string], steps: Sides[]): Promise<number> {
  const contexts: BrowserContext[] = [];
  try {
    const signIn = async (name: string) => {
      const page = await freshPage(browser, contexts, `${base}/people`);
      await page.locator('#login-name').waitFor({ state: 'visible', ...WAIT });
      await page.fill('#login-name', name);
      await page.click('#login');
      await page.locator('#directory').waitFor({ state: 'visible', ...WAIT });
      return page;
    };
    const first = await signIn(names[0]);
    const second = await signIn(names[1]);
    await first.locator(`#people li[data-name="${names[1]}"] button.person-call`).click(WAIT);
    await second.locator('#incoming').waitFor({ state: 'visible', ...WAIT });
    // the camera opens with the ring: wait until it has, and for the caller's too
    for (const page of [first, second]) await page.waitForFunction(() => (window as { __cameraOpen?: number }).__cameraOpen, null, { ...WAIT, polling: 50 });
    await second.waitForTimeout(SETTLE_MS);
    return await timedClick(first, second, '#accept', steps);
  } finally {
    await Promise.all(contexts.map((c) => c.close()));
  }
}
