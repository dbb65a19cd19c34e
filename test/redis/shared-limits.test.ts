/**
 * Per-address limits hold across nodes: one client address spreading its joins or
 * its connections over two nodes gets one budget, not one per node.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Limits } from '../../src/server/config/config.js';
import { startRedis, redisTestsEnabled, type RedisServer } from '../support/redis.js';
import { ROOMY_LIMITS, startNodes } from '../support/redis-nodes.js';
import type { Client, Running } from '../support/server.js';

const LIMITS: Limits = { ...ROOMY_LIMITS, addressJoinBurst: 6, addressJoinPerSecond: 0.01, maxConnectionsPerAddress: 3 };

describe.runIf(redisTestsEnabled())('limits shared by two nodes', () => {
  let redis: RedisServer;
  let nodes: Running[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    nodes = await startNodes(redis, 2, LIMITS);
  });

  afterEach(() => {
    for (const node of nodes) for (const socket of node.clients.splice(0)) socket.disconnect();
  });

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.stop();
  });

  it('gives one address one join budget whichever node its connections reach', async () => {
    const [one, two] = nodes as [Running, Running];
    const sockets: Client[] = [await one.client({ localAddress: '127.0.0.7' }), await two.client({ localAddress: '127.0.0.7' })];
    const replies: Array<{ ok: boolean; error?: string }> = [];
    for (let i = 0; i < 6; i++) {
      for (const [n, socket] of sockets.entries()) replies.push((await socket.timeout(10_000).emitWithAck('join', `budget-${n}-${i}`)) as never);
    }
    expect(replies.filter((r) => r.ok)).toHaveLength(6);
    expect(replies.filter((r) => !r.ok)).toEqual(Array(6).fill({ ok: false, error: 'rate-limited' }));
    // another address still has its own budget
    const other = await two.client({ localAddress: '127.0.0.8' });
    expect(await other.timeout(10_000).emitWithAck('join', 'budget-other')).toMatchObject({ ok: true });
  });

  it('counts the connections of one address on every node against one cap', async () => {
    const [one, two] = nodes as [Running, Running];
    await one.client({ localAddress: '127.0.0.9' });
    await two.client({ localAddress: '127.0.0.9' });
    await one.client({ localAddress: '127.0.0.9' });
    await expect(two.client({ localAddress: '127.0.0.9' })).rejects.toThrow();
    await expect(one.client({ localAddress: '127.0.0.9' })).rejects.toThrow();
  });
});
