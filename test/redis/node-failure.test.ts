/**
 * A node killed without a goodbye (SIGKILL; the real entry point as a child process):
 * a surviving node notices its heartbeat is gone, frees its seats within 15 s and
 * tells the person on the survivor `bye`; the seat can be taken again.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDuet, type RunningDuet } from '../support/entry.js';
import { startRedis, redisTestsEnabled, type RedisServer } from '../support/redis.js';
import { connectClient, inspect, readersListening, startNode } from '../support/redis-nodes.js';
import { joinRoom, next, type Client, type Running } from '../support/server.js';

describe.runIf(redisTestsEnabled())('a node that dies', () => {
  const certsDir = mkdtempSync(join(tmpdir(), 'duet-node-failure-'));
  let redis: RedisServer;
  let survivor: Running | undefined;
  let victim: RunningDuet | undefined;
  const clients: Client[] = [];

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    for (const socket of clients) socket.disconnect();
    victim?.kill();
    await survivor?.close();
    await redis?.stop();
    rmSync(certsDir, { recursive: true, force: true });
  });

  it('has its seats freed within 15 s of a SIGKILL, and the other person hears bye', async () => {
    victim = await spawnDuet({ HOST: '127.0.0.1', CERTS_DIR: certsDir, LOG_LEVEL: 'warn', REDIS_URL: redis.url });
    await victim.waitFor('Sharing rooms with other duet nodes through Redis');
    survivor = await startNode(redis);
    const look = inspect(redis);
    try {
      await readersListening(look, 2);
      const alice = await connectClient(`https://127.0.0.1:${victim.port}`, readFileSync(join(certsDir, 'ca.pem'), 'utf8'));
      const bob = await survivor.client();
      clients.push(alice);
      expect(await joinRoom(alice, 'fragile')).toMatchObject({ ok: true });
      const otherjoin = next(alice, 'otherjoin', 10_000);
      expect(await joinRoom(bob, 'fragile')).toMatchObject({ ok: true, peers: 1 });
      await otherjoin;
      expect(await look.scard('duet:seats:' + (await look.smembers('duet:nodes')).find((n) => n !== survivor!.server.cluster!.node))).toBe(1);

      const bye = next(bob, 'bye', 15_000);
      const aliceId = alice.id;
      victim.child.kill('SIGKILL');
      expect(await bye).toEqual(['fragile', aliceId]);
      expect(await survivor.server.cluster!.store.others('fragile', '').then((seated) => seated.length)).toBe(1);
      expect(await look.smembers('duet:nodes')).toEqual([survivor.server.cluster!.node]);

      const carol = await survivor.client();
      const again = next(bob, 'otherjoin', 10_000);
      expect(await joinRoom(carol, 'fragile')).toMatchObject({ ok: true, peers: 1 });
      expect(await again).toEqual(['fragile', carol.id]);
    } finally {
      look.disconnect();
    }
  }, 90_000);
});
