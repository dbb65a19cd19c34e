/**
 * Where seats are kept, behind one async interface so several nodes can share them: the
 * in-memory store here (over the pure seat table, seat-table.ts) for one process, and its
 * Redis twin (redis-store.ts, one Lua script per change) with REDIS_URL. Only the seat owner
 * (seats.ts) changes seats through it; the relay asks it who sits where. There is no Socket.IO
 * room bookkeeping on the side: the other seat is reached by socket id.
 */
import type { JoinResult, LeaveResult, SeatTable } from './seat-table.js';

export interface RoomStore {
  /** Seats `member` in `room`; `address` counts the seat against the per-address cap. */
  seat(room: string, member: string, address?: string): Promise<JoinResult>;
  unseat(room: string, member: string): Promise<LeaveResult>;
  /** Frees every seat of `member` (it disconnected); returns each room it left with who remains. */
  unseatAll(member: string): Promise<Array<{ room: string; remaining: string[] }>>;
  /** Members of `room` other than `member`. */
  others(room: string, member: string): Promise<string[]>;
  isMember(room: string, member: string): Promise<boolean>;
  /** Rooms with anyone in them (over every node for a shared store): the open-rooms gauge. */
  roomCount(): number | Promise<number>;
}

/** The in-memory store: one process, the seats in `table`. */
export function createMemoryRoomStore(table: SeatTable): RoomStore {
  return {
    seat: async (room, member, address) => table.join(room, member, address),
    unseat: async (room, member) => table.leave(room, member),
    unseatAll: async (member) => table.leaveAll(member),
    others: async (room, member) => table.others(room, member),
    isMember: async (room, member) => table.isMember(room, member),
    roomCount: () => table.roomCount,
  };
}
