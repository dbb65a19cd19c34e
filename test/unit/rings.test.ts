import { describe, expect, it } from 'vitest';
import { createDirectory } from '../../src/server/people/directory.js';
import { MAX_BLOCKED, RING_COOLDOWN_MS, RING_TIMEOUT_MS, createRings, type PeopleEvent } from '../../src/server/people/rings.js';
import { personKey } from '../../src/server/people/person-name.js';

/** A directory and rings on one fake clock; socket ids are the lower-case names. */
function setup(names: string[] = ['ann', 'bob', 'cat', 'dan'], ringTimeoutMs?: number) {
  let now = 5_000_000;
  let counter = 0;
  const randomBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i === 0 ? ++counter : 7));
  const clock = () => now;
  const directory = createDirectory({ clock, randomBytes });
  const rings = createRings({ lookup: directory, clock, randomBytes, ...(ringTimeoutMs !== undefined && { ringTimeoutMs }) });
  for (const name of names) directory.login(name.toLowerCase(), name);
  return { directory, rings, advance: (ms: number) => (now += ms), now: () => now };
}

const ev = (to: string, event: PeopleEvent['event'], ...args: unknown[]) => ({ to, event, args });

function ringing(rings: ReturnType<typeof setup>['rings'], from: string, to: string): void {
  const result = rings.call(from, to);
  if (!result.ok || result.events.some((e) => e.event === 'unavailable')) throw new Error(`${from} could not ring ${to}`);
}

function accepted(rings: ReturnType<typeof setup>['rings'], callee: string, from: string): string {
  const result = rings.accept(callee, from);
  if (!result.ok) throw new Error(`${callee} could not accept ${from}: ${result.error}`);
  return result.room;
}

describe('ringing someone', () => {
  it('rings a person who is online: incoming to them, ringing to the caller, both busy', () => {
    const { rings } = setup(['Ann', 'Bob']);
    expect(rings.call('ann', 'BOB')).toEqual({ ok: true, to: 'Bob', events: [ev('bob', 'incoming', 'Ann'), ev('ann', 'ringing', 'Bob')] });
    expect(rings.isBusy('ann')).toBe(true);
    expect(rings.isBusy('bob')).toBe(true);
  });

  it('tells the caller when nobody by that name is online', () => {
    const { rings } = setup();
    expect(rings.call('ann', ' Zoe ')).toEqual({ ok: true, to: 'Zoe', events: [ev('ann', 'unavailable', 'Zoe', 'offline')] });
    expect(rings.isBusy('ann')).toBe(false);
  });

  it('tells the caller that a person who disconnected is offline, even while their name is reserved', () => {
    const { directory, rings } = setup();
    directory.disconnect('bob');
    expect(rings.call('ann', 'bob')).toEqual({ ok: true, to: 'bob', events: [ev('ann', 'unavailable', 'bob', 'offline')] });
  });

  it('refuses a caller who is not signed in, an invalid name and calling oneself', () => {
    const { rings } = setup();
    expect(rings.call('stranger', 'bob')).toEqual({ ok: false, error: 'not-logged-in' });
    for (const name of ['', 'a/b', 42, undefined]) expect(rings.call('ann', name)).toEqual({ ok: false, error: 'invalid-name' });
    expect(rings.call('ann', 'ANN')).toEqual({ ok: false, error: 'self' });
  });

  it('allows one outgoing ring at a time', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.call('ann', 'cat')).toEqual({ ok: false, error: 'already-in-call' });
  });

  it('refuses a caller who is in a call by name or in a room call', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    accepted(rings, 'bob', 'ann');
    expect(rings.call('ann', 'cat')).toEqual({ ok: false, error: 'already-in-call' });
    rings.setInRoom('dan', true);
    expect(rings.call('dan', 'cat')).toEqual({ ok: false, error: 'already-in-call' });
    rings.setInRoom('dan', false);
    expect(rings.call('dan', 'cat')).toMatchObject({ ok: true });
  });

  it('tells the caller busy when the person called is in a call, in a room call or ringing someone', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.call('cat', 'ann')).toEqual({ ok: true, to: 'ann', events: [ev('cat', 'unavailable', 'ann', 'busy')] });
    accepted(rings, 'bob', 'ann');
    expect(rings.call('cat', 'bob')).toEqual({ ok: true, to: 'bob', events: [ev('cat', 'unavailable', 'bob', 'busy')] });
    rings.setInRoom('dan', true);
    expect(rings.call('cat', 'dan')).toEqual({ ok: true, to: 'dan', events: [ev('cat', 'unavailable', 'dan', 'busy')] });
    expect(rings.isBusy('cat')).toBe(false);
  });

  it('tells the second of two people who ring each other at once that the first is busy', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.call('bob', 'ann')).toEqual({ ok: true, to: 'ann', events: [ev('bob', 'unavailable', 'ann', 'busy')] });
  });

  it('keeps one ring pending per person: a second caller hears busy and the person hears nothing', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'dan');
    expect(rings.call('bob', 'dan')).toEqual({ ok: true, to: 'dan', events: [ev('bob', 'unavailable', 'dan', 'busy')] });
    expect(rings.decline('dan', 'ann')).toMatchObject({ ok: true });
    expect(rings.call('bob', 'dan')).toEqual({ ok: true, to: 'dan', events: [ev('dan', 'incoming', 'bob'), ev('bob', 'ringing', 'dan')] });
  });

  it('lets a person who is being rung ring someone else', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.call('bob', 'cat')).toMatchObject({ ok: true, events: [ev('cat', 'incoming', 'bob'), ev('bob', 'ringing', 'cat')] });
  });
});

