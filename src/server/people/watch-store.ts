/**
 * A RoomStore that reports the room joins and leaves the room events make, so the people
 * service knows who is busy in a room call. It only forwards: membership stays in
 * the store it wraps. A disconnect (`unseatAll`) is not reported: the people layer hears it
 * from the socket itself.
 */
import type { RoomStore } from '../rooms/store.js';

/** Called after `member` joined (true) or left (false) `room`; must not throw. */
export type RoomListener = (member: string, room: string, inRoom: boolean) => void;

export function watchRoomStore(store: RoomStore, listener: RoomListener): RoomStore {
  return {
    async seat(room, member, address) {
      const result = await store.seat(room, member, address);
      if (result.kind === 'joined') listener(member, room, true);
      return result;
    },
    async unseat(room, member) {
      const result = await store.unseat(room, member);
      if (result.kind === 'left') listener(member, room, false);
      return result;
    },
    unseatAll: (member) => store.unseatAll(member),
    others: (room, member) => store.others(room, member),
    isMember: (room, member) => store.isMember(room, member),
    count: (room) => store.count(room),
  };
}
