/**
 * The one owner of seats: every seat taken or freed goes through here, and so does every event
 * a change of seats causes: `joined` to who sat down, `otherjoin` to who was there, `bye` to who
 * remains. It works on the room store (in memory, or Redis shared by several nodes) and reaches
 * sockets by id through the pipeline's `tell` (on another node through the adapter). Its hooks:
 * the metrics (every seat request and every seat freed here) and calls by name (`onRoomCall`:
 * who joins or leaves a room of the room protocol is busy or free again).
 *
 * The private rooms of calls by name are seated here too (`seatCall`): the caller then the
 * callee, so the caller hears `otherjoin` and makes the offer. A person may disconnect while the
 * other accepts: on another node, its disconnect can free the call before the seats are written
 * here, and nothing would ever free them. So once both are seated and told, each is looked up (on
 * this node, else through the adapter on every node); a socket that is gone has its room freed
 * at once. A socket still found then frees the room itself when it disconnects later, since its
 * disconnect comes after the seats were written.
 */
import type { SeatMetrics } from '../metrics/metrics.js';
import type { DuetServer } from '../socket/types.js';
import type { JoinResult, LeaveResult } from './seat-table.js';
import type { RoomStore } from './store.js';

/** Seats freed without a request of this node (a dead node's, or while Redis was away): who left which room, who remains. */
export interface FreedSeat {
  room: string;
  member: string;
  remaining: string[];
}

/** How the seat owner reaches sockets: by id, on this node or another. */
export interface SeatPeers {
  tell(to: string | readonly string[], event: 'joined' | 'otherjoin' | 'bye', room: string, id: string): void;
  /** The client address of a socket of this node (a seat counts against its address). */
  addressOf(id: string): string | undefined;
  /** False only when no node has `id` any more. */
  connected(id: string): Promise<boolean>;
}

/** Called after `member` joined (true) or left (false) `room` through the room protocol; must not throw. */
export type RoomCallListener = (member: string, room: string, inRoom: boolean) => void;

export type SeatOutcome = { ok: true } | { ok: false; refused: string; kind: Exclude<JoinResult['kind'], 'joined'> };

export interface Seats {
  /** The room protocol's `join`: seats `member`, tells it `joined` and the other seat `otherjoin`. */
  join(room: string, member: string, address: string | undefined): Promise<JoinResult>;
  /** The room protocol's `leave`: frees the seat, tells who remains `bye`. */
  leave(room: string, member: string): Promise<LeaveResult>;
  /** `member` disconnected: frees every seat it held, telling each room's other seat `bye`. */
  leaveAll(member: string): Promise<void>;
  /** A call by name was accepted: seats `caller` then `callee` in `room`; on a refused seat frees what was taken and says who. */
  seatCall(room: string, caller: string, callee: string): Promise<SeatOutcome>;
  /** A call by name ended: frees every seat of `room`, `first` first; each one left behind hears `bye(room, leaver)`. */
  freeCall(room: string, first?: string): Promise<void>;
  /** Seats freed elsewhere (a dead node's, reaped; or this node's, freed once Redis was back): who remains hears `bye`. */
  freed(seats: readonly FreedSeat[]): void;
  /** Members of `room` other than `member` (the relay's other seat). */
  others(room: string, member: string): Promise<string[]>;
  isMember(room: string, member: string): Promise<boolean>;
  /** Rooms with anyone in them (the open-rooms gauge). */
  roomCount(): number | Promise<number>;
  /** Calls by name hear of room calls (they show the person busy). */
  onRoomCall(listener: RoomCallListener): void;
}

export interface SeatsDeps {
  store: RoomStore;
  peers: SeatPeers;
  /** Seat requests and freed seats are counted here; nothing when left out. */
  metrics?: SeatMetrics;
}

export function createSeats(deps: SeatsDeps): Seats {
  const { store, peers, metrics } = deps;
  const roomCalls: RoomCallListener[] = [];

  /** The one place `bye` is told: `member` left `room`, `remaining` sit there still. */
  function bye(room: string, member: string, remaining: readonly string[]): void {
    if (remaining.length > 0) peers.tell(remaining, 'bye', room, member);
  }

  async function seat(room: string, member: string, address: string | undefined): Promise<JoinResult> {
    const result = await store.seat(room, member, address);
    metrics?.admitted(result.kind);
    return result;
  }

  async function unseat(room: string, member: string): Promise<LeaveResult> {
    const result = await store.unseat(room, member);
    if (result.kind === 'left') {
      metrics?.unseated(1);
      bye(room, member, result.remaining);
    }
    return result;
  }

  async function freeCall(room: string, first?: string): Promise<void> {
    const members = await store.others(room, '');
    const order = first !== undefined && members.includes(first) ? [first, ...members.filter((m) => m !== first)] : members;
    for (const member of order) await unseat(room, member);
  }

  return {
    async join(room, member, address) {
      const result = await seat(room, member, address);
      if (result.kind === 'joined') {
        peers.tell(member, 'joined', room, member);
        for (const peer of result.peers) peers.tell(peer, 'otherjoin', room, member);
        for (const listener of roomCalls) listener(member, room, true);
      }
      return result;
    },
    async leave(room, member) {
      const result = await unseat(room, member);
      if (result.kind === 'left') for (const listener of roomCalls) listener(member, room, false);
      return result;
    },
    async leaveAll(member) {
      const left = await store.unseatAll(member);
      if (left.length > 0) metrics?.unseated(left.length);
      for (const { room, remaining } of left) bye(room, member, remaining);
    },
    async seatCall(room, caller, callee) {
      const first = await seat(room, caller, peers.addressOf(caller));
      if (first.kind !== 'joined') return { ok: false, refused: caller, kind: first.kind };
      peers.tell(caller, 'joined', room, caller);
      const second = await seat(room, callee, peers.addressOf(callee));
      if (second.kind !== 'joined') {
        await freeCall(room);
        return { ok: false, refused: callee, kind: second.kind };
      }
      peers.tell(callee, 'joined', room, callee);
      peers.tell(caller, 'otherjoin', room, callee);
      const [callerHere, calleeHere] = await Promise.all([peers.connected(caller), peers.connected(callee)]);
      if (!callerHere || !calleeHere) await freeCall(room, callerHere ? callee : caller);
      return { ok: true };
    },
    freeCall,
    freed(seats) {
      for (const { room, member, remaining } of seats) bye(room, member, remaining);
    },
    others: (room, member) => store.others(room, member),
    isMember: (room, member) => store.isMember(room, member),
    roomCount: () => store.roomCount(),
    onRoomCall(listener) {
      roomCalls.push(listener);
    },
  };
}

/** The seat owner's way to sockets on a Socket.IO server: `tell` from the pipeline, addresses and presence from `io`. */
export function socketPeers(io: DuetServer, tell: SeatPeers['tell']): SeatPeers {
  return {
    tell,
    addressOf: (id) => io.sockets.sockets.get(id)?.data.address,
    async connected(id) {
      if (io.sockets.sockets.has(id)) return true;
      try {
        return (await io.in(id).fetchSockets()).length > 0;
      } catch {
        return true; // a node that does not answer: counted as alive
      }
    },
  };
}
