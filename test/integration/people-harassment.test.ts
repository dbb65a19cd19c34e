/**
 * Ring harassment, on the real server: one ring pending per person (further callers hear busy,
 * the person hears nothing), a cooldown per caller after a decline, a name blocked for as long as
 * the person holds theirs, and answers to rings that never count against the person's rate
 * limits however many strangers ring.
 */
import { describe, expect, it } from 'vitest';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { fakeClock, type FakeClock } from '../support/fake-clock.js';
import { ask, ring, signedIn, signIn } from '../support/people.js';
import { newServer, next, record, roundTrip, type Client, type Running } from '../support/server.js';

async function start(time?: FakeClock): Promise<Running> {
  return newServer(time ? { clock: time.clock, timers: time.timers } : {}, { people: { ...PEOPLE_DEFAULTS, ringCooldownS: 60 } });
}

/** `caller` calls `name` and gets `unavailable` at once: the reason. */
async function refusedCall(caller: Client, name: string): Promise<string> {
  const heard = next(caller, 'unavailable');
  expect(await ask(caller, 'call', name)).toMatchObject({ ok: true });
  return (await heard)[1];
}

describe('rings to one person', () => {
  it('a second caller hears busy while a ring is pending, and the person rung hears nothing of it', async () => {
    const [ann, bob, eve] = await signedIn(await start(), 'Ann', 'Bob', 'Eve');
    await ring(ann, bob, 'bob');
    const incoming = record(bob, 'incoming');
    expect(await refusedCall(eve, 'bob')).toBe('busy');
    await roundTrip(eve, bob);
    expect(incoming).toEqual([]);
    expect(await ask(bob, 'decline', 'Ann')).toEqual({ ok: true });
    await ring(eve, bob, 'bob');
  });

  it('a declined caller is answered declined for RING_COOLDOWN_S, then may ring again', async () => {
    const time = fakeClock();
    const [ann, bob] = await signedIn(await start(time), 'Ann', 'Bob');
    await ring(ann, bob, 'bob');
    expect(await ask(bob, 'decline', 'Ann')).toEqual({ ok: true });
    const incoming = record(bob, 'incoming');
    expect(await refusedCall(ann, 'bob')).toBe('declined');
    time.advance(59_999);
    expect(await refusedCall(ann, 'BOB')).toBe('declined');
    await roundTrip(ann, bob);
    expect(incoming).toEqual([]);
    time.advance(1);
    await ring(ann, bob, 'bob');
  });

  it('a blocked name is declined at once and from then on, while others still get through', async () => {
    const [ann, bob, cat] = await signedIn(await start(), 'Ann', 'Bob', 'Cat');
    await ring(ann, bob, 'bob');
    const declined = next(ann, 'unavailable');
    expect(await ask(bob, 'block', 'ann')).toEqual({ ok: true });
    expect(await declined).toEqual(['Bob', 'declined']);
    expect(await refusedCall(ann, 'bob')).toBe('declined');
    await ring(cat, bob, 'bob');
    expect(await ask(bob, 'block', 42 as never)).toEqual({ ok: false, error: 'invalid-name' });
  });

  it('the person rung declines 60 strangers in a row without being rate-limited or disconnected', async () => {
    const server = await start();
    const bob = await server.client({ localAddress: '127.0.30.1' });
    await signIn(bob, 'Bob');
    const errors = record(bob, 'error');
    for (let address = 0; address < 6; address++) {
      const callers = await Promise.all(Array.from({ length: 10 }, () => server.client({ localAddress: `127.0.31.${address + 1}` })));
      for (const [i, caller] of callers.entries()) {
        await signIn(caller, `stranger ${address}-${i}`);
        await ring(caller, bob, 'bob');
        expect(await ask(bob, 'decline', `stranger ${address}-${i}`)).toEqual({ ok: true });
        caller.close();
      }
    }
    expect(bob.connected).toBe(true);
    expect(errors).toEqual([]);
  }, 60_000);

  it('answers to no ring at all are bounded: past 20 in 10 s they are refused unasked', async () => {
    const [bob] = await signedIn(await start(), 'Bob');
    const replies = [];
    for (let i = 0; i < 25; i++) replies.push(await ask(bob, 'decline', 'nobody'));
    expect(replies.slice(0, 20).every((r) => r.ok === false && r.error === 'no-such-call')).toBe(true);
    expect(replies.slice(20)).toEqual(Array(5).fill({ ok: false, error: 'rate-limited' }));
    expect(bob.connected).toBe(true);
  });
});
