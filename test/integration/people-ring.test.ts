/**
 * Calls by name, ringing: ring, offline, self, busy, decline, cancel, accept with
 * the private room and the room protocol, hang-up, and accepting one of two rings.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ask, ring, signedIn } from '../support/people.js';
import { joinRoom, newServer, next, record, roundTrip, type Client, type Running } from '../support/server.js';

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

const people = <N extends string[]>(...names: N) => signedIn(duet, ...names);

describe('ringing someone', () => {
  it('tells the person called incoming(from) and the caller ringing(to), with the names as their owners spell them', async () => {
    const [ann, bob] = await people('Ann', 'Bob');
    const incoming = next(bob, 'incoming');
    const ringing = next(ann, 'ringing');
    expect(await ask(ann, 'call', 'bOB')).toEqual({ ok: true, to: 'Bob' });
    expect(await incoming).toEqual(['Ann']);
    expect(await ringing).toEqual(['Bob']);
  });

  it('tells the caller unavailable(to, offline) when nobody has that name', async () => {
    const [ann] = await people('Ann');
    const unavailable = next(ann, 'unavailable');
    expect(await ask(ann, 'call', 'Zoe')).toEqual({ ok: true, to: 'Zoe' });
    expect(await unavailable).toEqual(['Zoe', 'offline']);
  });

  it('refuses calling yourself, a second ring, and names that are not names', async () => {
    const [ann, bob] = await people('Ann', 'Bob');
    expect(await ask(ann, 'call', 'ANN')).toEqual({ ok: false, error: 'self' });
    expect(await ask(ann, 'call', '')).toEqual({ ok: false, error: 'invalid-name' });
    expect(await (ann.timeout(3000).emitWithAck as (e: string, ...a: unknown[]) => Promise<unknown>)('call', { name: 'Bob' })).toEqual({
      ok: false,
      error: 'invalid-name',
    });
    await ring(ann, bob, 'Bob');
    expect(await ask(ann, 'call', 'Bob')).toEqual({ ok: false, error: 'already-in-call' });
  });

  it('tells the caller unavailable(to, declined) when the person called declines', async () => {
    const [ann, bob] = await people('Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const unavailable = next(ann, 'unavailable');
    expect(await ask(bob, 'decline', 'ann')).toEqual({ ok: true });
    expect(await unavailable).toEqual(['Bob', 'declined']);
    expect(await ask(bob, 'decline', 'Ann')).toEqual({ ok: false, error: 'no-such-call' });
  });

  it('tells the person called cancelled(from) when the caller cancels', async () => {
    const [ann, bob] = await people('Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const cancelled = next(bob, 'cancelled');
    expect(await ask(ann, 'cancel')).toEqual({ ok: true });
    expect(await cancelled).toEqual(['Ann']);
    expect(await ask(ann, 'cancel')).toEqual({ ok: false, error: 'no-such-call' });
    expect(await ask(bob, 'accept', 'Ann')).toEqual({ ok: false, error: 'no-such-call' });
  });

  it('tells a caller unavailable(to, busy) when the person called is in a room call', async () => {
    const [ann, bob] = await people('Ann', 'Bob');
    await joinRoom(bob, 'kitchen');
    const unavailable = next(ann, 'unavailable');
    await ask(ann, 'call', 'Bob');
    expect(await unavailable).toEqual(['Bob', 'busy']);
    await bob.timeout(3000).emitWithAck('leave', 'kitchen');
    await ring(ann, bob, 'Bob');
  });
});

describe('accepting a call', () => {
  it('tells both accepted(room, peer), seats the caller then the callee and relays the offer', async () => {
    const [ann, bob] = await people('Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const order: string[] = [];
    for (const [who, socket] of [
      ['ann', ann],
      ['bob', bob],
    ] as const) {
      for (const event of ['accepted', 'joined', 'otherjoin'] as const) socket.on(event, () => order.push(`${who} ${event}`));
    }
    const annAccepted = next(ann, 'accepted');
    const bobAccepted = next(bob, 'accepted');
    const annJoined = next(ann, 'joined');
    const otherjoin = next(ann, 'otherjoin');
    const bobJoined = next(bob, 'joined');
    const reply = await ask(bob, 'accept', 'Ann');
    expect(reply).toEqual({ ok: true, room: expect.stringMatching(/^call-[A-Za-z0-9_-]{22}$/), peer: 'Ann' });
    const room = reply.room as string;
    expect(await annAccepted).toEqual([room, 'Bob']);
    expect(await bobAccepted).toEqual([room, 'Ann']);
    expect(await annJoined).toEqual([room, ann.id]);
    expect(await bobJoined).toEqual([room, bob.id]);
    expect(await otherjoin).toEqual([room, bob.id]);
    expect(order.indexOf('ann joined')).toBeLessThan(order.indexOf('ann otherjoin'));
    expect(order.indexOf('ann accepted')).toBeLessThan(order.indexOf('ann joined'));
    const offer = next(bob, 'message');
    ann.emit('message', room, { type: 'offer', sdp: 'v=0\r\n' });
    expect(await offer).toEqual([room, { type: 'offer', sdp: 'v=0\r\n' }]);
    const stranger = await duet.client();
    expect(await joinRoom(stranger, room)).toEqual({ ok: false, error: 'room-full' });
  });

  it('tells a second caller busy while one ring is pending, and once the call is accepted', async () => {
    const [ann, cat, bob] = await people('Ann', 'Cat', 'Bob');
    await ring(ann, bob, 'Bob');
    const catHears = next(cat, 'unavailable');
    await ask(cat, 'call', 'Bob');
    expect(await catHears).toEqual(['Bob', 'busy']);
    expect(await ask(bob, 'accept', 'Ann')).toMatchObject({ ok: true, peer: 'Ann' });
    const busy = next(cat, 'unavailable');
    await ask(cat, 'call', 'Ann');
    expect(await busy).toEqual(['Ann', 'busy']);
  });
});

describe('hanging up', () => {
  async function inCall(): Promise<{ ann: Client; bob: Client; room: string }> {
    const [ann, bob] = await people('Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const joined = next(bob, 'joined');
    const reply = await ask(bob, 'accept', 'Ann');
    await joined;
    return { ann, bob, room: reply.room as string };
  }

  it('tells the other person hangup(by) and bye, and frees both seats', async () => {
    const { ann, bob, room } = await inCall();
    const hangup = next(ann, 'hangup');
    const bye = next(ann, 'bye');
    expect(await ask(bob, 'hangup')).toEqual({ ok: true });
    expect(await hangup).toEqual(['Bob']);
    expect(await bye).toEqual([room, bob.id]);
    await expect.poll(() => duet.server.rooms!.roomCount).toBe(0);
    expect(await ask(bob, 'hangup')).toEqual({ ok: false, error: 'no-such-call' });
    await ring(bob, ann, 'Ann');
  });

  it('hangs up when one person leaves the private room', async () => {
    const { ann, bob, room } = await inCall();
    const hangup = next(ann, 'hangup');
    const bye = next(ann, 'bye');
    await bob.timeout(3000).emitWithAck('leave', room);
    expect(await hangup).toEqual(['Bob']);
    expect(await bye).toEqual([room, bob.id]);
    await expect.poll(() => duet.server.rooms!.roomCount).toBe(0);
  });

  it('sends the one who hangs up no hangup event of their own', async () => {
    const { ann, bob } = await inCall();
    const bobHears = record(bob, 'hangup');
    await ask(bob, 'hangup');
    await roundTrip(bob, ann, bob);
    expect(bobHears).toEqual([]);
  });
});
