/**
 * The people service behind an async interface: the socket layer calls only this,
 * so a backend shared by several nodes (names on Redis, say) can replace the in-memory one
 * without touching people-socket.ts. Every method returns what to do next as data: a `Step`
 * (answer `reply`, emit `events`, seat `seat`, free `free`) or the events of a tick.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { LoginResult } from '../../shared/people-events.js';
import type { PeopleConfig } from '../config/people-config.js';
import type { Clock, RandomBytes } from './directory.js';
import { createPeople, type PeopleOptions, type Step } from './people.js';
import type { PeopleEvent } from './rings.js';
import type { PeopleStateStore } from './state.js';

export type { Step } from './people.js';
export type { PeopleEvent } from './rings.js';

/** A request's answer: `{ok: true, …}` or a refusal with its error code. */
export type PeopleReply = { ok: true; [key: string]: unknown } | { ok: false; error: string };

export interface PeopleBackend {
  /** `address`: the client's, counted against the cap on names per address. */
  login(socketId: string, name: unknown, token?: unknown, address?: string): Promise<Step<LoginResult>>;
  logout(socketId: string): Promise<Step<PeopleReply>>;
  call(socketId: string, name: unknown): Promise<Step<PeopleReply>>;
  cancel(socketId: string): Promise<Step<PeopleReply>>;
  accept(socketId: string, from: unknown): Promise<Step<PeopleReply>>;
  decline(socketId: string, from: unknown): Promise<Step<PeopleReply>>;
  block(socketId: string, name: unknown): Promise<Step<PeopleReply>>;
  hangup(socketId: string): Promise<Step<PeopleReply>>;
  /** `socketId` joined (true) or left (false) an ordinary room; leaving its call's room hangs up. */
  room(socketId: string, room: string, inRoom: boolean): Promise<Step<undefined>>;
  /** `socketId` disconnected: its name is reserved for its token, its rings and call end. */
  disconnect(socketId: string): Promise<Step<undefined>>;
  /** Rings that timed out and `people` lists that fell due. */
  tick(): Promise<PeopleEvent[]>;
  /** When `tick` next has something to do (in the backend's clock), if ever. */
  nextWake(): Promise<number | undefined>;
  /** How many names are signed in (over every node for a shared backend). */
  signedIn(): Promise<number>;
  /** Steps a shared backend takes on its own (people of a dead node released): the socket layer carries them out. */
  onOwnSteps?(listener: (step: Step<undefined>, by: string) => void): void;
  /** Stops what the backend runs on its own. */
  close?(): void;
}

export interface MemoryBackendOptions extends Partial<Omit<PeopleOptions, 'clock' | 'randomBytes' | 'state'>> {
  clock?: Clock;
  randomBytes?: RandomBytes;
}

/** The backend over a store of the service's state: each request runs on the state as it is now. */
export function backendOn(store: PeopleStateStore): PeopleBackend {
  return {
    login: (socketId, name, token, address) => store.update((p) => p.login(socketId, name, token, address)),
    logout: (socketId) => store.update((p) => p.logout(socketId)),
    call: (socketId, name) => store.update((p) => p.call(socketId, name)),
    cancel: (socketId) => store.update((p) => p.cancel(socketId)),
    accept: (socketId, from) => store.update((p) => p.accept(socketId, from)),
    decline: (socketId, from) => store.update((p) => p.decline(socketId, from)),
    block: (socketId, name) => store.update((p) => p.block(socketId, name)),
    hangup: (socketId) => store.update((p) => p.hangup(socketId)),
    room: (socketId, room, inRoom) => store.update((p) => p.room(socketId, room, inRoom)),
    disconnect: (socketId) => store.update((p) => p.disconnect(socketId)),
    tick: () => store.update((p) => p.tick()),
    nextWake: () => store.update((p) => p.nextWake()),
    signedIn: () => store.update((p) => p.signedIn()),
  };
}

/** The options of the people service that come from the configuration (DIRECTORY, RING_TIMEOUT_S, …). */
export function serviceOptions(config: PeopleConfig): Omit<PeopleOptions, 'clock' | 'randomBytes' | 'state'> {
  return {
    directory: config.directory,
    ringTimeoutMs: config.ringTimeoutS * 1000,
    ringCooldownMs: config.ringCooldownS * 1000,
    maxListed: config.maxListedPeople,
    maxNamesPerAddress: config.maxNamesPerAddress,
  };
}

/** One process: the pure service of people.ts, answered at once. */
export function createMemoryPeopleBackend(options: MemoryBackendOptions = {}): PeopleBackend {
  const people = createPeople({ ...options, clock: options.clock ?? Date.now, randomBytes: options.randomBytes ?? cryptoRandomBytes });
  return backendOn({ update: async (fn) => fn(people) });
}
