import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { PeopleStateStore } from '../../src/server/people/state.js';
import { createRedisPeopleState, PeopleStateUnavailable } from '../../src/server/people/redis-state.js';
import { startRedis, type RedisServer } from '../support/redis.js';
import { personKey } from '../../src/server/people/person-name.js';

let server: RedisServer;
const clients: Redis[] = [];

function node(prefix: string, options: { lockMs?: number; waitMs?: number } = {}): PeopleStateStore {
  const redis = new Redis(server.url, { maxRetriesPerRequest: 0 });
  clients.push(redis);
  return createRedisPeopleState({ redis, prefix, clock: Date.now, randomBytes, ...options });
}

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
});

describe('calls by name on a state shared through Redis', () => {
  it('gives a name to exactly one of many sockets claiming it at once on three nodes', async () => {
    const nodes = [node('race:'), node('race:'), node('race:')];
    const claims = Array.from({ length: 30 }, (_, i) => nodes[i % 3]!.update((p) => p.login(`s${i}`, i % 2 ? 'Ann' : 'ANN').reply));
    const replies = await Promise.all(claims);
    expect(replies.filter((r) => r.ok)).toHaveLength(1);
    expect(replies.filter((r) => !r.ok).every((r) => !r.ok && r.error === 'name-taken')).toBe(true);
  });

  it('keys names by the look-alike-folding key, so "Асе" in Cyrillic is taken on every node while "Ace" is online', async () => {
    const [a, b] = [node('lookalike:'), node('lookalike:')];
    expect(await a.update((p) => p.login('sa', 'Ace').reply)).toMatchObject({ ok: true, name: 'Ace' });
    expect(await b.update((p) => p.login('sb', '\u0410\u0441\u0435').reply)).toEqual({ ok: false, error: 'name-taken' });
    expect(await b.update((p) => p.login('sb', 'Alice\u034F').reply)).toEqual({ ok: false, error: 'invalid-name' });
    const admin = new Redis(server.url);
    clients.push(admin);
    expect(await admin.get('lookalike:people:state')).toContain(JSON.stringify(personKey('Ace')));
  });

  it('lets a person on one node ring a person on another, who accepts there', async () => {
    const [a, b] = [node('call:'), node('call:')];
    await a.update((p) => p.login('sa', 'Ann'));
    await b.update((p) => p.login('sb', 'Bob'));
    const ring = await a.update((p) => p.call('sa', 'bob'));
    expect(ring.events.filter((e) => e.event !== 'people')).toEqual([
      { to: 'sb', event: 'incoming', args: ['Ann'] },
      { to: 'sa', event: 'ringing', args: ['Bob'] },
    ]);
    const accepted = await b.update((p) => p.accept('sb', 'Ann'));
    expect(accepted.seat).toMatchObject({ caller: 'sa', callee: 'sb' });
    expect(await a.update((p) => [p.isBusy('sa'), p.isBusy('sb')])).toEqual([true, true]);
  });

  it('takes over a lock whose holder died once it runs out, and gives up clearly while it is held', async () => {
    const admin = new Redis(server.url);
    clients.push(admin);
    await admin.set('stale:people:lock', 'a-dead-node', 'PX', 300);
    const store = node('stale:', { waitMs: 2000 });
    expect(await store.update((p) => p.login('s1', 'Cat').reply.ok)).toBe(true);
    await admin.set('held:people:lock', 'a-slow-node', 'PX', 5000);
    await expect(node('held:', { waitMs: 200 }).update((p) => p.login('s1', 'Dan'))).rejects.toBeInstanceOf(PeopleStateUnavailable);
  });

  it('rejects at once while Redis cannot be reached, and never writes a half state', async () => {
    const dead = new Redis({ port: 1, lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => null });
    clients.push(dead);
    const store = createRedisPeopleState({ redis: dead, prefix: 'dead:', clock: Date.now, randomBytes });
    await expect(store.update((p) => p.login('s1', 'Eve'))).rejects.toThrow();
  });
});