describe('answering a ring', () => {
  it('accepts: both get the private room and the other name, and are in a call', () => {
    const { rings } = setup(['Ann', 'Bob']);
    ringing(rings, 'ann', 'bob');
    const result = rings.accept('bob', 'ANN');
    expect(result).toEqual({
      ok: true,
      room: expect.stringMatching(/^call-[A-Za-z0-9_-]{22}$/),
      caller: 'ann',
      peer: 'Ann',
      events: [ev('ann', 'accepted', expect.any(String), 'Bob'), ev('bob', 'accepted', expect.any(String), 'Ann')],
    });
    if (!result.ok) return;
    expect(result.events.map((e) => e.args[0])).toEqual([result.room, result.room]);
    expect(rings.callOf('ann')).toEqual({ room: result.room, peer: 'Bob' });
    expect(rings.callOf('bob')).toEqual({ room: result.room, peer: 'Ann' });
  });

  it('names every private room differently, from 128 random bits', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    ringing(rings, 'cat', 'dan');
    expect(accepted(rings, 'bob', 'ann')).not.toBe(accepted(rings, 'dan', 'cat'));
  });

  it("accepting ends the callee's own outgoing ring and the caller's incoming rings too", () => {
    const { rings } = setup();
    ringing(rings, 'dan', 'ann');
    ringing(rings, 'ann', 'bob'); // ann, being rung, rings bob
    ringing(rings, 'bob', 'cat'); // bob, being rung, rings cat
    const result = rings.accept('bob', 'ann');
    expect(result.ok && result.events.slice(2)).toEqual([
      ev('dan', 'unavailable', 'ann', 'busy'),
      ev('ann', 'cancelled', 'dan'),
      ev('cat', 'cancelled', 'bob'),
    ]);
    expect(rings.isBusy('cat')).toBe(false);
    expect(rings.isBusy('dan')).toBe(false);
  });

  it('declines: the caller hears declined and both are free', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.decline('bob', 'Ann')).toEqual({ ok: true, events: [ev('ann', 'unavailable', 'bob', 'declined')] });
    expect(rings.isBusy('ann') || rings.isBusy('bob')).toBe(false);
  });

  it('refuses to accept or decline a ring that does not exist, is gone, or comes from someone else', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.accept('cat', 'ann')).toEqual({ ok: false, error: 'no-such-call' });
    expect(rings.decline('bob', 'cat')).toEqual({ ok: false, error: 'no-such-call' });
    expect(rings.accept('bob', 'a/b')).toEqual({ ok: false, error: 'invalid-name' });
    expect(rings.accept('stranger', 'ann')).toEqual({ ok: false, error: 'not-logged-in' });
    rings.cancel('ann');
    expect(rings.accept('bob', 'ann')).toEqual({ ok: false, error: 'no-such-call' });
    expect(rings.decline('bob', 'ann')).toEqual({ ok: false, error: 'no-such-call' });
  });
});

