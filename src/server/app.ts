/**
 * createServer: Express + HTTPS + Socket.IO on one port. Importing this module
 * does nothing; only `listen()` opens a port and `close()` stops everything.
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Express } from 'express';
import { DEFAULTS, type Limits, type OriginPolicy } from './config/config.js';
import { lanAddresses } from './lan/addresses.js';
import { lanUrls, localUrl } from './lan/lan.js';
import { listenDualStack } from './http/listen.js';
import type { IceServer, PeopleConfig, TurnConfig } from './config/config.js';
import { serviceOptions, wirePeople, type PeopleBackend, type Timers } from './people/wire-people.js';
import { createAdmission } from './admission/admission.js';
import { createProbePacer } from './admission/probe-pacer.js';
import type { Guard } from './admission/guard.js';
import type { Logger } from './log/logger.js';
import { throttleWarnings } from './log/log-throttle.js';
import type { Clock } from './limits/ratelimit.js';
import { createRoomState, type RoomState } from './rooms/membership.js';
import { createMemoryRoomStore } from './rooms/store.js';
import { attachSignaling } from './rooms/signaling.js';
import type { DuetServer } from './socket/types.js';
import { createSocketServer } from './socket/socket-server.js';
import { dropHandshakeRequest } from './http/drop-request.js';
import { redirectPlainHttp } from './http/plain-http.js';
import { waitUntil } from './http/wait-until.js';
import { createWebApp } from './http/web.js';
import { attachTurnCredentials } from './turn/turn-socket.js';
import { createHealth, type ReadinessCheck } from './health/health.js';
import { createMetrics, type DuetMetrics } from './metrics/metrics.js';
import { countSeats } from './rooms/seat-metrics.js';
import { PEOPLE_DEFAULTS } from './config/people-config.js';
import { createCluster, type Cluster, type ClusterOptions } from './cluster/cluster.js';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  /** Abuse limits (default: DEFAULTS.limits). */
  readonly limits?: Limits;
  /** Origin check (default: own origin only, clients without Origin allowed). */
  readonly origins?: OriginPolicy;
  /** STUN/TURN servers for browsers (GET /api/config); none by default. */
  readonly iceServers?: readonly IceServer[];
  /** TURN relay (credentials over the socket, turn-socket.ts) and STUN servers (GET /api/config). */
  readonly turn?: TurnConfig;
  /** Calls by name: DIRECTORY, RING_TIMEOUT_S, ACCESS_CODE (default: PEOPLE_DEFAULTS). */
  readonly people?: PeopleConfig;
  /** Redis shared with other duet nodes (REDIS_URL); none: one process, everything in memory. */
  readonly redisUrl?: string;
}

export interface ServerDeps {
  logger: Logger;
  /** PEM key and certificate chain for HTTPS. */
  tls: { key: string | Buffer; cert: string | Buffer };
  publicDir: string;
  /** PEM of the local CA, offered for download (/ca.pem, /ca.crt, /ca.mobileconfig). */
  ca?: string;
  /** The machine's LAN addresses, asked per request (default: the non-internal interfaces). */
  lanAddresses?: () => string[];
  rooms?: RoomState;
  /** The process's open-file limit, from which the connection cap is derived when MAX_CONNECTIONS is 0. */
  openFileLimit?: number;
  /** Clock of the rate limits and of calls by name (default Date.now). */
  clock?: Clock;
  /** Timer functions of calls by name (default global; fake in tests); people: their state (default in memory). */
  timers?: Timers;
  people?: PeopleBackend;
  /** Where the counters and gauges go (default: a new registry of this instance's own). */
  metrics?: DuetMetrics;
  /** With `redisUrl`: the key prefix and heartbeat timing in Redis, the hook for freed seats. */
  cluster?: Pick<ClusterOptions, 'prefix' | 'heartbeat' | 'onGone'>;
}

