/**
 * Two people in Chromium: the same verification code on both sides, the one the
 * test derives from the two browsers' own certificates, in a room call and in a
 * call by name (the caller of a call by name once had no code while the callee
 * had one), and a new equal code after a new connection.
 */
import { describe, it } from 'vitest';
import { callByName, expectMediaFlowing, expectSameCode, joinRoom, signIn, unique, waitForState } from './support/call.js';
import { engineSuite, enginesEnabled } from './support/suite.js';

describe.runIf(enginesEnabled(['chromium']))('Chromium with Chromium', () => {
  const suite = engineSuite(['chromium']);

  it('a room call shows the same code on both sides, and a new one after a new connection', async () => {
    const room = unique('cr-cr');
    const alice = await suite.person('chromium');
    const bob = await suite.person('chromium');
    await joinRoom(alice, suite.server.url, room);
    await waitForState(alice, 'waiting');
    await joinRoom(bob, suite.server.url, room);
    const code = await expectSameCode(alice, bob);
    await bob.click('#hangup');
    await waitForState(alice, 'left');
    await bob.click('#rejoin');
    await waitForState(bob, 'connected');
    await expectSameCode(bob, alice, code);
  }, 300_000);

  it('a call by name shows the same code to the caller and the callee', async () => {
    const caller = await suite.person('chromium');
    const callee = await suite.person('chromium');
    const calleeName = unique('callee');
    await signIn(caller, suite.server.url, unique('caller'));
    await signIn(callee, suite.server.url, calleeName);
    await caller.waitFor(`#people li[data-name="${calleeName}"]`);
    await callByName(caller, callee, calleeName);
    await expectMediaFlowing(caller);
    await expectSameCode(caller, callee);
  }, 300_000);
});
