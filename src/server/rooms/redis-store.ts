/**
 * The RoomStore in Redis, for several duet nodes: each change of seats is one Lua
 * script (redis-scripts.ts), so admission is atomic across nodes. A disconnect while
 * Redis is unreachable is remembered and its seats are freed once Redis is back
 * (`flushPending`), so a seat is never left taken by a socket that is gone. The node
 * also keeps its own sockets' seats in memory, to seat them again when Redis comes
 * back empty (restarted without persistence): calls set up before go on (`restore`).
 */
import type { Redis } from 'ioredis';
import type { RoomStore } from './store.js';
import { SEATS_PER_ROOM, type JoinResult, type SeatTableOptions } from './seat-table.js';
import { SEAT, UNSEAT, UNSEAT_ALL } from './redis-scripts.js';
import { runScript } from '../redis/script.js';

export const DEFAULT_PREFIX = 'duet:';

export type Released = Array<{ room: string; remaining: string[] }>;

export interface RedisRoomStore extends RoomStore {
  /** Frees the seats of sockets that disconnected while Redis was unreachable; `released` hears who remains. */
  flushPending(released: (member: string, rooms: Released) => void): Promise<void>;
  /** Sockets waiting for `flushPending`. */
  readonly pending: number;
  /**
   * Seats this node's sockets again after Redis lost them (a restart); does nothing if
   * the node was declared dead meanwhile (its people were told `bye`). Resolves with the seats restored.
   */
  restore(): Promise<number>;
}

export interface RedisRoomStoreOptions extends SeatTableOptions {
  client: Redis;
  /** This node's id: its seats are freed when its heartbeat is gone. */
  node: string;
  prefix?: string;
}

const cap = (value: number | undefined) => (value === undefined || !Number.isFinite(value) ? -1 : value);

/** {room, remaining, room, remaining, …} as the scripts reply. */
function pairs(reply: unknown[]): Released {
  const out: Released = [];
  for (let i = 0; i + 1 < reply.length; i += 2) out.push({ room: String(reply[i]), remaining: reply[i + 1] as string[] });
  return out;
}

export function createRedisRoomStore(options: RedisRoomStoreOptions): RedisRoomStore {
  const { client, node } = options;
  const p = options.prefix ?? DEFAULT_PREFIX;
  const limits = [SEATS_PER_ROOM, cap(options.maxRooms), cap(options.maxRoomsPerMember), cap(options.maxRoomsPerAddress)];
  const pending = new Set<string>();
  /** This node's sockets' seats: member -> room -> address. */
  const mine = new Map<string, Map<string, string>>();

  function remember(member: string, room: string, address: string): void {
    let rooms = mine.get(member);
    if (!rooms) mine.set(member, (rooms = new Map()));
    rooms.set(room, address);
  }

  function forget(member: string, room: string): void {
    const rooms = mine.get(member);
    rooms?.delete(room);
    if (rooms?.size === 0) mine.delete(member);
  }

  async function unseatAll(member: string): Promise<Released> {
    return pairs((await runScript(client, UNSEAT_ALL, [p, member])) as unknown[]);
  }

  return {
    async seat(room, member, address = '') {
      const [kind, peers] = (await runScript(client, SEAT, [p, room, member, address, node, ...limits])) as [string, string[]];
      switch (kind) {
        case 'joined':
          remember(member, room, address);
          return { kind, peers };
        case 'already-in-room':
          return { kind, peers: peers.filter((m) => m !== member) };
        case 'full':
        case 'too-many-rooms':
          return { kind } as JoinResult;
        default:
          throw new Error(`unexpected reply from the seat script: ${String(kind).slice(0, 32)}`);
      }
    },
    async unseat(room, member) {
      const [left, remaining] = (await runScript(client, UNSEAT, [p, room, member])) as [number, string[]];
      forget(member, room);
      return left === 1 ? { kind: 'left', remaining } : { kind: 'not-in-room' };
    },
    async unseatAll(member) {
      mine.delete(member);
      try {
        return await unseatAll(member);
      } catch {
        pending.add(member); // Redis is away: free the seats once it is back
        return [];
      }
    },
    async others(room, member) {
      return (await client.smembers(`${p}room:${room}`)).filter((m) => m !== member);
    },
    async isMember(room, member) {
      return (await client.sismember(`${p}room:${room}`, member)) === 1;
    },
    async roomCount() {
      return Number((await client.get(`${p}rooms`)) ?? 0);
    },
    async flushPending(released) {
      for (const member of [...pending]) {
        const rooms = await unseatAll(member);
        pending.delete(member);
        if (rooms.length > 0) released(member, rooms);
      }
    },
    get pending() {
      return pending.size;
    },
    async restore() {
      if ((await client.exists(`${p}reaped:${node}`)) === 1) {
        mine.clear();
        return 0;
      }
      let restored = 0;
      for (const [member, rooms] of [...mine]) {
        for (const [room, address] of [...rooms]) {
          const [kind] = (await runScript(client, SEAT, [p, room, member, address, node, ...limits])) as [string];
          if (kind === 'joined') restored++;
          else if (kind !== 'already-in-room') forget(member, room); // taken meanwhile: that seat is lost
        }
      }
      return restored;
    },
  };
}
