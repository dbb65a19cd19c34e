/**
 * Redis stopped and started again (empty, as it keeps nothing on disk): no node
 * crashes, new joins are refused with `unavailable` while it is away and readiness
 * says so, and everything recovers by itself, including the call set up before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, redisTestsEnabled, type RedisServer } from '../support/redis.js';
import { inspect, readersListening, startNodes, until } from '../support/redis-nodes.js';
import { joinRoom, next, type Running } from '../support/server.js';

describe.runIf(redisTestsEnabled())('Redis going away and coming back', () => {
  let redis: RedisServer;
  let nodes: Running[] = [];
  const rejections: unknown[] = [];
  const onRejection = (reason: unknown) => rejections.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onRejection);
    redis = await startRedis();
    nodes = await startNodes(redis, 2);
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.stop();
    process.off('unhandledRejection', onRejection);
  });

  it('refuses new joins with unavailable meanwhile, keeps the call it had, and recovers', async () => {
    const [one, two] = nodes as [Running, Running];
    const alice = await one.client();
    const bob = await two.client();
    await joinRoom(alice, 'steady');
    await joinRoom(bob, 'steady');

    await redis.kill();
    await until('both nodes report Redis down', () => !one.server.redisReady() && !two.server.redisReady());
    const carol = await one.client();
    expect(await joinRoom(carol, 'during')).toEqual({ ok: false, error: 'unavailable' });
    const error = next(carol, 'error', 10_000);
    carol.emit('join', 'during-no-ack');
    expect(await error).toMatchObject([{ code: 'unavailable', event: 'join' }]);
    expect(await alice.timeout(10_000).emitWithAck('message', 'steady', 'hello')).toEqual({ ok: false, error: 'unavailable' });
    expect(alice.connected && bob.connected).toBe(true);

    await redis.restart();
    await until('both nodes report Redis back', () => one.server.redisReady() && two.server.redisReady());
    const look = inspect(redis);
    try {
      await readersListening(look, 2);
      await until('the call set up before is seated again', async () => (await look.scard('duet:room:steady')) === 2);
    } finally {
      look.disconnect();
    }
    const toBob = next(bob, 'message', 10_000);
    expect(await alice.timeout(10_000).emitWithAck('message', 'steady', 'still here')).toEqual({ ok: true });
    expect(await toBob).toEqual(['steady', 'still here']);

    const dave = await two.client();
    expect(await joinRoom(carol, 'after')).toMatchObject({ ok: true, peers: 0 });
    const otherjoin = next(carol, 'otherjoin', 10_000);
    expect(await joinRoom(dave, 'after')).toMatchObject({ ok: true, peers: 1 });
    expect(await otherjoin).toEqual(['after', dave.id]);
    expect(rejections).toEqual([]);
  }, 90_000);
});