export interface DuetInstance {
  app: Express;
  httpServer: HttpsServer;
  io: DuetServer;
  rooms: RoomState;
  guard: Guard;
  /** Counters and gauges; main.ts serves `metrics.registry` on METRICS_PORT. */
  metrics: DuetMetrics;
  /** GET /readyz answers 503 naming `name` while `check()` is false (or throws). */
  addReadinessCheck(name: string, check: ReadinessCheck): void;
  /** The Redis side (node id, connection, store) when `redisUrl` is set. */
  cluster?: Cluster;
  /** Can this node take new calls as far as Redis goes: true without Redis, else while Redis is reachable. */
  redisReady(): boolean;
  /** Listens (on `::`, falling back to `0.0.0.0` without IPv6); `host` is the address it listens on. */
  listen(): Promise<{ url: string; port: number; host: string }>;
  /** Stops accepting, tells every client `server-shutting-down`, waits up to `graceMs`, closes. */
  shutdown(graceMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** The access gate's settings, when an ACCESS_CODE is set. */
function accessOptions(people: PeopleConfig | undefined) {
  if (people?.accessCode === undefined) return undefined;
  return { code: people.accessCode, guessesPerMinute: people.accessGuessesPerMinute, lockoutMs: people.accessLockoutS * 1000 };
}

export function createServer(config: ServerConfig, deps: ServerDeps): DuetInstance {
  const limits = config.limits ?? DEFAULTS.limits;
  const clock = deps.clock ?? Date.now;
  const logger = throttleWarnings(deps.logger); // clients can provoke warnings: a global cap per second
  let closing = false;
  const metrics = deps.metrics ?? createMetrics();
  const health = createHealth(() => closing);
  const cluster = config.redisUrl ? createCluster({ url: config.redisUrl, logger, limits, ...deps.cluster }) : undefined;
  if (cluster) health.addReadinessCheck('redis', cluster.ready);
  const admission = createAdmission({
    limits,
    origins: config.origins ?? DEFAULTS.origins,
    logger,
    closing: () => closing,
    openFileLimit: deps.openFileLimit,
    clock,
    access: accessOptions(config.people),
    metrics,
    shared: cluster?.limits,
  });
  const httpServer = createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert, handshakeTimeout: limits.tlsHandshakeTimeoutMs });
  // http://host:8443 gets a redirect to https://host:8443; a connection that never speaks is closed like a stalled handshake
  const plainHttp = redirectPlainHttp(httpServer, limits.tlsHandshakeTimeoutMs);
  const currentLanUrls = () => {
    const address = httpServer.address();
    if (!address || typeof address === 'string') return [];
    return lanUrls(address.address, address.port, (deps.lanAddresses ?? lanAddresses)()); // the bound host, not the setting
  };
  // bound to 127.x or ::1 (HOST=localhost, 127.0.0.1, ::1): the pages name HOST instead of a missing network
  const loopbackHost = () => {
    const address = httpServer.address();
    return address && typeof address !== 'string' && /^(127\.|::1$|::ffff:127\.)/.test(address.address) ? config.host : null;
  };
  const app = createWebApp({
    publicDir: deps.publicDir,
    iceServers: config.iceServers ?? [],
    turn: config.turn,
    ca: deps.ca,
    lanUrls: currentLanUrls,
    loopbackHost,
    health,
  });
  httpServer.on('request', app); // before Socket.IO attaches, which wraps the request listeners
  const io = createSocketServer(httpServer, limits, admission.allowRequest);
  // who may connect and how often: raw connection caps, Engine.IO guard and count, event rate limits
  admission.attach(httpServer, io);
  io.engine.on('connection', dropHandshakeRequest); // after admission read the address; nothing needs the request later
  const rooms =
    deps.rooms ??
    createRoomState({
      maxRooms: limits.maxRooms,
      maxRoomsPerMember: limits.maxRoomsPerSocket,
      maxRoomsPerAddress: limits.maxRoomsPerAddress,
    });
  cluster?.attach(io);
  const peopleConfig = config.people ?? PEOPLE_DEFAULTS;
  // calls by name seat their private rooms in the same store and hear of room calls from it
  const backend = deps.people ?? cluster?.people({ clock, ...serviceOptions(peopleConfig) });
  const store = countSeats(cluster?.store ?? createMemoryRoomStore(rooms), metrics);
  const congestion = { maxQueuedBytes: limits.maxQueuedBytes, graceMs: limits.maxCongestedMs };
  const probes = createProbePacer(clock);
  const people = wirePeople(io, { config: peopleConfig, store, logger, clock, timers: deps.timers, backend, metrics, congestion, probes });
  attachSignaling(io, {
    store: people.store,
    remote: cluster !== undefined,
    logger,
    maxMessageBytes: limits.maxMessageBytes,
    congestion,
    metrics,
  });
  attachTurnCredentials(io, { turn: config.turn, logger, clock });
  metrics.setSource('connectedSockets', () => io.sockets.sockets.size);
  metrics.setSource('signedInNames', () => people.signedIn());
  metrics.setSource('openRooms', cluster ? () => cluster.store.roomCount() : () => rooms.roomCount);

  let listening = false;
  async function close(): Promise<void> {
    closing = true;
    people.close();
    logger.flush();
    await cluster?.release(); // this node's seats freed and the other people told, while the adapter still runs
    await new Promise<void>((resolve) => {
      // io.close() resolves before the HTTPS server has closed; its callback is that moment
      void io.close(() => {
        listening = false;
        resolve();
      });
      httpServer.closeAllConnections();
      plainHttp.close();
      if (!listening) resolve();
    });
    await cluster?.disconnect();
  }

  return {
    app,
    httpServer,
    io,
    rooms,
    guard: admission.guard,
    metrics,
    addReadinessCheck: health.addReadinessCheck,
    cluster,
    redisReady: () => cluster?.ready() ?? true,
    listen() {
      return listenDualStack(httpServer, config.port, config.host).then(({ address, port }) => {
        listening = true;
        return { url: localUrl('https', address, port), port, host: address };
      });
    },
    async shutdown(graceMs = 500) {
      closing = true;
      logger.info(`shutting down: telling ${io.engine.clientsCount} clients`);
      io.emit('error', { code: 'server-shutting-down', event: 'shutdown', message: 'The server is shutting down.' });
      await waitUntil(() => io.engine.clientsCount === 0, graceMs);
      await close();
    },
    close,
  };
}
