/**
 * The people page's controller (src/public/js/people/controller.ts) against a fake socket:
 * signing in again with the kept token, rings out and in, every outcome, the call and its end.
 */
import { describe, expect, it } from 'vitest';
import { createPeopleController, type PeopleEvents } from '../../src/public/js/people/controller.js';
import type { LoginStore } from '../../src/public/js/store/people-login.js';
import { phaseOf } from '../../src/public/js/people/state.js';
import { fakeSocket } from './people-page-fakes.js';

function setup(kept?: { name: string; token: string }) {
  const fake = fakeSocket();
  let login = kept;
  const store: LoginStore = { get: () => login, set: (next) => void (login = next) };
  const people = createPeopleController(fake.socket, store);
  const seen: Array<[keyof PeopleEvents, unknown]> = [];
  for (const event of ['ring', 'accepted', 'idle'] as const) people.on(event, (value) => seen.push([event, value]));
  fake.fire('connect');
  return { fake, people, seen, kept: () => login };
}

function signedIn(name = 'Ann') {
  const t = setup();
  t.people.login(name);
  t.fake.fire('login', { ok: true, name, token: 'tok' });
  return t;
}

describe('the people controller', () => {
  it('signs in again with the kept name and token when it connects', () => {
    const { fake, people } = setup({ name: 'Ann', token: 'secret' });
    expect(fake.sent).toEqual([['login', 'Ann', 'secret']]);
    expect(phaseOf(people.state)).toBe('signing-in');
    fake.fire('login', { ok: true, name: 'Ann', token: 'secret' });
    expect(phaseOf(people.state)).toBe('list');
  });

  it('keeps the token of a login and forgets it when the name is refused', () => {
    const t = signedIn();
    expect(t.kept()).toEqual({ name: 'Ann', token: 'tok' });
    const again = setup({ name: 'Ann', token: 'old' });
    again.fake.fire('login', { ok: false, error: 'name-taken' });
    expect(again.kept()).toBeUndefined();
    expect(again.people.state.outcome).toEqual({ kind: 'error', code: 'name-taken' });
    expect(phaseOf(again.people.state)).toBe('signed-out');
  });

  it('refuses an invalid name without sending it', () => {
    const { fake, people } = setup();
    people.login('<b>');
    expect(fake.sent).toEqual([]);
    expect(people.state.outcome).toEqual({ kind: 'error', code: 'invalid-name' });
  });

  it('rings out, and tells why the call did not happen', () => {
    const { fake, people, seen } = signedIn();
    people.call('  bob ');
    expect(fake.sent.at(-1)).toEqual(['call', 'bob']);
    expect(seen).toEqual([['ring', { caller: true, name: 'bob' }]]);
    expect(people.state.outgoing).toEqual({ to: 'bob', ringing: false });
    fake.fire('ringing', 'Bob');
    expect(people.state.outgoing?.ringing).toBe(true);
    fake.fire('unavailable', 'BOB', 'declined');
    expect(people.state.outcome).toEqual({ kind: 'declined', name: 'BOB' }); // the name as its owner signed in
    expect(phaseOf(people.state)).toBe('list');
    expect(seen.at(-1)).toEqual(['idle', undefined]);
  });

  it('shows a refused call in plain words', () => {
    const { fake, people } = signedIn();
    fake.reply.set('call', { ok: false, error: 'already-in-call' });
    people.call('bob');
    expect(people.state.outgoing).toBeUndefined();
    expect(people.state.outcome).toEqual({ kind: 'error', code: 'already-in-call' });
  });

  it('rings in, and a cancelled ring is a missed call', () => {
    const { fake, people, seen } = signedIn();
    fake.fire('incoming', 'carol');
    fake.fire('incoming', 'dave');
    expect(people.state.incoming).toEqual(['carol', 'dave']);
    expect(seen).toEqual([
      ['ring', { caller: false, name: 'carol' }],
      ['ring', { caller: false, name: 'dave' }],
    ]);
    people.decline();
    expect(fake.sent.at(-1)).toEqual(['decline', 'carol']);
    fake.fire('cancelled', 'dave');
    expect(people.state.outcome).toEqual({ kind: 'missed', name: 'dave' });
    expect(phaseOf(people.state)).toBe('list');
    expect(seen.at(-1)).toEqual(['idle', undefined]);
  });

  it('follows an accepted call to the other person hanging up', () => {
    const { fake, people, seen } = signedIn();
    fake.fire('incoming', 'carol');
    people.accept();
    expect(fake.sent.at(-1)).toEqual(['accept', 'carol']);
    fake.fire('accepted', 'call-xyz', 'carol');
    expect(seen.at(-1)).toEqual(['accepted', { room: 'call-xyz', peer: 'carol', caller: false }]);
    expect(phaseOf(people.state)).toBe('call');
    fake.fire('cancelled', 'dave'); // a ring that ended because we took this call: not a missed call
    expect(people.state.outcome).toBeUndefined();
    fake.fire('hangup', 'carol');
    expect(people.state.outcome).toEqual({ kind: 'hungup', name: 'carol' });
    expect(phaseOf(people.state)).toBe('list');
    expect(seen.at(-1)).toEqual(['idle', undefined]);
  });

  it('hangs up, and a lost connection ends the call', () => {
    const { fake, people } = signedIn();
    people.call('bob');
    fake.fire('accepted', 'call-1', 'Bob');
    people.hangup();
    expect(fake.sent.at(-1)).toEqual(['hangup']);
    expect(people.state.outcome).toEqual({ kind: 'ended', name: 'Bob' });
    people.call('bob');
    fake.fire('accepted', 'call-2', 'Bob');
    fake.fire('disconnect');
    expect(people.state.outcome).toEqual({ kind: 'lost', name: 'Bob' });
    expect(people.state.call).toBeUndefined();
  });

  it('blocks the name ringing: declines it, and refuses its later rings without showing them', () => {
    const { fake, people } = signedIn();
    fake.fire('incoming', 'Mallory');
    people.block();
    expect(fake.sent.at(-1)).toEqual(['block', 'Mallory']);
    expect(phaseOf(people.state)).toBe('list');
    fake.fire('incoming', 'MALLORY');
    expect(fake.sent.at(-1)).toEqual(['block', 'MALLORY']);
    expect(people.state.incoming).toEqual([]);
  });

  it('keeps how many people are online besides the names it was sent', () => {
    const { fake, people } = signedIn();
    fake.fire('people', [{ name: 'bob', busy: false }], 250);
    expect(people.state).toMatchObject({ people: [{ name: 'bob', busy: false }], total: 250 });
    fake.fire('people', [{ name: 'bob', busy: false }]);
    expect(people.state.total).toBe(1);
  });
});