describe('ending a ring or a call', () => {
  it('cancels: the callee gets cancelled, and a second cancel is refused', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.cancel('ann')).toEqual({ ok: true, events: [ev('bob', 'cancelled', 'ann')] });
    expect(rings.cancel('ann')).toEqual({ ok: false, error: 'no-such-call' });
    expect(rings.cancel('stranger')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(rings.isBusy('bob')).toBe(false);
  });

  it('ends an unanswered ring after the ring timeout with no-answer and a missed call', () => {
    const { rings, advance, now } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.nextExpiry()).toBe(now() + RING_TIMEOUT_MS);
    advance(RING_TIMEOUT_MS - 1);
    expect(rings.expire()).toEqual([]);
    advance(1);
    expect(rings.expire()).toEqual([ev('ann', 'unavailable', 'bob', 'no-answer'), ev('bob', 'cancelled', 'ann')]);
    expect(rings.expire()).toEqual([]);
    expect(rings.nextExpiry()).toBeUndefined();
    expect(rings.accept('bob', 'ann')).toEqual({ ok: false, error: 'no-such-call' });
  });

  it('times rings out one by one, in the order they started, with an injected timeout', () => {
    const { rings, advance, now } = setup(undefined, 1_000);
    ringing(rings, 'ann', 'dan');
    advance(400);
    ringing(rings, 'bob', 'cat');
    expect(rings.nextExpiry()).toBe(now() + 600);
    advance(600);
    expect(rings.expire()).toEqual([ev('ann', 'unavailable', 'dan', 'no-answer'), ev('dan', 'cancelled', 'ann')]);
    expect(rings.nextExpiry()).toBe(now() + 400);
    advance(400);
    expect(rings.expire()).toEqual([ev('bob', 'unavailable', 'cat', 'no-answer'), ev('cat', 'cancelled', 'bob')]);
  });

  it('hangs up: the other person is told who hung up, and both are free', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    const room = accepted(rings, 'bob', 'ann');
    expect(rings.hangup('bob')).toEqual({ ok: true, room, peer: 'ann', events: [ev('ann', 'hangup', 'bob')] });
    expect(rings.hangup('ann')).toEqual({ ok: false, error: 'no-such-call' });
    expect(rings.hangup('stranger')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(rings.isBusy('ann') || rings.isBusy('bob')).toBe(false);
    expect(rings.callOf('ann')).toBeUndefined();
  });

  it('on a disconnect during a call tells the other person hangup and frees the room', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    const room = accepted(rings, 'bob', 'ann');
    expect(rings.release('ann', true)).toEqual({ events: [ev('bob', 'hangup', 'ann')], room });
    expect(rings.isBusy('bob')).toBe(false);
  });

  it('on a disconnect while ringing and being rung tells everyone involved', () => {
    const { rings } = setup();
    ringing(rings, 'dan', 'bob');
    ringing(rings, 'bob', 'cat');
    expect(rings.release('bob', true)).toEqual({
      events: [ev('cat', 'cancelled', 'bob'), ev('dan', 'unavailable', 'bob', 'offline')],
    });
    for (const person of ['ann', 'bob', 'cat', 'dan']) expect(rings.isBusy(person)).toBe(false);
    expect(rings.nextExpiry()).toBeUndefined();
  });

  it('has nothing to say when someone with no ring or call leaves', () => {
    const { rings } = setup();
    expect(rings.release('ann')).toEqual({ events: [] });
    expect(rings.release('stranger', true)).toEqual({ events: [] });
  });

  it('keeps the room-call flag on logout but forgets it on a disconnect', () => {
    const { rings } = setup();
    rings.setInRoom('ann', true);
    rings.release('ann');
    expect(rings.isBusy('ann')).toBe(true);
    rings.release('ann', true);
    expect(rings.isBusy('ann')).toBe(false);
  });

  it('ends the rings of someone who joins a room call, as if they were now busy', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    ringing(rings, 'bob', 'cat');
    expect(rings.setInRoom('bob', true)).toEqual([ev('cat', 'cancelled', 'bob'), ev('ann', 'unavailable', 'bob', 'busy'), ev('bob', 'cancelled', 'ann')]);
    expect(rings.isBusy('bob')).toBe(true);
    expect(rings.setInRoom('bob', false)).toEqual([]);
    expect(rings.isBusy('bob')).toBe(false);
  });
});

describe('refusing rings', () => {
  it('answers a caller who was just declined declined, until the cooldown is over', () => {
    const { rings, advance } = setup();
    ringing(rings, 'ann', 'bob');
    rings.decline('bob', 'ann');
    expect(rings.call('ann', 'Bob')).toEqual({ ok: true, to: 'bob', events: [ev('ann', 'unavailable', 'bob', 'declined')] });
    ringing(rings, 'ann', 'cat'); // other people may still be rung
    rings.cancel('ann');
    advance(RING_COOLDOWN_MS - 1);
    expect(rings.call('ann', 'bob')).toMatchObject({ events: [ev('ann', 'unavailable', 'bob', 'declined')] });
    advance(1);
    ringing(rings, 'ann', 'bob');
  });

  it('blocks a name for as long as the person holds theirs: a pending ring from it ends as declined', () => {
    const { rings } = setup();
    ringing(rings, 'ann', 'bob');
    expect(rings.block('bob', 'ANN')).toEqual({ ok: true, events: [ev('ann', 'unavailable', 'bob', 'declined')] });
    expect(rings.call('ann', 'bob')).toMatchObject({ events: [ev('ann', 'unavailable', 'bob', 'declined')] });
    ringing(rings, 'cat', 'bob');
    rings.release('bob');
    ringing(rings, 'ann', 'dan');
    expect(rings.block('stranger', 'ann')).toEqual({ ok: false, error: 'not-logged-in' });
    expect(rings.block('bob', '')).toEqual({ ok: false, error: 'invalid-name' });
  });

  it('keeps at most MAX_BLOCKED blocked names per person, forgetting the oldest', () => {
    const { rings, directory } = setup();
    for (let i = 0; i <= MAX_BLOCKED; i++) rings.block('bob', `name${i}`);
    expect(rings.snapshot().blocked).toEqual([['bob', Array.from({ length: MAX_BLOCKED }, (_, i) => personKey(`name${i + 1}`))]]);
    directory.login('n0', 'name0');
    ringing(rings, 'n0', 'bob');
  });
});
