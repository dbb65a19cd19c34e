/**
 * Calls by name on a server, in one call for createServer: the backend (in memory unless one
 * is given), the socket layer and the watched room store that tells it about room calls.
 */
import { PEOPLE_DEFAULTS, type PeopleConfig } from '../config/people-config.js';
import type { Logger } from '../log/logger.js';
import type { RoomStore } from '../signaling/room-store.js';
import type { DuetServer } from '../signaling/signaling.js';
import { createMemoryPeopleBackend, type PeopleBackend } from './backend.js';
import { attachPeople } from './people-socket.js';
import type { Timers } from './wake-timer.js';
import { watchRoomStore } from './watch-store.js';

export type { PeopleBackend } from './backend.js';
export type { Timers } from './wake-timer.js';

export interface WirePeopleOptions {
  /** DIRECTORY and RING_TIMEOUT_S (default PEOPLE_DEFAULTS). */
  config?: PeopleConfig;
  /** The room store; the one returned, which the room events must use, reports to calls by name. */
  store: RoomStore;
  logger: Logger;
  clock: () => number;
  timers?: Timers;
  backend?: PeopleBackend;
}

export function wirePeople(io: DuetServer, options: WirePeopleOptions): { store: RoomStore; close(): void } {
  const { config = PEOPLE_DEFAULTS, clock } = options;
  const backend = options.backend ?? createMemoryPeopleBackend({ clock, directory: config.directory, ringTimeoutMs: config.ringTimeoutS * 1000 });
  const people = attachPeople(io, { backend, store: options.store, logger: options.logger, clock, timers: options.timers });
  return { store: watchRoomStore(options.store, people.roomChanged), close: people.close };
}
