/**
 * The private rooms of calls by name, through the RoomStore the room events use: seats the
 * caller then the callee (the room protocol's `joined` / `otherjoin`, so the caller makes the
 * offer) and frees both seats when the call ends. Emits with `io.to(socketId)`, which reaches
 * a socket on any node once an adapter is set.
 *
 * A person may disconnect while the other accepts: on another node, its disconnect can free
 * the call before the seats are written here, and nothing would ever free them. So once both
 * are seated and told, each is looked up (on this node, else through the adapter on every node); a
 * socket that is gone has its room freed at once. A socket still found then frees the room
 * itself when it disconnects later, since its disconnect comes after the seats were written.
 */
import type { RoomStore } from '../rooms/store.js';
import type { JoinResult } from '../rooms/membership.js';
import type { DuetServer } from '../socket/types.js';

export type SeatOutcome = { ok: true } | { ok: false; refused: string; kind: Exclude<JoinResult['kind'], 'joined'> };

export interface CallRooms {
  /** Seats `caller` then `callee` in `room`; on a refused seat frees what was taken and says who. */
  seat(room: string, caller: string, callee: string): Promise<SeatOutcome>;
  /** Frees every seat of `room`, `first` first: each one left behind hears `bye(room, leaver)`. */
  free(room: string, first?: string): Promise<void>;
}

export function createCallRooms(io: DuetServer, store: RoomStore): CallRooms {
  /** The client address of a socket of this node, so the seat counts against its address. */
  const addressOf = (id: string) => io.sockets.sockets.get(id)?.data.address;

  /** False only when no node has `id` any more; a lookup that fails (a node not answering) counts as alive. */
  async function connected(id: string): Promise<boolean> {
    if (io.sockets.sockets.has(id)) return true;
    try {
      return (await io.in(id).fetchSockets()).length > 0;
    } catch {
      return true;
    }
  }

  async function free(room: string, first?: string): Promise<void> {
    const members = await store.others(room, '');
    const order = first !== undefined && members.includes(first) ? [first, ...members.filter((m) => m !== first)] : members;
    for (const member of order) {
      const left = await store.unseat(room, member);
      if (left.kind === 'left') for (const peer of left.remaining) io.to(peer).emit('bye', room, member);
    }
  }

  return {
    async seat(room, caller, callee) {
      const first = await store.seat(room, caller, addressOf(caller));
      if (first.kind !== 'joined') return { ok: false, refused: caller, kind: first.kind };
      io.to(caller).emit('joined', room, caller);
      const second = await store.seat(room, callee, addressOf(callee));
      if (second.kind !== 'joined') {
        await free(room);
        return { ok: false, refused: callee, kind: second.kind };
      }
      io.to(callee).emit('joined', room, callee);
      io.to(caller).emit('otherjoin', room, callee);
      const [callerHere, calleeHere] = await Promise.all([connected(caller), connected(callee)]);
      if (!callerHere || !calleeHere) await free(room, callerHere ? callee : caller);
      return { ok: true };
    },
    free,
  };
}
