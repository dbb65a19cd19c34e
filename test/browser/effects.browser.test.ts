/**
 * Background blur, noise suppression and recording in one real call between two Chromium pages: blur takes the
 * sharp edges out of the picture the other side receives and gives them back when turned off; the denoiser's
 * worklet is in the sent audio path and the audio still arrives; a recording holds Opus audio and VP8 or VP9
 * video while the other person sees who records; blur on a device too slow for it turns itself off and says so.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserTestsEnabled, mediaProgress } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { joinCall, uniqueRoom, waitForState } from '../support/page-call.js';
import type { Running } from '../support/server.js';
import { UI_WAIT, UI_WAIT_MS } from '../support/waits.js';
import { webmCodecIds } from '../support/webm.js';

/**
 * Test instruments: every AudioWorkletNode made, by processor name; and a slow device on demand, where each
 * picture sent to the segmentation worker waits `window.__slowMs` before it is posted.
 */
const INSTRUMENTS = `
  window.__worklets = [];
  const NativeWorklet = window.AudioWorkletNode;
  if (NativeWorklet) window.AudioWorkletNode = class extends NativeWorklet {
    constructor(context, name, options) { super(context, name, options); window.__worklets.push({ name, node: this }); }
  };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (...args) {
    const slow = window.__slowMs ?? 0;
    if (slow > 0) setTimeout(() => post.apply(this, args), slow);
    else post.apply(this, args);
  };
`;

/** The variance of the Laplacian of video#remote's current frame in grey: high for sharp edges, low once blurred. */
function edgeEnergy(page: Page): Promise<number> {
  return page.evaluate(() => {
    const video = document.querySelector<HTMLVideoElement>('video#remote')!;
    const [w, h] = [video.videoWidth, video.videoHeight];
    if (!w || !h) return -1;
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [w, h];
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(video, 0, 0);
    const px = ctx.getImageData(0, 0, w, h).data;
    const grey = (x: number, y: number) => {
      const i = (y * w + x) * 4;
      return 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
    };
    let sum = 0;
    let sumSq = 0;
    let n = 0;
    for (let y = 1; y < h - 1; y++)
      for (let x = 1; x < w - 1; x++) {
        const lap = grey(x - 1, y) + grey(x + 1, y) + grey(x, y - 1) + grey(x, y + 1) - 4 * grey(x, y);
        sum += lap;
        sumSq += lap * lap;
        n++;
      }
    return sumSq / n - (sum / n) ** 2;
  });
}

/** The highest edge energy over a few frames (the fake camera's moving parts come and go). */
async function sharpest(page: Page): Promise<number> {
  let best = -1;
  for (let i = 0; i < 5; i++) best = Math.max(best, await edgeEnergy(page));
  return best;
}

