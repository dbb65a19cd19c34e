/**
 * Firefox (stock Firefox ESR over WebDriver BiDi) with Chromium, each in both
 * roles: a room call has video and sound both ways, chat, the mute and camera
 * badges, a file each way, the same verification code on both sides (the one
 * the test derives from the two browsers' own certificates) and a new one after
 * a new connection, and hang-up; a call by name each way has video both ways,
 * the same code, and hang-up; and in Firefox, blur (the canvas path), noise suppression and a
 * recording while the Chromium side sees the indicator. One Firefox and one Chromium serve the whole file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRandomFile } from '../support/files.js';
import { badges, chat, expectMediaFlowing, expectSameCode, sendFile, waitForState } from './support/call.js';
import type { Engine } from './support/person.js';
import { engineSuite, enginesEnabled } from './support/suite.js';

const ROLES: Array<[Engine, Engine]> = [
  ['firefox', 'chromium'],
  ['chromium', 'firefox'],
];

describe.runIf(enginesEnabled(['firefox', 'chromium']))('Firefox with Chromium', () => {
  const suite = engineSuite(['chromium', 'firefox']);
  let dir = '';
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'duet-engines-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(ROLES)(
    'a room call, %s waiting and %s joining: video, code, chat, badges, files, a new connection and hang-up',
    async (firstEngine, secondEngine) => {
      const [first, second] = await suite.roomCall(firstEngine, secondEngine);
      await expectMediaFlowing(first);
      await expectMediaFlowing(second);
      const code = await expectSameCode(first, second);

      await chat(first, second, `hello from ${firstEngine}`);
      await chat(second, first, `hello from ${secondEngine}`);
      await badges(first, second);
      await badges(second, first);
      const there = join(dir, `${firstEngine}-to-${secondEngine}.bin`);
      const back = join(dir, `${secondEngine}-to-${firstEngine}.bin`);
      await sendFile(first, second, there, await writeRandomFile(there, 300_000));
      await sendFile(second, first, back, await writeRandomFile(back, 200_000));

      // a new connection (the second person hangs up and joins again) has new certificates: a new code, equal on both sides
      await second.click('#hangup');
      await waitForState(first, 'left');
      await second.click('#rejoin');
      await waitForState(second, 'connected');
      await expectMediaFlowing(first);
      await expectSameCode(second, first, code);

      await first.click('#hangup');
      await waitForState(first, 'ended');
      await waitForState(second, 'left');
      await second.waitFor('#verify', 'hidden');
    },
    900_000,
  ); // a guard: on a loaded 2-core machine this took 330 s

  it.each(ROLES)(
    'a call by name from %s to %s: video both ways, the same code, hang-up',
    async (callerEngine, calleeEngine) => {
      const [caller, callee] = await suite.nameCall(callerEngine, calleeEngine);
      await expectMediaFlowing(caller);
      await expectMediaFlowing(callee);
      await expectSameCode(caller, callee);
      await caller.click('#hangup');
      await callee.waitFor('#directory');
      await caller.waitFor('#directory');
    },
    600_000,
  );

  it('Firefox blurs (canvas path), suppresses noise and records, while Chromium keeps receiving and sees the indicator', async () => {
    const [fox, other] = await suite.roomCall('firefox', 'chromium');
    await expectMediaFlowing(other);
    // every Blob the Firefox page hands out as a file, recorded from here on
    await fox.evaluate(() => {
      const w = window as unknown as { __blobs: Array<{ type: string; size: number }> };
      w.__blobs = [];
      const objectUrl = URL.createObjectURL.bind(URL);
      URL.createObjectURL = (object: Blob | MediaSource) => {
        if (object instanceof Blob) w.__blobs.push({ type: object.type, size: object.size });
        return objectUrl(object);
      };
    }, undefined);
    const sent = () =>
      fox.evaluate(() => {
        const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.filter((c) => c.connectionState === 'connected');
        const senders = pcs[pcs.length - 1]?.getSenders() ?? [];
        const label = (kind: string) => senders.find((s) => s.track?.kind === kind)?.track?.label ?? '';
        return { video: label('video'), audio: label('audio') };
      }, undefined);
    const camera = await sent();

    await fox.click('#blur');
    await expect.poll(() => fox.attribute('#blur', 'aria-pressed'), { timeout: 60_000 }).toBe('true');
    await expect.poll(async () => (await sent()).video, { timeout: 60_000 }).not.toBe(camera.video); // the blurred canvas track is sent
    await expectMediaFlowing(other);
    // it kept up, or (on a machine loaded by the rest of the run) gave up as on a slow device and said so
    if ((await fox.attribute('#blur', 'aria-pressed')) !== 'true')
      expect(await fox.evaluate(() => document.getElementById('status')?.textContent ?? '', undefined)).toContain('Background blur turned itself off');

    await fox.click('#noise');
    await expect.poll(() => fox.attribute('#noise', 'aria-pressed'), { timeout: 60_000 }).toBe('true');
    // the RNNoise worklet and its WebAssembly came from duet itself
    const loaded = await fox.evaluate(() => performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname), undefined);
    expect(loaded).toContain('/vendor/rnnoise/rnnoise-workletProcessor.js');
    expect(loaded.some((path) => /^\/vendor\/rnnoise\/rnnoise(_simd)?\.wasm$/.test(path))).toBe(true);
    await expect.poll(async () => (await sent()).audio, { timeout: 60_000 }).not.toBe(camera.audio); // the denoised track is sent
    await expectMediaFlowing(other);

    // the bytes the recorder hands over, counted before the page's own listener sees them
    await fox.evaluate(() => {
      const w = window as unknown as { __recorded: number };
      w.__recorded = 0;
      const start = MediaRecorder.prototype.start;
      MediaRecorder.prototype.start = function (this: MediaRecorder, timeslice?: number) {
        this.addEventListener('dataavailable', (event) => (w.__recorded += event.data.size));
        return start.call(this, timeslice);
      };
    }, undefined);
    await fox.click('#record');
    await other.waitFor('#recording-indicator', 'visible');
    await expectMediaFlowing(other);
    // stop once Firefox has encoded some of it: on a loaded machine the first second may hold nothing yet
    await expect
      .poll(() => fox.evaluate(() => (window as unknown as { __recorded: number }).__recorded, undefined), { timeout: 60_000 })
      .toBeGreaterThan(10_000);
    await fox.click('#record');
    await other.waitFor('#recording-indicator', 'hidden');
    await expect
      .poll(() => fox.evaluate(() => (window as unknown as { __blobs: Array<{ type: string; size: number }> }).__blobs, undefined), { timeout: 60_000 })
      .toContainEqual(expect.objectContaining({ type: expect.stringMatching(/^video\/webm/) as unknown as string }));
    const blobs = await fox.evaluate(() => (window as unknown as { __blobs: Array<{ type: string; size: number }> }).__blobs, undefined);
    expect(blobs.find((b) => b.type.startsWith('video/webm'))!.size).toBeGreaterThan(10_000);
  }, 600_000);
});
