/**
 * Names that draw as another: while Alice is signed in, none of the invisible variants nor a
 * Latin name with a Cyrillic letter can sign in, and a whole-script look-alike of a name that
 * is online is `name-taken`, so nobody rings Bob as "Alice" but Alice.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { login, ring, signedIn } from '../support/people.js';
import { newServer, type Running } from '../support/server.js';
import { INVISIBLE_VARIANTS } from '../support/lookalikes.js';

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

describe('signing in under a look-alike of a name that is online', () => {
  it.each(INVISIBLE_VARIANTS.map((name) => [JSON.stringify(name), name]))('refuses %s while Alice is online', async (_, name) => {
    await signedIn(duet, 'Alice');
    const mallory = await duet.client();
    expect(await login(mallory, name)).toEqual({ ok: false, error: 'invalid-name' });
  });

  it('refuses "Аlice" with a Cyrillic А as a name that mixes scripts', async () => {
    await signedIn(duet, 'Alice');
    expect(await login(await duet.client(), '\u0410lice')).toEqual({ ok: false, error: 'invalid-name' });
  });

  it('refuses "Асе" in Cyrillic letters while "Ace" is online, and gives it once Ace leaves', async () => {
    const [ace] = await signedIn(duet, 'Ace');
    const mallory = await duet.client();
    expect(await login(mallory, '\u0410\u0441\u0435')).toEqual({ ok: false, error: 'name-taken' });
    expect(await login(mallory, 'ACE')).toEqual({ ok: false, error: 'name-taken' });
    await ace.timeout(3000).emitWithAck('logout');
    expect(await login(mallory, '\u0410\u0441\u0435')).toMatchObject({ ok: true, name: '\u0410\u0441\u0435' });
  });

  it('rings the Ace who is online when the caller types "Асе" in Cyrillic letters', async () => {
    const [ace, bob] = await signedIn(duet, 'Ace', 'Bob');
    await ring(bob, ace, '\u0410\u0441\u0435');
  });
});
