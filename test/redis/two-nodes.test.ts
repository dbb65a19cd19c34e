/**
 * Two duet nodes sharing one real redis-server act as one server: two people on
 * different nodes meet in one room, relay both ways, and hear `bye` when the other
 * leaves or disconnects.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, redisTestsEnabled, type RedisServer } from '../support/redis.js';
import { startNodes } from '../support/redis-nodes.js';
import { joinRoom, next, type Running } from '../support/server.js';

describe.runIf(redisTestsEnabled())('two nodes through Redis', () => {
  let redis: RedisServer;
  let nodes: Running[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    nodes = await startNodes(redis, 2);
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.stop();
  });

  it('seats two people on two nodes in one room and relays both ways', async () => {
    const [one, two] = nodes as [Running, Running];
    const alice = await one.client();
    const bob = await two.client();
    expect(await joinRoom(alice, 'across')).toMatchObject({ ok: true, peers: 0 });
    const otherjoin = next(alice, 'otherjoin', 10_000);
    expect(await joinRoom(bob, 'across')).toMatchObject({ ok: true, peers: 1 });
    expect(await otherjoin).toEqual(['across', bob.id]);
    expect(await one.server.cluster!.store.others('across', '').then((seated) => seated.length)).toBe(2);

    const toBob = next(bob, 'message', 10_000);
    expect(await alice.timeout(5000).emitWithAck('message', 'across', { type: 'offer', sdp: 'v=0' })).toEqual({ ok: true });
    expect(await toBob).toEqual(['across', { type: 'offer', sdp: 'v=0' }]);
    const toAlice = next(alice, 'message', 10_000);
    expect(await bob.timeout(5000).emitWithAck('message', 'across', { type: 'answer', sdp: 'v=0' })).toEqual({ ok: true });
    expect(await toAlice).toEqual(['across', { type: 'answer', sdp: 'v=0' }]);
  });

  it('refuses a third person on either node with full', async () => {
    const [one, two] = nodes as [Running, Running];
    const [a, b, c] = [await one.client(), await two.client(), await one.client()];
    await joinRoom(a, 'three');
    await joinRoom(b, 'three');
    const full = next(c, 'full', 10_000);
    expect(await joinRoom(c, 'three')).toEqual({ ok: false, error: 'room-full' });
    expect(await full).toEqual(['three', c.id]);
    expect(await joinRoom(b, 'three')).toEqual({ ok: false, error: 'already-in-room' });
    expect(await two.server.cluster!.store.others('three', '').then((seated) => seated.length)).toBe(2);
  });

  it('tells the person on the other node bye when one leaves, and again when one disconnects', async () => {
    const [one, two] = nodes as [Running, Running];
    const alice = await one.client();
    const bob = await two.client();
    await joinRoom(alice, 'goodbye');
    await joinRoom(bob, 'goodbye');
    const bye = next(alice, 'bye', 10_000);
    const leaved = next(bob, 'leaved', 10_000);
    expect(await bob.timeout(5000).emitWithAck('leave', 'goodbye')).toEqual({ ok: true, room: 'goodbye' });
    expect(await bye).toEqual(['goodbye', bob.id]);
    expect(await leaved).toEqual(['goodbye', bob.id]);

    await joinRoom(bob, 'goodbye');
    const byeAgain = next(bob, 'bye', 10_000);
    const aliceId = alice.id;
    alice.disconnect();
    expect(await byeAgain).toEqual(['goodbye', aliceId]);
    await expect.poll(() => one.server.cluster!.store.others('goodbye', '').then((seated) => seated.length), { timeout: 10_000 }).toBe(1);
  });
});
