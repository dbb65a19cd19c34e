/**
 * Two people in Chromium: the same verification code on both sides, the one the
 * test derives from the two browsers' own certificates, in a room call and in a
 * call by name (the caller of a call by name once had no code while the callee
 * had one), and a new equal code after a new connection.
 */
import { describe, it } from 'vitest';
import { expectMediaFlowing, expectSameCode, waitForState } from './support/call.js';
import { engineSuite, enginesEnabled } from './support/suite.js';

describe.runIf(enginesEnabled(['chromium']))('Chromium with Chromium', () => {
  const suite = engineSuite(['chromium']);

  it('a room call shows the same code on both sides, and a new one after a new connection', async () => {
    const [alice, bob] = await suite.roomCall('chromium', 'chromium');
    const code = await expectSameCode(alice, bob);
    await bob.click('#hangup');
    await waitForState(alice, 'left');
    await bob.click('#rejoin');
    await waitForState(bob, 'connected');
    await expectSameCode(bob, alice, code);
  }, 300_000);

  it('a call by name shows the same code to the caller and the callee', async () => {
    const [caller, callee] = await suite.nameCall('chromium', 'chromium');
    await expectMediaFlowing(caller);
    await expectSameCode(caller, callee);
  }, 300_000);
});
