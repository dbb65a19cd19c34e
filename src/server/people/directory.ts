/**
 * Who is signed in under which display name, with no I/O and no timers.
 * A name belongs to one socket at a time, compared by its key (case- and width-insensitive, look-alikes folded: person-name.ts).
 * After a disconnect the name stays reserved for its owner for `reserveMs`: a login with the
 * token from the first result takes it back, on any socket; anyone else gets `name-taken`.
 * Expiry is computed from the injected clock when asked, so nothing here needs a timer.
 */
import { compareCodePoints } from '../../shared/display-name.js';
import { checkPersonName } from './person-name.js';
import type { Person } from '../../shared/people-events.js';
import type { DirectoryState, HolderState, ReservationState } from './state.js';

/** Milliseconds since some fixed origin (Date.now in production, a fake in tests). */
export type Clock = () => number;
/** Cryptographically strong random bytes (crypto.randomBytes in production). */
export type RandomBytes = (size: number) => Uint8Array;

export const NAME_RESERVE_MS = 15_000;
/** 128 bits: tokens are 22 base64url characters. */
export const TOKEN_BYTES = 16;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/;

export type LoginOutcome =
  | {
      ok: true;
      name: string;
      key: string;
      token: string;
      /** The name this socket held before, now free (a login under another name drops it). */
      previous?: string;
      /** Another socket that held this name and lost it to the right token (a network blip). */
      displaced?: string;
    }
  | { ok: false; error: 'invalid-name' | 'name-taken' | 'too-many-names' };

export interface SignedIn {
  name: string;
  key: string;
}

/** One signed-in person and their socket, in the order every list is sorted by. */
export interface RosterEntry extends Person {
  socketId: string;
}

export interface Directory {
  /** `address`: the client's, counted against `maxPerAddress` (no cap without one). */
  login(socketId: string, name: unknown, token?: unknown, address?: string): LoginOutcome;
  /** Frees the name at once (no reservation). */
  logout(socketId: string): SignedIn | undefined;
  /** Keeps the name reserved for its token; returns what the socket held. */
  disconnect(socketId: string): SignedIn | undefined;
  whoIs(socketId: string): SignedIn | undefined;
  /** The socket signed in under `key`, if any (a reserved name is not signed in). */
  socketOf(key: string): string | undefined;
  /** Everyone signed in, sorted by key in code point order, with their busy flag. */
  roster(isBusy: (socketId: string) => boolean): RosterEntry[];
  /** Forgets expired reservations (memory only: expiry already holds without it). */
  sweep(): void;
  /** Everything held, as plain JSON (for a store shared by several nodes). */
  snapshot(): DirectoryState;
  readonly size: number;
}

export interface DirectoryOptions {
  clock: Clock;
  randomBytes: RandomBytes;
  reserveMs?: number;
  /** The most names signed in at once from one address (default: no cap). */
  maxPerAddress?: number;
  /** Start from this state (from `snapshot()`) instead of empty. */
  state?: DirectoryState;
}

type Holder = HolderState;
type Reservation = ReservationState;

export function createDirectory(options: DirectoryOptions): Directory {
  const { clock, randomBytes } = options;
  const reserveMs = options.reserveMs ?? NAME_RESERVE_MS;
  const maxPerAddress = options.maxPerAddress ?? Infinity;
  const online = new Map<string, Holder>(structuredClone(options.state?.online ?? [])); // key → holder
  const keys = new Map<string, string>([...online].map(([key, holder]) => [holder.socketId, key])); // socket id → key
  // insertion order is expiry order (one constant delay), so sweeping stops at the first live one
  const reservations = new Map<string, Reservation>(structuredClone(options.state?.reservations ?? []));

  function newToken(): string {
    const bytes = randomBytes(TOKEN_BYTES);
    if (bytes.length < TOKEN_BYTES) throw new Error(`randomBytes returned ${bytes.length} bytes, need ${TOKEN_BYTES}`);
    return Buffer.from(bytes.subarray(0, TOKEN_BYTES)).toString('base64url');
  }

  function liveReservation(key: string): Reservation | undefined {
    const reservation = reservations.get(key);
    return reservation && reservation.until > clock() ? reservation : undefined;
  }

  function release(socketId: string): SignedIn | undefined {
    const key = keys.get(socketId);
    if (key === undefined) return undefined;
    const holder = online.get(key)!;
    keys.delete(socketId);
    online.delete(key);
    return { name: holder.name, key };
  }

  function sweep(): void {
    const now = clock();
    for (const [key, reservation] of reservations) {
      if (reservation.until > now) break;
      reservations.delete(key);
    }
  }

  /** Names held from `address`, but by `socketId` or under `key` (a login would replace those). */
  const heldFrom = (address: string, socketId: string, key: string) =>
    [...online].filter(([held, holder]) => holder.address === address && holder.socketId !== socketId && held !== key).length;

  return {
    login(socketId, name, token, address) {
      sweep();
      const check = checkPersonName(name);
      if (!check.ok) return { ok: false, error: 'invalid-name' };
      const { key } = check;
      const holder = online.get(key);
      if (holder?.socketId === socketId) {
        holder.name = check.name;
        return { ok: true, name: holder.name, key, token: holder.token };
      }
      const owner = holder ?? liveReservation(key);
      const proof = typeof token === 'string' && TOKEN_PATTERN.test(token) ? token : undefined;
      if (owner && (proof === undefined || !sameToken(proof, owner.token))) return { ok: false, error: 'name-taken' };
      if (address !== undefined && heldFrom(address, socketId, key) >= maxPerAddress) return { ok: false, error: 'too-many-names' };
      const previous = release(socketId)?.name;
      if (holder) release(holder.socketId);
      reservations.delete(key);
      const claimed: Holder = { name: check.name, token: owner?.token ?? newToken(), socketId, ...(address !== undefined && { address }) };
      online.set(key, claimed);
      keys.set(socketId, key);
      return {
        ok: true,
        name: claimed.name,
        key,
        token: claimed.token,
        ...(previous !== undefined && { previous }),
        ...(holder && { displaced: holder.socketId }),
      };
    },
    logout: release,
    disconnect(socketId) {
      const key = keys.get(socketId);
      if (key === undefined) return undefined;
      const { token } = online.get(key)!;
      const left = release(socketId)!;
      reservations.delete(key);
      reservations.set(key, { name: left.name, token, until: clock() + reserveMs });
      return left;
    },
    whoIs(socketId) {
      const key = keys.get(socketId);
      return key === undefined ? undefined : { name: online.get(key)!.name, key };
    },
    socketOf(key) {
      return online.get(key)?.socketId;
    },
    roster(isBusy) {
      return [...online].sort(([a], [b]) => compareCodePoints(a, b)).map(([, { name, socketId }]) => ({ name, busy: isBusy(socketId), socketId }));
    },
    sweep,
    snapshot: () => structuredClone({ online: [...online], reservations: [...reservations] }),
    get size() {
      return online.size;
    },
  };
}

/** The first `max` of everyone in `roster` but `viewer` (no socket ids), and how many that is in all. */
export function peopleFor(roster: readonly RosterEntry[], viewer: string, max = Infinity): { list: Person[]; total: number } {
  const list: Person[] = [];
  let total = 0;
  for (const entry of roster) {
    if (entry.socketId === viewer) continue;
    total++;
    if (list.length < max) list.push({ name: entry.name, busy: entry.busy });
  }
  return { list, total };
}

/** Compares two tokens of equal, public length without an early exit. */
function sameToken(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
