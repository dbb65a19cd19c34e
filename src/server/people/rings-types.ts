/**
 * The types of the ringing state machine (rings.ts): the events it returns as data,
 * its outcomes and refusals, what it asks of the directory, and its interface.
 */
import type { PeopleErrorCode, PeopleServerToClientEvents } from '../../shared/people-events.js';
import type { Clock, RandomBytes, SignedIn } from './directory.js';
import type { RingsState } from './state.js';

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
