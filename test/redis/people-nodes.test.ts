/**
 * Calls by name on several nodes through one real redis-server: a name is unique across
 * nodes under concurrent logins, a call rings, is accepted and hung up across nodes, and a
 * node killed with SIGKILL gives its names back and the other person hears `hangup`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnDuet, type RunningDuet } from '../support/entry.js';
import { redisTestsEnabled, startRedis, type RedisServer } from '../support/redis.js';
import { connectClient, inspect, readersListening, startNode, startNodes } from '../support/redis-nodes.js';
import { next, type Client, type Running } from '../support/server.js';

const login = (socket: Client, name: string) => socket.timeout(30_000).emitWithAck('login', name);

describe.runIf(redisTestsEnabled())('calls by name across nodes', () => {
  let redis: RedisServer;
  let nodes: Running[] = [];
  const certsDir = mkdtempSync(join(tmpdir(), 'duet-people-nodes-'));
  let victim: RunningDuet | undefined;
  const extra: Client[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    nodes = await startNodes(redis, 3);
  }, 60_000);

  afterAll(async () => {
    for (const socket of extra) socket.disconnect();
    victim?.kill();
    for (const node of nodes) await node.close();
    await redis?.stop();
    rmSync(certsDir, { recursive: true, force: true });
  });

  it('gives a name to exactly one of thirty people claiming it at once on three nodes', async () => {
    const sockets = await Promise.all(Array.from({ length: 30 }, (_, i) => nodes[i % 3]!.client()));
    const replies = await Promise.all(sockets.map((socket, i) => login(socket, i % 2 ? 'Zoe' : 'ZOE')));
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok)).toEqual(Array(29).fill({ ok: false, error: 'name-taken' }));
    for (const socket of sockets) socket.disconnect();
  }, 60_000);

  it('rings, accepts, relays and hangs up between two nodes, with the people list on both', async () => {
    const [one, two] = nodes as [Running, Running];
    const ann = await one.client();
    const bob = await two.client();
    expect(await login(ann, 'Ann')).toMatchObject({ ok: true, name: 'Ann' });
    const annSees = next(ann, 'people', 10_000);
    expect(await login(bob, 'Bob')).toMatchObject({ ok: true, name: 'Bob' });
    expect(await annSees).toEqual([[{ name: 'Bob', busy: false }], 1]);

    const incoming = next(bob, 'incoming', 10_000);
    const ringing = next(ann, 'ringing', 10_000);
    expect(await ann.timeout(10_000).emitWithAck('call', 'bob')).toEqual({ ok: true, to: 'Bob' });
    expect(await incoming).toEqual(['Ann']);
    expect(await ringing).toEqual(['Bob']);

    const annAccepted = next(ann, 'accepted', 10_000);
    const otherjoin = next(ann, 'otherjoin', 10_000);
    const bobJoined = next(bob, 'joined', 10_000);
    const reply = await bob.timeout(10_000).emitWithAck('accept', 'Ann');
    expect(reply).toMatchObject({ ok: true, peer: 'Ann' });
    const room = (reply as { room: string }).room;
    expect(await annAccepted).toEqual([room, 'Bob']);
    expect(await otherjoin).toEqual([room, bob.id]);
    expect(await bobJoined).toEqual([room, bob.id]);

    const toBob = next(bob, 'message', 10_000);
    expect(await ann.timeout(5000).emitWithAck('message', room, { type: 'offer', sdp: 'v=0' })).toEqual({ ok: true });
    expect(await toBob).toEqual([room, { type: 'offer', sdp: 'v=0' }]);

    const hangup = next(ann, 'hangup', 10_000);
    expect(await bob.timeout(10_000).emitWithAck('hangup')).toEqual({ ok: true });
    expect(await hangup).toEqual(['Bob']);
    await expect.poll(() => one.server.cluster!.store.others(room, '').then((seated) => seated.length), { timeout: 10_000 }).toBe(0);
    ann.disconnect();
    bob.disconnect();
  }, 60_000);

  it('gives back the names of a node killed with SIGKILL within 15 s, and the other person hears hangup', async () => {
    victim = await spawnDuet({ HOST: '127.0.0.1', CERTS_DIR: certsDir, LOG_LEVEL: 'warn', REDIS_URL: redis.url });
    await victim.waitFor('Sharing rooms with other duet nodes through Redis');
    const look = inspect(redis);
    try {
      await readersListening(look, 4);
      const cat = await connectClient(`https://127.0.0.1:${victim.port}`, readFileSync(join(certsDir, 'ca.pem'), 'utf8'));
      extra.push(cat);
      const dan = await nodes[0]!.client();
      extra.push(dan);
      expect(await login(cat, 'Cat')).toMatchObject({ ok: true });
      expect(await login(dan, 'Dan')).toMatchObject({ ok: true });
      const incoming = next(dan, 'incoming', 10_000);
      expect(await cat.timeout(10_000).emitWithAck('call', 'Dan')).toMatchObject({ ok: true });
      await incoming;
      expect(await dan.timeout(10_000).emitWithAck('accept', 'Cat')).toMatchObject({ ok: true });

      const hangup = next(dan, 'hangup', 15_000);
      const killedAt = Date.now();
      victim.child.kill('SIGKILL');
      expect(await hangup).toEqual(['Cat']);
      const eve = await nodes[1]!.client();
      extra.push(eve);
      await expect.poll(async () => (await login(eve, 'Cat')).ok, { timeout: Math.max(1000, 15_000 - (Date.now() - killedAt)), interval: 250 }).toBe(true);
      expect(await look.hkeys('duet:people:nodes')).not.toContain(cat.id);
    } finally {
      look.disconnect();
    }
  }, 90_000);

  it('refuses sign-ins with unavailable while Redis is away, and signs its people in again when Redis comes back empty', async () => {
    const node = await startNode(redis);
    nodes.push(node);
    const fay = await node.client();
    expect(await login(fay, 'Fay')).toMatchObject({ ok: true });
    await redis.kill();
    const gus = await node.client();
    expect(await login(gus, 'Gus')).toEqual({ ok: false, error: 'unavailable' });
    const again = next(fay, 'login', 30_000);
    await redis.restart();
    expect(await again).toEqual([{ ok: true, name: 'Fay', token: expect.any(String) }]);
    expect(await login(gus, 'fay')).toEqual({ ok: false, error: 'name-taken' });
    expect(await login(gus, 'Gus')).toMatchObject({ ok: true });
  }, 90_000);
});
