/**
 * Calls by name on a server, in one call for createServer: the backend (in memory unless one
 * is given), the socket layer and the watched room store that tells it about room calls.
 */
import { PEOPLE_DEFAULTS, type PeopleConfig } from '../config/people-config.js';
import type { Logger } from '../log/logger.js';
import type { RoomStore } from '../rooms/store.js';
import type { DuetServer } from '../socket/types.js';
import { createMemoryPeopleBackend, serviceOptions, type PeopleBackend } from './backend.js';
import { attachPeople, type PeopleSocketDeps } from './people-socket.js';
import type { Timers } from './wake-timer.js';
import type { ProbePacer } from './probes.js';
import { watchRoomStore } from './watch-store.js';

export { serviceOptions, type PeopleBackend } from './backend.js';
export type { Timers } from './wake-timer.js';

export interface WirePeopleOptions {
  /** DIRECTORY, RING_TIMEOUT_S and the other people settings (default PEOPLE_DEFAULTS). */
  config?: PeopleConfig;
  /** The room store; the one returned, which the room events must use, reports to calls by name. */
  store: RoomStore;
  logger: Logger;
  clock: () => number;
  timers?: Timers;
  backend?: PeopleBackend;
  metrics?: PeopleSocketDeps['metrics'];
  /** The cap on what may wait for one connection (MAX_QUEUED_BYTES): `people` lists wait while over it. */
  congestion?: PeopleSocketDeps['congestion'];
  /** With DIRECTORY=off: the budget of answers that tell whether a name is online (admission/probe-pacer.ts). */
  probes?: ProbePacer;
}

export interface WiredPeople {
  /** The room store the room events must use (it reports room calls). */
  store: RoomStore;
  /** How many names are signed in (the metrics gauge). */
  signedIn(): Promise<number>;
  close(): void;
}

export function wirePeople(io: DuetServer, options: WirePeopleOptions): WiredPeople {
  const { config = PEOPLE_DEFAULTS, clock } = options;
  const backend = options.backend ?? createMemoryPeopleBackend({ clock, ...serviceOptions(config) });
  const people = attachPeople(io, {
    backend,
    store: options.store,
    logger: options.logger,
    clock,
    timers: options.timers,
    metrics: options.metrics,
    congestion: options.congestion,
    probes: config.directory ? undefined : options.probes,
  });
  return { store: watchRoomStore(options.store, people.roomChanged), signedIn: () => backend.signedIn(), close: people.close };
}
