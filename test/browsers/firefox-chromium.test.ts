/**
 * Firefox (stock Firefox ESR over WebDriver BiDi) with Chromium, each in both
 * roles: a room call has video and sound both ways, chat, the mute and camera
 * badges, a file each way, the same verification code on both sides (the one
 * the test derives from the two browsers' own certificates) and a new one after
 * a new connection, and hang-up; a call by name each way has video both ways,
 * the same code, and hang-up. One Firefox and one Chromium serve the whole file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
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
});
