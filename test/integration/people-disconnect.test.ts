/**
 * Calls by name when a connection drops: during a ring, on either side, and
 * during a call.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ask, ring, signedIn } from '../support/people.js';
import { newServer, next, type Running } from '../support/server.js';

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

describe('a disconnect', () => {
  it('while being rung tells the caller unavailable(to, offline)', async () => {
    const [ann, bob] = await signedIn(duet, 'Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const unavailable = next(ann, 'unavailable');
    bob.disconnect();
    expect(await unavailable).toEqual(['Bob', 'offline']);
  });

  it('while ringing tells the person called cancelled(from)', async () => {
    const [ann, bob] = await signedIn(duet, 'Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const cancelled = next(bob, 'cancelled');
    ann.disconnect();
    expect(await cancelled).toEqual(['Ann']);
  });

  it('during a call tells the other person hangup(by) and bye, and frees both seats', async () => {
    const [ann, bob] = await signedIn(duet, 'Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const joined = next(bob, 'joined');
    const { room } = await ask(bob, 'accept', 'Ann');
    await joined;
    const hangup = next(bob, 'hangup');
    const bye = next(bob, 'bye');
    const annId = ann.id;
    ann.disconnect();
    expect(await hangup).toEqual(['Ann']);
    expect(await bye).toEqual([room, annId]);
    await expect.poll(() => duet.server.rooms!.roomCount, { timeout: 3000 }).toBe(0);
    const unavailable = next(bob, 'unavailable');
    await ask(bob, 'call', 'Ann');
    expect(await unavailable).toEqual(['Ann', 'offline']);
  });
});
