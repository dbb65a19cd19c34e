/**
 * Atomic admission across nodes: hundreds of rooms, three joiners per room spread
 * over three nodes, every join sent at once. Each room ends with exactly two seated
 * and the third told `full`, whatever the order (seeded, repeated).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, redisTestsEnabled, type RedisServer } from '../support/redis.js';
import { startNodes } from '../support/redis-nodes.js';
import { record, type Client, type Running } from '../support/server.js';

const ROOMS = 300;
const SOCKETS_PER_NODE = 20;

/** A small seeded generator (mulberry32): the same seed gives the same spread and order. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe.runIf(redisTestsEnabled())('admission racing across three nodes', () => {
  let redis: RedisServer;
  let nodes: Running[] = [];
  let pools: Client[][] = [];
  let fulls: Map<Client, Array<[string, string]>>;

  beforeAll(async () => {
    redis = await startRedis();
    nodes = await startNodes(redis, 3);
    pools = [];
    fulls = new Map();
    for (const node of nodes) {
      const pool: Client[] = [];
      for (let i = 0; i < SOCKETS_PER_NODE; i++) {
        const socket = await node.client();
        fulls.set(socket, record(socket, 'full') as Array<[string, string]>);
        pool.push(socket);
      }
      pools.push(pool);
    }
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.stop();
  });

  it.each([1, 2, 3])(
    'seats exactly two per room and tells every third full (seed %i)',
    async (seed) => {
      const next = random(seed);
      const joins: Array<{ room: string; socket: Client }> = [];
      for (let r = 0; r < ROOMS; r++) {
        const room = `race-${seed}-${r}`;
        const chosen = new Set<Client>();
        while (chosen.size < 3) {
          const pool = pools[Math.floor(next() * pools.length)]!;
          chosen.add(pool[Math.floor(next() * pool.length)]!);
        }
        for (const socket of chosen) joins.push({ room, socket });
      }
      for (let i = joins.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [joins[i], joins[j]] = [joins[j]!, joins[i]!];
      }

      const replies = await Promise.all(
        joins.map(({ room, socket }) => socket.timeout(60_000).emitWithAck('join', room) as Promise<{ ok: boolean; error?: string }>),
      );

      const seated = new Map<string, number>();
      const refused = new Map<string, Client[]>();
      joins.forEach(({ room, socket }, i) => {
        const reply = replies[i]!;
        if (reply.ok) seated.set(room, (seated.get(room) ?? 0) + 1);
        else {
          expect(reply).toEqual({ ok: false, error: 'room-full' });
          refused.set(room, [...(refused.get(room) ?? []), socket]);
        }
      });
      for (let r = 0; r < ROOMS; r++) {
        const room = `race-${seed}-${r}`;
        expect(seated.get(room), room).toBe(2);
        expect(refused.get(room)?.length, room).toBe(1);
        const [third] = refused.get(room)!;
        expect(
          fulls.get(third!)!.some(([name, id]) => name === room && id === third!.id),
          `full for ${room}`,
        ).toBe(true);
      }
      const store = nodes[0]!.server.cluster!.store;
      const counts = await Promise.all(Array.from({ length: ROOMS }, (_, r) => store.others(`race-${seed}-${r}`, '').then((seated) => seated.length)));
      expect(new Set(counts)).toEqual(new Set([2]));
    },
    120_000,
  );
});
