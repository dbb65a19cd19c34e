/**
 * Calls by name, signing in: login results as acknowledgement and event, name
 * rules and uniqueness, the `people` list, logout, and the not-logged-in refusals.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ask, login, signIn } from '../support/people.js';
import { newServer, next, record, roundTrip, type Running } from '../support/server.js';

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

describe('signing in with a name', () => {
  it('answers login with {ok, name, token} as acknowledgement and as the login event', async () => {
    const a = await duet.client();
    const event = next(a, 'login');
    const reply = await login(a, '  Ann  ');
    expect(reply).toEqual({ ok: true, name: 'Ann', token: expect.stringMatching(TOKEN) });
    expect(await event).toEqual([reply]);
  });

  it('answers a client without an acknowledgement with the login event only', async () => {
    const a = await duet.client();
    const errors = record(a, 'error');
    const event = next(a, 'login');
    a.emit('login', 'Ann');
    expect(await event).toEqual([{ ok: true, name: 'Ann', token: expect.stringMatching(TOKEN) }]);
    const refused = next(a, 'login');
    a.emit('login', '');
    expect(await refused).toEqual([{ ok: false, error: 'invalid-name' }]);
    await roundTrip(a);
    expect(errors).toEqual([]);
  });

  it('refuses names that break the rules, and arguments that are not names, with invalid-name', async () => {
    const a = await duet.client();
    for (const name of ['', '   ', 'x'.repeat(33), 'a<b>', '---', 42, null, { name: 'Ann' }, ['Ann'], 'x'.repeat(300)]) {
      expect(await (a.timeout(3000).emitWithAck as (e: string, ...args: unknown[]) => Promise<unknown>)('login', name), JSON.stringify(name)).toEqual({
        ok: false,
        error: 'invalid-name',
      });
    }
  });

  it('keeps a name to one person, whatever its case or width', async () => {
    const [a, b] = [await duet.client(), await duet.client()];
    await signIn(a, 'Bob');
    for (const name of ['bob', 'BOB', 'ＢＯＢ', ' bOb ']) expect(await login(b, name), name).toEqual({ ok: false, error: 'name-taken' });
  });

  it('gives a name claimed by two connections at once to exactly one of them', async () => {
    const sockets = await Promise.all([duet.client(), duet.client(), duet.client()]);
    const replies = await Promise.all(sockets.map((s, i) => login(s, i === 0 ? 'Zoë' : i === 1 ? 'ZOË' : 'zoë')));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toEqual([
      { ok: false, error: 'name-taken' },
      { ok: false, error: 'name-taken' },
    ]);
  });

  it('frees the name at once on logout', async () => {
    const [a, b] = [await duet.client(), await duet.client()];
    await signIn(a, 'Ann');
    expect(await ask(a, 'logout')).toEqual({ ok: true });
    expect(await login(b, 'ann')).toMatchObject({ ok: true, name: 'ann' });
    expect(await ask(a, 'logout')).toEqual({ ok: false, error: 'not-logged-in' });
  });
});

describe('the people list', () => {
  it('sends everyone signed in the others, sorted, and updates it on every change', async () => {
    const [a, b, c] = [await duet.client(), await duet.client(), await duet.client()];
    const first = next(a, 'people');
    await signIn(a, 'Ann');
    expect(await first).toEqual([[], 0]);
    const aSees = next(a, 'people');
    const bSees = next(b, 'people');
    await signIn(b, 'bob');
    expect(await bSees).toEqual([[{ name: 'Ann', busy: false }], 1]);
    expect(await aSees).toEqual([[{ name: 'bob', busy: false }], 1]);
    const cSees = next(c, 'people');
    await signIn(c, 'Cat');
    expect(await cSees).toEqual([
      [
        { name: 'Ann', busy: false },
        { name: 'bob', busy: false },
      ],
      2,
    ]);
    const later = next(a, 'people', 3000);
    await ask(c, 'call', 'bob');
    // coalesced: the list after Cat's login and Cat's ring may come as one
    let list = (await later)[0];
    while (!list.some((p) => p.name === 'Cat' && p.busy)) list = (await next(a, 'people', 3000))[0];
    expect(list).toEqual([
      { name: 'bob', busy: true },
      { name: 'Cat', busy: true },
    ]);
  });

  it('drops a person who signs out from the others lists', async () => {
    const [a, b] = [await duet.client(), await duet.client()];
    await signIn(a, 'Ann');
    const aSees = record(a, 'people');
    await signIn(b, 'Bob');
    await expect.poll(() => aSees.at(-1), { timeout: 3000 }).toEqual([[{ name: 'Bob', busy: false }], 1]);
    await ask(b, 'logout');
    await expect.poll(() => aSees.at(-1), { timeout: 3000 }).toEqual([[], 0]);
  });
});

describe('requests before signing in', () => {
  it('refuses call, cancel, accept, decline, hangup and logout with not-logged-in', async () => {
    const a = await duet.client();
    expect(await ask(a, 'call', 'Bob')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(await ask(a, 'cancel')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(await ask(a, 'accept', 'Bob')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(await ask(a, 'decline', 'Bob')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(await ask(a, 'hangup')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(await ask(a, 'logout')).toEqual({ ok: false, error: 'not-logged-in' });
  });

  it('tells a client without an acknowledgement with an error event', async () => {
    const a = await duet.client();
    const error = next(a, 'error');
    a.emit('call', 'Bob');
    expect(await error).toEqual([{ code: 'not-logged-in', event: 'call', message: 'Sign in with a name first.' }]);
  });
});
