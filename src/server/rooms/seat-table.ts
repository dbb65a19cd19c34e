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

export interface SeatTable {
  /** `address` (the member's client address) counts the join against the per-address cap. */
  join(room: string, member: string, address?: string): JoinResult;
  leave(room: string, member: string): LeaveResult;
  /** Removes `member` from every room; returns each room it left with who remains. */
  leaveAll(member: string): Array<{ room: string; remaining: string[] }>;
  isMember(room: string, member: string): boolean;
  /** Members of `room` other than `member`. */
  others(room: string, member: string): string[];
  roomsOf(member: string): string[];
  readonly roomCount: number;
  /** Seats held by the members of `address` (for the per-address cap and tests). */
  seatsOfAddress(address: string): number;
}

export interface SeatTableOptions {
  /** Upper bound on the number of rooms that may exist at once (Infinity: none). */
  maxRooms?: number;
  /** Rooms one member may be in at once (Infinity: no cap). */
  maxRoomsPerMember?: number;
  /** Rooms all the members of one address may be in at once, counted per seat (Infinity: no cap). */
  maxRoomsPerAddress?: number;
}

export function createSeatTable(options: SeatTableOptions = {}): SeatTable {
  const maxRooms = options.maxRooms ?? Infinity;
  const perMember = options.maxRoomsPerMember ?? Infinity;
  const perAddress = options.maxRoomsPerAddress ?? Infinity;
  const rooms = new Map<string, Set<string>>();
  const memberships = new Map<string, Set<string>>();
  /** The address of each member that is in a room, and the seats each address holds. */
  const addressOf = new Map<string, string>();
  const seatsOf = new Map<string, number>();

  function countSeat(member: string, delta: 1 | -1): void {
    const address = addressOf.get(member);
    if (address === undefined) return;
    const seats = (seatsOf.get(address) ?? 0) + delta;
    if (seats > 0) seatsOf.set(address, seats);
    else seatsOf.delete(address);
  }

  function remove(room: string, member: string): string[] {
    const members = rooms.get(room);
    if (!members) return [];
    members.delete(member);
    if (members.size === 0) rooms.delete(room);
    const mine = memberships.get(member);
    mine?.delete(room);
    countSeat(member, -1);
    if (mine && mine.size === 0) {
      memberships.delete(member);
      addressOf.delete(member);
    }
    return [...members];
  }

  return {
    join(room, member, address) {
      const members = rooms.get(room);
      if (members?.has(member)) return { kind: 'already-in-room', peers: [...members].filter((m) => m !== member) };
      if (members && members.size >= SEATS_PER_ROOM) return { kind: 'full' };
      if (!members && rooms.size >= maxRooms) return { kind: 'too-many-rooms' };
      if ((memberships.get(member)?.size ?? 0) >= perMember) return { kind: 'too-many-rooms' };
      const known = addressOf.get(member) ?? address;
      if (known !== undefined && (seatsOf.get(known) ?? 0) >= perAddress) return { kind: 'too-many-rooms' };
      if (known !== undefined) addressOf.set(member, known);
      countSeat(member, 1);
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
    seatsOfAddress(address) {
      return seatsOf.get(address) ?? 0;
    },
  };
}
