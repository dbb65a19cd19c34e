/**
 * Ringing and calls by name, with no I/O and no timers: every operation returns
 * the events to send as data, for a thin socket layer to emit. People are socket ids; their
 * names come from the directory when a ring starts and are kept with the ring and the call.
 *
 * Busy: a person ringing someone, being rung, in a call by name or in a room call is shown
 * busy. A new call is refused with `unavailable(to,'busy')` when the person called is ringing
 * someone, already being rung (one pending ring per person: further callers hear busy) or in a
 * call. After a decline, that caller's rings to that person are answered `declined` for
 * `cooldownMs`; a person may block a name, whose rings are then answered `declined` for as long
 * as they hold their name. Entering a call (accepting, or joining a room) ends every other
 * ring of both people: their callers get `unavailable(them,'busy')` and they get
 * `cancelled(caller)`; the person they were ringing gets `cancelled(them)` (their own ring is
 * withdrawn without an event to them: they chose the other call).
 */
import { checkPersonName } from './person-name.js';
import type { PeopleErrorCode, PeopleServerToClientEvents } from '../../shared/people-events.js';
import type { Clock, RandomBytes, SignedIn } from './directory.js';
import { createRefusals } from './refusals.js';
import { ringMaps, ringsSnapshot, type PartyState, type RingState, type RingsState } from './state.js';

/** One event for the socket layer to emit to socket `to`. */
export type PeopleEvent = {
  [K in keyof PeopleServerToClientEvents]: { to: string; event: K; args: Parameters<PeopleServerToClientEvents[K]> };
}[keyof PeopleServerToClientEvents];

export type RingRefusal = Exclude<PeopleErrorCode, 'name-taken'>;
export type Outcome<T extends object = object> = ({ ok: true; events: PeopleEvent[] } & T) | { ok: false; error: RingRefusal };

/** What rings needs to know about names: the directory provides it. */
export interface Lookup {
  whoIs(socketId: string): SignedIn | undefined;
  socketOf(key: string): string | undefined;
}

export interface Rings {
  /** `from` rings `name`: `ringing` or `unavailable` for the caller, `incoming` for the callee. */
  call(from: string, name: unknown): Outcome<{ to: string }>;
  cancel(from: string): Outcome;
  /** Seats nobody: returns the private room for the socket layer to seat caller then callee. */
  accept(callee: string, from: unknown): Outcome<{ room: string; caller: string; peer: string }>;
  /** Ends the ring from `from`; that caller's rings to `callee` are then answered `declined` for a while. */
  decline(callee: string, from: unknown): Outcome;
  /** `callee` refuses rings from the name `name` while they hold their name; a ring from it now ends as declined. */
  block(callee: string, name: unknown): Outcome;
  /** Ends the call; returns the room whose two seats the socket layer frees. */
  hangup(person: string): Outcome<{ room: string; peer: string }>;
  /**
   * Ends every ring and call of `person` (logout, a new name, lost to a token, disconnect);
   * `gone` (a disconnect) also forgets their room-call flag.
   */
  release(person: string, gone?: boolean): { events: PeopleEvent[]; room?: string };
  /** Tells that `person` is (or no longer is) in a room call; entering one ends their rings. */
  setInRoom(person: string, inRoom: boolean): PeopleEvent[];
  /** Ends every ring older than the timeout with `no-answer`. */
  expire(): PeopleEvent[];
  /** When the oldest ring times out, for the one timer of the socket layer. */
  nextExpiry(): number | undefined;
  isBusy(person: string): boolean;
  callOf(person: string): { room: string; peer: string } | undefined;
  /** Everything held, as plain JSON (for a store shared by several nodes). */
  snapshot(): RingsState;
}

export interface RingsOptions {
  lookup: Lookup;
  clock: Clock;
  randomBytes: RandomBytes;
  ringTimeoutMs?: number;
  /** After a decline, how long that caller's rings to that person are answered `declined` (0: not at all). */
  cooldownMs?: number;
  /** Start from this state (from `snapshot()`) instead of empty. */
  state?: RingsState;
}

