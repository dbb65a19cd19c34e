import { describe, expect, it } from 'vitest';
import { PEOPLE_INTERVAL_MS } from '../../src/server/people/coalescer.js';
import { createPeople, type PeopleOptions } from '../../src/server/people/people.js';
import type { PeopleEvent } from '../../src/server/people/rings.js';

function setup(options: Partial<PeopleOptions> = {}) {
  let now = 10_000;
  let counter = 0;
  const randomBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i === 0 ? ++counter : 3));
  const people = createPeople({ clock: () => now, randomBytes, ...options });
  return { people, advance: (ms: number) => (now += ms), now: () => now };
}

const listsIn = (events: PeopleEvent[]) => events.filter((e) => e.event === 'people').map((e) => [e.to, e.args[0]]);
const others = (events: PeopleEvent[]) => events.filter((e) => e.event !== 'people');
const token = (reply: unknown) => (reply as { token: string }).token;
const roomOf = (reply: unknown) => (reply as { room: string }).room;

describe('calls by name, all together', () => {
  it('answers a login with the login event and sends everyone signed in their list at once', () => {
    const { people, advance } = setup();
    expect(listsIn(people.login('a', 'Ann').events)).toEqual([['a', []]]);
    advance(PEOPLE_INTERVAL_MS);
    const step = people.login('b', 'Bob');
    expect(step.reply).toEqual({ ok: true, name: 'Bob', token: expect.any(String) });
    expect(others(step.events)).toEqual([{ to: 'b', event: 'login', args: [step.reply] }]);
    expect(listsIn(step.events)).toEqual([
      ['a', [{ name: 'Bob', busy: false }]],
      ['b', [{ name: 'Ann', busy: false }]],
    ]);
  });

  it('answers a refused login with the login event too, and sends no lists', () => {
    const { people } = setup();
    people.login('a', 'Ann');
    expect(people.login('b', 'ANN')).toEqual({
      reply: { ok: false, error: 'name-taken' },
      events: [{ to: 'b', event: 'login', args: [{ ok: false, error: 'name-taken' }] }],
    });
  });

  it('sends no people list at all when the directory is off', () => {
    const { people, advance } = setup({ directory: false });
    people.login('a', 'Ann');
    expect(listsIn(people.login('b', 'Bob').events)).toEqual([]);
    expect(others(people.call('a', 'bob').events)).toEqual([
      { to: 'b', event: 'incoming', args: ['Ann'] },
      { to: 'a', event: 'ringing', args: ['Bob'] },
    ]);
    advance(PEOPLE_INTERVAL_MS);
    expect(people.tick()).toEqual([]);
    expect(people.nextWake()).toBe(10_000 + 30_000);
  });

  it('folds quick changes into one later list, sent on the tick', () => {
    const { people, advance, now } = setup();
    people.login('a', 'Ann');
    advance(PEOPLE_INTERVAL_MS);
    expect(listsIn(people.login('b', 'Bob').events).map(([to]) => to)).toEqual(['a', 'b']);
    expect(listsIn(people.login('c', 'Cat').events)).toEqual([
      [
        'c',
        [
          { name: 'Ann', busy: false },
          { name: 'Bob', busy: false },
        ],
      ],
    ]);
    expect(people.nextWake()).toBe(now() + PEOPLE_INTERVAL_MS);
    advance(PEOPLE_INTERVAL_MS);
    const names = (list: unknown) => (list as Array<{ name: string }>).map((p) => p.name);
    expect(listsIn(people.tick()).map(([to, list]) => [to, names(list)])).toEqual([
      ['a', ['Bob', 'Cat']],
      ['b', ['Ann', 'Cat']],
    ]);
  });

  it('does not send a list that has not changed', () => {
    const { people, advance } = setup();
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    advance(PEOPLE_INTERVAL_MS);
    people.tick();
    advance(PEOPLE_INTERVAL_MS);
    expect(people.call('a', 'Zoe')).toEqual({ reply: { ok: true, to: 'Zoe' }, events: [{ to: 'a', event: 'unavailable', args: ['Zoe', 'offline'] }] });
  });

  it('shows the two people of a ring as busy to everyone else', () => {
    const { people, advance } = setup();
    for (const [id, name] of [
      ['a', 'Ann'],
      ['b', 'Bob'],
      ['c', 'Cat'],
    ])
      people.login(id!, name);
    advance(PEOPLE_INTERVAL_MS);
    expect(listsIn(people.call('a', 'bob').events)).toContainEqual([
      'c',
      [
        { name: 'Ann', busy: true },
        { name: 'Bob', busy: true },
      ],
    ]);
  });

  it('seats the caller first on accept and frees the room on hang-up', () => {
    const { people } = setup();
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    people.call('a', 'Bob');
    const accepted = people.accept('b', 'ann');
    expect(accepted.reply).toEqual({ ok: true, room: expect.stringMatching(/^call-/), peer: 'Ann' });
    const room = roomOf(accepted.reply);
    expect(accepted.seat).toEqual({ room, caller: 'a', callee: 'b' });
    const hungUp = people.hangup('a');
    expect(hungUp).toMatchObject({ reply: { ok: true }, free: [room] });
    expect(others(hungUp.events)).toEqual([{ to: 'b', event: 'hangup', args: ['Ann'] }]);
  });

  it('hangs up when someone leaves the private room, and only clears busy for another room', () => {
    const { people } = setup();
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    people.call('a', 'Bob');
    const room = roomOf(people.accept('b', 'Ann').reply);
    expect(others(people.room('b', 'kitchen', false).events)).toEqual([]);
    expect(people.isBusy('b')).toBe(true);
    const left = people.room('b', room, false);
    expect(left.free).toEqual([room]);
    expect(others(left.events)).toEqual([{ to: 'a', event: 'hangup', args: ['Bob'] }]);
    people.room('a', 'kitchen', true);
    expect(people.call('b', 'Ann').events).toEqual([{ to: 'b', event: 'unavailable', args: ['Ann', 'busy'] }]);
  });

  it('on a disconnect in a call tells the other person, frees the room and keeps the name for its token', () => {
    const { people } = setup();
    const kept = token(people.login('a', 'Ann').reply);
    people.login('b', 'Bob');
    people.call('a', 'Bob');
    const room = roomOf(people.accept('b', 'Ann').reply);
    const gone = people.disconnect('a');
    expect(gone.free).toEqual([room]);
    expect(others(gone.events)).toEqual([{ to: 'b', event: 'hangup', args: ['Ann'] }]);
    expect(people.login('c', 'Ann').reply).toEqual({ ok: false, error: 'name-taken' });
    expect(people.login('a2', 'Ann', kept).reply).toEqual({ ok: true, name: 'Ann', token: kept });
  });

  it('moves a name to a new connection with its token and ends what the old one was doing', () => {
    const { people } = setup();
    const kept = token(people.login('old', 'Ann').reply);
    people.login('b', 'Bob');
    people.call('old', 'Bob');
    const moved = people.login('new', 'Ann', kept);
    expect(others(moved.events)).toEqual([
      { to: 'b', event: 'cancelled', args: ['Ann'] },
      { to: 'old', event: 'login', args: [{ ok: false, error: 'name-taken' }] },
      { to: 'new', event: 'login', args: [{ ok: true, name: 'Ann', token: kept }] },
    ]);
    expect(people.cancel('old').reply).toEqual({ ok: false, error: 'not-logged-in' });
  });

  it('ends your ring when you sign in under another name', () => {
    const { people } = setup();
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    people.call('a', 'Bob');
    expect(others(people.login('a', 'Anna').events)[0]).toEqual({ to: 'b', event: 'cancelled', args: ['Ann'] });
    expect(people.isBusy('b')).toBe(false);
  });

  it('logs out at once, ending the call, and refuses a logout from someone not signed in', () => {
    const { people, advance } = setup();
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    people.call('a', 'Bob');
    const room = roomOf(people.accept('b', 'Ann').reply);
    advance(PEOPLE_INTERVAL_MS);
    const out = people.logout('a');
    expect(out).toMatchObject({ reply: { ok: true }, free: [room] });
    expect(others(out.events)).toEqual([{ to: 'b', event: 'hangup', args: ['Ann'] }]);
    expect(listsIn(out.events)).toEqual([['b', []]]);
    expect(people.logout('a').reply).toEqual({ ok: false, error: 'not-logged-in' });
    expect(people.login('c', 'ann').reply).toMatchObject({ ok: true });
  });

  it('times out a ring on the tick and wakes at the right time', () => {
    const { people, advance, now } = setup({ ringTimeoutMs: 5_000 });
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    people.call('a', 'Bob');
    advance(PEOPLE_INTERVAL_MS);
    people.tick();
    expect(people.nextWake()).toBe(now() - PEOPLE_INTERVAL_MS + 5_000);
    advance(5_000);
    const events = people.tick();
    expect(others(events)).toEqual([
      { to: 'a', event: 'unavailable', args: ['Bob', 'no-answer'] },
      { to: 'b', event: 'cancelled', args: ['Ann'] },
    ]);
    expect(listsIn(events)).toEqual([
      ['a', [{ name: 'Bob', busy: false }]],
      ['b', [{ name: 'Ann', busy: false }]],
    ]);
  });

  it('passes refusals through unchanged and sends nothing for them', () => {
    const { people } = setup();
    people.login('a', 'Ann');
    expect(people.call('a', 'ann')).toEqual({ reply: { ok: false, error: 'self' }, events: [] });
    expect(people.call('x', 'ann')).toEqual({ reply: { ok: false, error: 'not-logged-in' }, events: [] });
    expect(people.accept('a', 'Bob')).toEqual({ reply: { ok: false, error: 'no-such-call' }, events: [] });
    expect(people.decline('a', 7)).toEqual({ reply: { ok: false, error: 'invalid-name' }, events: [] });
    expect(people.hangup('a')).toEqual({ reply: { ok: false, error: 'no-such-call' }, events: [] });
  });
});
