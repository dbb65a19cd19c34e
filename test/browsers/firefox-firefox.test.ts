/**
 * Two people in Firefox (stock Firefox ESR over WebDriver BiDi, fake devices): a room call and then,
 * between the same two people, a call by name have video and sound both ways and the same
 * verification code on both sides, the one the test derives from the two browsers' own certificates.
 */
import { describe, expect, it } from 'vitest';
import { callByName, expectMediaFlowing, expectSameCode, signIn, unique, waitForState } from './support/call.js';
import { engineSuite, enginesEnabled } from './support/suite.js';

describe.runIf(enginesEnabled(['firefox']))('Firefox with Firefox', () => {
  const suite = engineSuite(['firefox']);

  it('a room call, then a call by name between the same two people: video both ways and the same verification code on both sides', async () => {
    const [alice, bob] = await suite.roomCall('firefox', 'firefox');
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
    const code = await expectSameCode(alice, bob);
    expect(code).toMatch(/^\d{3} \d{3} \d{3}$/u);
    await alice.click('#hangup');
    await waitForState(bob, 'left');
    await bob.waitFor('#verify', 'hidden');

    // the same two on /people: bob calls alice by name
    const aliceName = unique('alice');
    await signIn(alice, suite.server.url, aliceName);
    await signIn(bob, suite.server.url, unique('bob'));
    await bob.waitFor(`#people li[data-name="${aliceName}"] button.person-call:not([disabled])`);
    await callByName(bob, alice, aliceName);
    await expectMediaFlowing(bob);
    await expectMediaFlowing(alice);
    await expectSameCode(bob, alice, code);
  }, 600_000);
});
