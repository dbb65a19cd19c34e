/**
 * The Redis room store answers exactly like the in-memory room state (rooms.ts) for
 * the same operations: seats, full rooms, rejoins, MAX_ROOMS, the per-socket and
 * per-address caps, leaving and disconnecting; checked on seeded random sequences.
 */
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisRoomStore } from '../../src/server/rooms/redis-store.js';
import { createMemoryRoomStore, type RoomStore } from '../../src/server/rooms/store.js';
import { createSeatTable } from '../../src/server/rooms/seat-table.js';
import { startRedis, redisTestsEnabled, type RedisServer } from '../support/redis.js';

const CAPS = { maxRooms: 3, maxRoomsPerMember: 2, maxRoomsPerAddress: 3 };
const MEMBERS = ['m1', 'm2', 'm3', 'm4', 'm5'];
const ADDRESS: Record<string, string> = { m1: '10.0.0.1', m2: '10.0.0.1', m3: '10.0.0.2', m4: '10.0.0.2', m5: '10.0.0.3' };

const op = fc.oneof(
  fc.record({ kind: fc.constant('seat' as const), room: fc.constantFrom('r1', 'r2', 'r3', 'r4'), member: fc.constantFrom(...MEMBERS) }),
  fc.record({ kind: fc.constant('unseat' as const), room: fc.constantFrom('r1', 'r2', 'r3', 'r4'), member: fc.constantFrom(...MEMBERS) }),
  fc.record({ kind: fc.constant('unseatAll' as const), room: fc.constant(''), member: fc.constantFrom(...MEMBERS) }),
);

async function apply(store: RoomStore, { kind, room, member }: { kind: 'seat' | 'unseat' | 'unseatAll'; room: string; member: string }): Promise<unknown> {
  if (kind === 'seat') {
    const result = await store.seat(room, member, ADDRESS[member]);
    return 'peers' in result ? { ...result, peers: [...result.peers].sort() } : result;
  }
  if (kind === 'unseat') {
    const result = await store.unseat(room, member);
    return result.kind === 'left' ? { ...result, remaining: [...result.remaining].sort() } : result;
  }
  return (await store.unseatAll(member)).map((r) => ({ room: r.room, remaining: [...r.remaining].sort() })).sort((a, b) => a.room.localeCompare(b.room));
}

describe.runIf(redisTestsEnabled())('the Redis room store', () => {
  let redis: RedisServer;
  let client: Redis;

  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
  });

  afterAll(async () => {
    client?.disconnect();
    await redis?.stop();
  });

  it('answers like the in-memory room state, caps included, on seeded random sequences', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 40 }), async (ops) => {
        const memory = createMemoryRoomStore(createSeatTable(CAPS));
        const shared = createRedisRoomStore({ client, node: 'n1', prefix: `t${run++}:`, ...CAPS });
        for (const step of ops) {
          expect(await apply(shared, step), JSON.stringify(step)).toEqual(await apply(memory, step));
          for (const room of ['r1', 'r2', 'r3', 'r4']) expect((await shared.others(room, '')).sort()).toEqual((await memory.others(room, '')).sort());
        }
      }),
      { seed: 14, numRuns: 60 },
    );
  }, 120_000);
});
