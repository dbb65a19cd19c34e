/**
 * The one membership model the handlers use: who sits in which room. Async, so a
 * store shared by several server nodes (Redis, say) can implement it later; the
 * default keeps today's in-memory room state (rooms.ts) behind it. The handlers
 * reach the other seat by socket id from here; there is no Socket.IO room
 * bookkeeping on the side.
 */
import type { JoinResult, LeaveResult, RoomState } from './membership.js';

export interface RoomStore {
  /** Seats `member` in `room`; `address` counts the seat against the per-address cap. */
  seat(room: string, member: string, address?: string): Promise<JoinResult>;
  unseat(room: string, member: string): Promise<LeaveResult>;
  /** Frees every seat of `member` (it disconnected); returns each room it left with who remains. */
  unseatAll(member: string): Promise<Array<{ room: string; remaining: string[] }>>;
  /** Members of `room` other than `member`. */
  others(room: string, member: string): Promise<string[]>;
  isMember(room: string, member: string): Promise<boolean>;
  /** Seats taken in `room` (0 when it does not exist). */
  count(room: string): Promise<number>;
}

/** The in-memory store: one process, the state in `rooms` (which tests and app.ts may read directly). */
export function createMemoryRoomStore(rooms: RoomState): RoomStore {
  return {
    seat: async (room, member, address) => rooms.join(room, member, address),
    unseat: async (room, member) => rooms.leave(room, member),
    unseatAll: async (member) => rooms.leaveAll(member),
    others: async (room, member) => rooms.others(room, member),
    isMember: async (room, member) => rooms.isMember(room, member),
    count: async (room) => rooms.others(room, '').length,
  };
}
