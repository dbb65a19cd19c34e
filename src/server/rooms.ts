/**
 * Room membership and the two-seat rule, with no I/O.
 * A room exists while it has at least one member; empty rooms are deleted.
 */

export const SEATS_PER_ROOM = 2;

export type JoinResult =
  | { kind: 'joined'; peers: string[] } // peers already inside, before the joiner
  | { kind: 'already-in-room'; peers: string[] }
  | { kind: 'full' }
  | { kind: 'too-many-rooms' };

export type LeaveResult = { kind: 'left'; remaining: string[] } | { kind: 'not-in-room' };

export interface RoomState {
  join(room: string, member: string): JoinResult;
  leave(room: string, member: string): LeaveResult;
  /** Removes `member` from every room; returns each room it left with who remains. */
  leaveAll(member: string): Array<{ room: string; remaining: string[] }>;
  isMember(room: string, member: string): boolean;
  /** Members of `room` other than `member`. */
  others(room: string, member: string): string[];
  roomsOf(member: string): string[];
  readonly roomCount: number;
}

export interface RoomStateOptions {
  /** Upper bound on the number of rooms that may exist at once (Infinity: none). */
  maxRooms?: number;
}

export function createRoomState(options: RoomStateOptions = {}): RoomState {
  const maxRooms = options.maxRooms ?? Infinity;
  const rooms = new Map<string, Set<string>>();
  const memberships = new Map<string, Set<string>>();

  function remove(room: string, member: string): string[] {
    const members = rooms.get(room);
    if (!members) return [];
    members.delete(member);
    if (members.size === 0) rooms.delete(room);
    const mine = memberships.get(member);
    mine?.delete(room);
    if (mine && mine.size === 0) memberships.delete(member);
    return [...members];
  }

  return {
    join(room, member) {
      const members = rooms.get(room);
      if (members?.has(member)) return { kind: 'already-in-room', peers: [...members].filter((m) => m !== member) };
      if (members && members.size >= SEATS_PER_ROOM) return { kind: 'full' };
      if (!members && rooms.size >= maxRooms) return { kind: 'too-many-rooms' };
      const peers = members ? [...members] : [];
      if (members) members.add(member);
      else rooms.set(room, new Set([member]));
      let mine = memberships.get(member);
      if (!mine) memberships.set(member, (mine = new Set()));
      mine.add(room);
      return { kind: 'joined', peers };
    },
    leave(room, member) {
      if (!rooms.get(room)?.has(member)) return { kind: 'not-in-room' };
      return { kind: 'left', remaining: remove(room, member) };
    },
    leaveAll(member) {
      const mine = memberships.get(member);
      if (!mine) return [];
      return [...mine].map((room) => ({ room, remaining: remove(room, member) }));
    },
    isMember(room, member) {
      return rooms.get(room)?.has(member) ?? false;
    },
    others(room, member) {
      const members = rooms.get(room);
      return members ? [...members].filter((m) => m !== member) : [];
    },
    roomsOf(member) {
      return [...(memberships.get(member) ?? [])];
    },
    get roomCount() {
      return rooms.size;
    },
  };
}
