/**
 * The whole state of calls by name as plain JSON: what the directory, the rings,
 * the pacer and the last lists hold, so a store shared by several nodes can keep it between
 * requests and each node rebuilds the pure service from it. Each module builds its maps from
 * its part here and hands its part back; nothing here does I/O.
 */
import type { People } from './people.js';

export interface HolderState {
  name: string;
  token: string;
  socketId: string;
  /** The client address it signed in from (names per address are capped). */
  address?: string;
}
export interface ReservationState {
  name: string;
  token: string;
  until: number;
}
export interface DirectoryState {
  /** key → holder, in insertion order. */
  online: Array<[string, HolderState]>;
  /** key → reservation, in insertion order (expiry order). */
  reservations: Array<[string, ReservationState]>;
}

export interface PartyState {
  name: string;
  key: string;
  socketId: string;
}
export interface RingState {
  caller: PartyState;
  callee: PartyState;
  until: number;
}
export interface SeatState {
  room: string;
  self: PartyState;
  peer: PartyState;
}
export interface RingsState {
  /** Every ring, oldest first (expiry order). */
  rings: RingState[];
  /** person → their seat in a call by name. */
  calls: Array<[string, SeatState]>;
  /** People in a room call. */
  inRooms: string[];
  /** "caller key \n callee key" → until when that caller may not ring that person (after a decline), in expiry order. */
  cooldowns?: Array<[string, number]>;
  /** person → the name keys whose rings they refuse (blocked for as long as they hold their name). */
  blocked?: Array<[string, string[]]>;
}

export interface PacerState {
  lastSent: Array<[string, number]>;
  waiting: string[];
}

export interface PeopleState {
  directory: DirectoryState;
  rings: RingsState;
  pacer: PacerState;
  /** viewer → a digest of the list they last got (a short hash, so this stays linear in viewers). */
  lastList: Array<[string, string]>;
}

/** Where the state lives between requests: in memory, or shared by several nodes (people/redis-state.ts). */
export interface PeopleStateStore {
  /** Runs `fn` on the service as every node currently sees it and keeps what it leaves. */
  update<T>(fn: (people: People) => T): Promise<T>;
}

export const EMPTY_PEOPLE_STATE: PeopleState = {
  directory: { online: [], reservations: [] },
  rings: { rings: [], calls: [], inRooms: [], cooldowns: [], blocked: [] },
  pacer: { lastSent: [], waiting: [] },
  lastList: [],
};

/** The rings' maps from their state: each ring object is shared by `outgoing` and `incoming`. */
export function ringMaps(state: RingsState | undefined) {
  const outgoing = new Map<string, RingState>();
  const incoming = new Map<string, Map<string, RingState>>();
  for (const ring of state?.rings ?? []) {
    const copy = structuredClone(ring);
    outgoing.set(copy.caller.socketId, copy);
    let rings = incoming.get(copy.callee.socketId);
    if (!rings) incoming.set(copy.callee.socketId, (rings = new Map()));
    rings.set(copy.caller.socketId, copy);
  }
  const calls = new Map<string, SeatState>(structuredClone(state?.calls ?? []));
  const inRooms = new Set<string>(state?.inRooms ?? []);
  const cooldowns = new Map<string, number>(state?.cooldowns ?? []);
  const blocked = new Map<string, Set<string>>((state?.blocked ?? []).map(([person, keys]) => [person, new Set(keys)]));
  return { outgoing, incoming, calls, inRooms, cooldowns, blocked };
}

export function ringsSnapshot(maps: ReturnType<typeof ringMaps>): RingsState {
  return structuredClone({
    rings: [...maps.outgoing.values()],
    calls: [...maps.calls],
    inRooms: [...maps.inRooms],
    cooldowns: [...maps.cooldowns],
    blocked: [...maps.blocked].map(([person, keys]) => [person, [...keys]] as [string, string[]]),
  });
}