describe.runIf(browserTestsEnabled())('blur, noise suppression and recording in a call', () => {
  let server: Running;
  let browser: Browser;
  const pages: Page[] = [];

  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  async function join(room: string, name: string, locale: string): Promise<Page> {
    const page = await joinCall(browser, server.url, room, { locale, name, initScript: INSTRUMENTS });
    pages.push(page);
    return page;
  }

  it('blurs, denoises and records on the device, and blur gives up on a device too slow for it', async () => {
    const room = uniqueRoom('effects');
    const alice = await join(room, 'alice', 'en-US');
    const bob = await join(room, 'bob', 'zh-CN');
    await waitForState(alice, 'connected', UI_WAIT_MS);
    await waitForState(bob, 'connected', UI_WAIT_MS);
    await expect.poll(() => edgeEnergy(bob), UI_WAIT).toBeGreaterThan(0);
    const sharp = await sharpest(bob);

    // blur: the edges go, and come back when it is turned off
    await alice.click('#blur');
    await expect.poll(() => alice.getAttribute('#blur', 'aria-pressed'), UI_WAIT).toBe('true');
    await expect.poll(() => alice.evaluate(() => localStorage.getItem('duet.blur')), UI_WAIT).toBe('on');
    await expect.poll(() => sharpest(bob), { ...UI_WAIT, interval: 500 }).toBeLessThan(sharp / 4);
    // turned off by hand; on a machine loaded by the rest of the run (the fake camera gives only 10 frames
    // a second) blur may already have given up, as it does on a slow device, and then it says so
    if ((await alice.getAttribute('#blur', 'aria-pressed')) === 'true') await alice.click('#blur');
    else expect(await alice.textContent('#status')).toContain('Background blur turned itself off');
    await expect.poll(() => alice.getAttribute('#blur', 'aria-pressed'), UI_WAIT).toBe('false');
    await expect.poll(() => sharpest(bob), { ...UI_WAIT, interval: 500 }).toBeGreaterThan(sharp / 2);

    // noise suppression: the sent audio comes out of the RNNoise worklet, and still arrives
    await alice.click('#noise');
    await expect.poll(() => alice.getAttribute('#noise', 'aria-pressed'), UI_WAIT).toBe('true');
    const path = await alice.evaluate(() => {
      const w = window as unknown as { __worklets: { name: string }[]; __pcs: RTCPeerConnection[] };
      const pc = w.__pcs[w.__pcs.length - 1]!;
      const sent = pc.getSenders().find((s) => s.track?.kind === 'audio')?.track;
      return { worklets: w.__worklets.map((n) => n.name), sentLabel: sent?.label ?? '', sentIsMic: sent?.label.startsWith('Fake') ?? true };
    });
    expect(path.worklets).toContain('@sapphi-red/web-noise-suppressor/rnnoise');
    expect(path.sentIsMic).toBe(false);
    const before = (await mediaProgress(bob)).audioPackets;
    await expect.poll(async () => (await mediaProgress(bob)).audioPackets, UI_WAIT).toBeGreaterThan(before + 50);

    // recording: the other person sees who records; the file holds Opus and VP8/VP9
    await alice.click('#record');
    await bob.locator('#recording-indicator').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    expect(await bob.textContent('#recording-indicator')).toBe('alice 正在录制');
    const frames = (await mediaProgress(alice)).framesDecoded;
    // two seconds of the call at the test camera's 10 frames a second: two of the recorder's one-second chunks
    await expect.poll(async () => (await mediaProgress(alice)).framesDecoded, UI_WAIT).toBeGreaterThan(frames + 20);
    const download = alice.waitForEvent('download', UI_WAIT);
    await alice.click('#record');
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^duet-\d{4}-\d{2}-\d{2}-\d{4}\.webm$/);
    const chunks: Buffer[] = []; // read as a stream: the run's shared Chromium is a remote browser to this file
    for await (const chunk of await file.createReadStream()) chunks.push(chunk as Buffer);
    const codecs = webmCodecIds(new Uint8Array(Buffer.concat(chunks)));
    expect(codecs).toContain('A_OPUS');
    expect(codecs.some((id) => id === 'V_VP8' || id === 'V_VP9')).toBe(true);
    await bob.locator('#recording-indicator').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });

    // a recording stopped before the browser handed over any data: a notice, and no empty file
    await alice.evaluate(() => {
      const start = MediaRecorder.prototype.start;
      MediaRecorder.prototype.start = function (this: MediaRecorder, timeslice?: number) {
        this.ondataavailable = null; // as if nothing had been encoded yet when it stopped
        return start.call(this, timeslice);
      };
    });
    const downloads: string[] = [];
    alice.on('download', (d) => downloads.push(d.suggestedFilename()));
    await alice.click('#record');
    await bob.locator('#recording-indicator').waitFor({ state: 'visible', timeout: UI_WAIT_MS });
    await alice.click('#record');
    await alice.locator('#status', { hasText: 'Nothing was recorded' }).waitFor({ timeout: UI_WAIT_MS });
    await bob.locator('#recording-indicator').waitFor({ state: 'hidden', timeout: UI_WAIT_MS });
    expect(downloads).toEqual([]);

    // a slow device: each picture reaches the model 600 ms late, so blur falls under 5 frames a second
    await alice.evaluate(() => ((window as unknown as { __slowMs: number }).__slowMs = 600));
    await alice.click('#blur');
    await expect.poll(() => alice.getAttribute('#blur', 'aria-pressed'), UI_WAIT).toBe('true');
    await expect.poll(() => alice.getAttribute('#blur', 'aria-pressed'), UI_WAIT).toBe('false');
    expect(await alice.textContent('#status')).toContain('Background blur turned itself off');
    await expect.poll(() => sharpest(bob), { ...UI_WAIT, interval: 500 }).toBeGreaterThan(sharp / 2);
  }, 240_000);
});
