/**
 * The people service behind an async interface (issue 12): the socket layer calls only this,
 * so a backend shared by several nodes (names on Redis, say) can replace the in-memory one
 * without touching people-socket.ts. Every method returns what to do next as data: a `Step`
 * (answer `reply`, emit `events`, seat `seat`, free `free`) or the events of a tick.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { LoginResult } from '../../shared/people-events.js';
import type { Clock, RandomBytes } from './directory.js';
import { createPeople, type PeopleOptions, type Step } from './people.js';
import type { PeopleEvent } from './rings.js';

export type { Step } from './people.js';
export type { PeopleEvent } from './rings.js';

/** A request's answer: `{ok: true, …}` or a refusal with its error code. */
export type PeopleReply = { ok: true; [key: string]: unknown } | { ok: false; error: string };

export interface PeopleBackend {
  login(socketId: string, name: unknown, token?: unknown): Promise<Step<LoginResult>>;
  logout(socketId: string): Promise<Step<PeopleReply>>;
  call(socketId: string, name: unknown): Promise<Step<PeopleReply>>;
  cancel(socketId: string): Promise<Step<PeopleReply>>;
  accept(socketId: string, from: unknown): Promise<Step<PeopleReply>>;
  decline(socketId: string, from: unknown): Promise<Step<PeopleReply>>;
  hangup(socketId: string): Promise<Step<PeopleReply>>;
  /** `socketId` joined (true) or left (false) an ordinary room; leaving its call's room hangs up. */
  room(socketId: string, room: string, inRoom: boolean): Promise<Step<undefined>>;
  /** `socketId` disconnected: its name is reserved for its token, its rings and call end. */
  disconnect(socketId: string): Promise<Step<undefined>>;
  /** Rings that timed out and `people` lists that fell due. */
  tick(): Promise<PeopleEvent[]>;
  /** When `tick` next has something to do (in the backend's clock), if ever. */
  nextWake(): Promise<number | undefined>;
}

export interface MemoryBackendOptions extends Partial<Omit<PeopleOptions, 'clock' | 'randomBytes'>> {
  clock?: Clock;
  randomBytes?: RandomBytes;
}

/** One process: the pure service of people.ts, answered at once. */
export function createMemoryPeopleBackend(options: MemoryBackendOptions = {}): PeopleBackend {
  const people = createPeople({ ...options, clock: options.clock ?? Date.now, randomBytes: options.randomBytes ?? cryptoRandomBytes });
  return {
    login: async (socketId, name, token) => people.login(socketId, name, token),
    logout: async (socketId) => people.logout(socketId),
    call: async (socketId, name) => people.call(socketId, name),
    cancel: async (socketId) => people.cancel(socketId),
    accept: async (socketId, from) => people.accept(socketId, from),
    decline: async (socketId, from) => people.decline(socketId, from),
    hangup: async (socketId) => people.hangup(socketId),
    room: async (socketId, room, inRoom) => people.room(socketId, room, inRoom),
    disconnect: async (socketId) => people.disconnect(socketId),
    tick: async () => people.tick(),
    nextWake: async () => people.nextWake(),
  };
}
