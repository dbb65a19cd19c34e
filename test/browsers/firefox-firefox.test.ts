/**
 * Two people in Firefox (stock Firefox ESR over WebDriver BiDi, fake devices):
 * a room call and a call by name have video and sound both ways and the same
 * verification code on both sides, the one the test derives from the two
 * browsers' own certificates.
 */
import { describe, expect, it } from 'vitest';
import { expectMediaFlowing, expectSameCode, waitForState } from './support/call.js';
import { engineSuite, enginesEnabled } from './support/suite.js';

describe.runIf(enginesEnabled(['firefox']))('Firefox with Firefox', () => {
  const suite = engineSuite(['firefox']);

  it('a room call has video both ways and the same verification code on both sides', async () => {
    const [alice, bob] = await suite.roomCall('firefox', 'firefox');
    await expectMediaFlowing(alice);
    await expectMediaFlowing(bob);
    const code = await expectSameCode(alice, bob);
    expect(code).toMatch(/^\d{3} \d{3} \d{3}$/u);
    await alice.click('#hangup');
    await waitForState(bob, 'left');
    await bob.waitFor('#verify', 'hidden');
  }, 300_000);

  it('a call by name shows the same code to the caller and the callee', async () => {
    const [caller, callee] = await suite.nameCall('firefox', 'firefox');
    await expectMediaFlowing(caller);
    await expectMediaFlowing(callee);
    await expectSameCode(caller, callee);
  }, 300_000);
});