export const RING_TIMEOUT_MS = 30_000;
export { MAX_BLOCKED, RING_COOLDOWN_MS } from './refusals.js';
export const CALL_ROOM_PREFIX = 'call-';

type Party = PartyState;
type Ring = RingState;

const ROOM_BYTES = 16;

export function createRings(options: RingsOptions): Rings {
  const { lookup, clock, randomBytes } = options;
  const ringTimeoutMs = options.ringTimeoutMs ?? RING_TIMEOUT_MS;
  // outgoing: caller → ring, insertion order is expiry order; incoming: callee → caller → ring;
  // calls: person → seat in a call by name; inRooms: people in a room call;
  // cooldowns: "caller key \n callee key" → until, in expiry order; blocked: person → name keys
  const maps = ringMaps(options.state);
  const { outgoing, incoming, calls, inRooms } = maps;

  const refusals = createRefusals(maps, clock, options.cooldownMs);

  const send = <K extends PeopleEvent['event']>(to: string, event: K, ...args: Parameters<PeopleServerToClientEvents[K]>) =>
    ({ to, event, args }) as PeopleEvent;

  function party(socketId: string): Party | undefined {
    const who = lookup.whoIs(socketId);
    return who && { ...who, socketId };
  }

  function drop(ring: Ring): void {
    outgoing.delete(ring.caller.socketId);
    const rings = incoming.get(ring.callee.socketId);
    rings?.delete(ring.caller.socketId);
    if (rings?.size === 0) incoming.delete(ring.callee.socketId);
  }

  /** The ring to `callee` from the person named `from`, if there is one. */
  function ringFrom(callee: string, from: unknown): Ring | RingRefusal {
    if (!lookup.whoIs(callee)) return 'not-logged-in';
    const check = checkPersonName(from);
    if (!check.ok) return 'invalid-name';
    const ring = [...(incoming.get(callee)?.values() ?? [])].find((r) => r.caller.key === check.key);
    return ring ?? 'no-such-call';
  }

  /** Ends the rings of someone entering a call or leaving: `reason` tells their callers why. */
  function endRings(person: string, reason: 'busy' | 'offline'): PeopleEvent[] {
    const events: PeopleEvent[] = [];
    const mine = outgoing.get(person);
    if (mine) {
      drop(mine);
      events.push(send(mine.callee.socketId, 'cancelled', mine.caller.name));
    }
    for (const ring of [...(incoming.get(person)?.values() ?? [])]) {
      drop(ring);
      events.push(send(ring.caller.socketId, 'unavailable', ring.callee.name, reason));
      if (reason === 'busy') events.push(send(person, 'cancelled', ring.caller.name));
    }
    return events;
  }

  function endCall(person: string): { room: string; peer: Party; events: PeopleEvent[] } | undefined {
    const seat = calls.get(person);
    if (!seat) return undefined;
    calls.delete(person);
    calls.delete(seat.peer.socketId);
    return { room: seat.room, peer: seat.peer, events: [send(seat.peer.socketId, 'hangup', seat.self.name)] };
  }

  return {
    call(from, name) {
      const caller = party(from);
      if (!caller) return { ok: false, error: 'not-logged-in' };
      const check = checkPersonName(name);
      if (!check.ok) return { ok: false, error: 'invalid-name' };
      if (check.key === caller.key) return { ok: false, error: 'self' };
      if (calls.has(from) || inRooms.has(from) || outgoing.has(from)) return { ok: false, error: 'already-in-call' };
      const target = lookup.socketOf(check.key);
      const callee = target === undefined ? undefined : party(target);
      if (!callee) return { ok: true, to: check.name, events: [send(from, 'unavailable', check.name, 'offline')] };
      const to = callee.name;
      if (refusals.refuses(callee, caller)) return { ok: true, to, events: [send(from, 'unavailable', to, 'declined')] };
      if (calls.has(callee.socketId) || inRooms.has(callee.socketId) || outgoing.has(callee.socketId) || incoming.has(callee.socketId)) {
        return { ok: true, to, events: [send(from, 'unavailable', to, 'busy')] };
      }
      const ring: Ring = { caller, callee, until: clock() + ringTimeoutMs };
      outgoing.set(from, ring);
      let rings = incoming.get(callee.socketId);
      if (!rings) incoming.set(callee.socketId, (rings = new Map()));
      rings.set(from, ring);
      return { ok: true, to, events: [send(callee.socketId, 'incoming', caller.name), send(from, 'ringing', to)] };
    },
    cancel(from) {
      if (!lookup.whoIs(from)) return { ok: false, error: 'not-logged-in' };
      const ring = outgoing.get(from);
      if (!ring) return { ok: false, error: 'no-such-call' };
      drop(ring);
      return { ok: true, events: [send(ring.callee.socketId, 'cancelled', ring.caller.name)] };
    },
    accept(callee, from) {
      const ring = ringFrom(callee, from);
      if (typeof ring === 'string') return { ok: false, error: ring };
      drop(ring);
      const room = CALL_ROOM_PREFIX + Buffer.from(randomBytes(ROOM_BYTES).subarray(0, ROOM_BYTES)).toString('base64url');
      const { caller } = ring;
      const events = [send(caller.socketId, 'accepted', room, ring.callee.name), send(callee, 'accepted', room, caller.name)];
      events.push(...endRings(caller.socketId, 'busy'), ...endRings(callee, 'busy'));
      calls.set(caller.socketId, { room, self: caller, peer: ring.callee });
      calls.set(callee, { room, self: ring.callee, peer: caller });
      return { ok: true, events, room, caller: caller.socketId, peer: caller.name };
    },
    decline(callee, from) {
      const ring = ringFrom(callee, from);
      if (typeof ring === 'string') return { ok: false, error: ring };
      drop(ring);
      refusals.declined(ring.caller, ring.callee);
      return { ok: true, events: [send(ring.caller.socketId, 'unavailable', ring.callee.name, 'declined')] };
    },
    block(callee, name) {
      if (!lookup.whoIs(callee)) return { ok: false, error: 'not-logged-in' };
      const check = checkPersonName(name);
      if (!check.ok) return { ok: false, error: 'invalid-name' };
      refusals.block(callee, check.key);
      const ring = [...(incoming.get(callee)?.values() ?? [])].find((r) => r.caller.key === check.key);
      if (!ring) return { ok: true, events: [] };
      drop(ring);
      return { ok: true, events: [send(ring.caller.socketId, 'unavailable', ring.callee.name, 'declined')] };
    },
    hangup(person) {
      if (!lookup.whoIs(person)) return { ok: false, error: 'not-logged-in' };
      const ended = endCall(person);
      if (!ended) return { ok: false, error: 'no-such-call' };
      return { ok: true, events: ended.events, room: ended.room, peer: ended.peer.socketId };
    },
    release(person, gone = false) {
      if (gone) inRooms.delete(person);
      refusals.forget(person); // blocks last while the name is held on this connection
      const events = endRings(person, 'offline');
      const ended = endCall(person);
      return ended ? { events: [...events, ...ended.events], room: ended.room } : { events };
    },
    setInRoom(person, inRoom) {
      if (!inRoom) {
        inRooms.delete(person);
        return [];
      }
      inRooms.add(person);
      return endRings(person, 'busy');
    },
    expire() {
      refusals.prune();
      const now = clock();
      const events: PeopleEvent[] = [];
      for (const ring of [...outgoing.values()]) {
        if (ring.until > now) break;
        drop(ring);
        events.push(send(ring.caller.socketId, 'unavailable', ring.callee.name, 'no-answer'), send(ring.callee.socketId, 'cancelled', ring.caller.name));
      }
      return events;
    },
    nextExpiry() {
      return outgoing.values().next().value?.until;
    },
    isBusy(person) {
      return outgoing.has(person) || incoming.has(person) || calls.has(person) || inRooms.has(person);
    },
    snapshot: () => ringsSnapshot(maps),
    callOf(person) {
      const seat = calls.get(person);
      return seat && { room: seat.room, peer: seat.peer.name };
    },
  };
}
