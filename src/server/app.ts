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
import { createMemoryPeopleBackend, serviceOptions, type PeopleBackend } from './people/backend.js';
import { peopleEvents } from './people/people-socket.js';
import type { Timers } from './people/wake-timer.js';
import { createAdmission } from './admission/admission.js';
import { createProbePacer } from './admission/probe-pacer.js';
import type { Guard } from './admission/guard.js';
import type { Logger } from './log/logger.js';
import { throttleWarnings } from './log/log-throttle.js';
import type { Clock } from './limits/ratelimit.js';
import { createSeatTable, type SeatTable } from './rooms/seat-table.js';
import { createMemoryRoomStore, type RoomStore } from './rooms/store.js';
import { createSeats, socketPeers, type Seats } from './rooms/seats.js';
import { roomEvents } from './rooms/signaling.js';
import type { DuetServer } from './socket/types.js';
import { createPipeline } from './socket/pipeline.js';
import { createSocketServer } from './socket/socket-server.js';
import { dropHandshakeRequest } from './http/drop-request.js';
import { redirectPlainHttp } from './http/plain-http.js';
import { createWebApp } from './http/web.js';
import { turnEvents } from './turn/turn-socket.js';
import { createHealth, type ReadinessCheck } from './health/health.js';
import { createMetrics, type DuetMetrics } from './metrics/metrics.js';
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
  /** The process's open-file limit, from which the connection cap is derived when MAX_CONNECTIONS is 0. */
  openFileLimit?: number;
  /** Clock of the rate limits and of calls by name (default Date.now). */
  clock?: Clock;
  /** Timer functions of calls by name (default global; fake in tests); people: their state (default in memory). */
  timers?: Timers;
  people?: PeopleBackend;
  /** Where the counters and gauges go (default: a new registry of this instance's own). */
  metrics?: DuetMetrics;
  /** With `redisUrl`: the key prefix and heartbeat timing in Redis. */
  cluster?: Pick<ClusterOptions, 'prefix' | 'heartbeat'>;
}

export interface DuetInstance {
  app: Express;
  httpServer: HttpsServer;
  io: DuetServer;
  /** The seats of this process (in memory); none with `redisUrl`, where the seats live in Redis (`cluster.store`). */
  rooms?: SeatTable;
  /** The seat owner: every seat taken or freed, and the `joined` / `otherjoin` / `bye` they cause. */
  seats: Seats;
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

/** Resolves once `done()` is true or after `ms`, polling every 50 ms; leaves no timer behind. */
function waitUntil(done: () => boolean, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (done() || Date.now() - started >= ms) return resolve();
      setTimeout(tick, 50);
    };
    tick();
  });
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

  // The HTTPS server's listeners, in the one order that works:
  // 1. the plain-HTTP check first: http://host:8443 gets a redirect to https://host:8443, and a
  //    connection that never speaks is closed like a stalled handshake;
  const plainHttp = redirectPlainHttp(httpServer, limits.tlsHandshakeTimeoutMs);
  // 2. the Express app before Socket.IO attaches: Socket.IO wraps the request listeners there
  //    are when it attaches, and hands everything but /socket.io/ to them;
  httpServer.on('request', app);
  // 3. Socket.IO, with admission's handshake check (shutdown, Origin, connections per address);
  const io = createSocketServer(httpServer, limits, admission.allowRequest);
  // 4. admission: the raw connection caps (after the plain-HTTP check, so they see every raw
  //    connection from its first moment), the Engine.IO guard and per-address count, the access gate;
  admission.attach(httpServer, io);
  // 5. then the handshake request is dropped: admission has read its address, nothing needs it later.
  io.engine.on('connection', dropHandshakeRequest);

  // Seats: in Redis with a cluster (and no table in memory then), else in this process.
  const rooms = cluster
    ? undefined
    : createSeatTable({ maxRooms: limits.maxRooms, maxRoomsPerMember: limits.maxRoomsPerSocket, maxRoomsPerAddress: limits.maxRoomsPerAddress });
  const store: RoomStore = cluster?.store ?? createMemoryRoomStore(rooms!);
  // every socket event through one pipeline: address, rate limits, ack, argument checks, refusals, backpressure
  const congestion = { maxQueuedBytes: limits.maxQueuedBytes, graceMs: limits.maxCongestedMs };
  const pipeline = createPipeline(io, { logger, metrics, limiter: admission.limiter, congestion });
  const seats = createSeats({ store, peers: socketPeers(io, pipeline.tell), metrics });
  cluster?.attach(io, seats.freed);
  const peopleConfig = config.people ?? PEOPLE_DEFAULTS;
  const peopleOptions = { clock, ...serviceOptions(peopleConfig) };
  const backend = deps.people ?? cluster?.people(peopleOptions) ?? createMemoryPeopleBackend(peopleOptions);
  const people = peopleEvents({
    io,
    backend,
    seats,
    pipeline,
    logger,
    clock,
    timers: deps.timers,
    probes: peopleConfig.directory ? undefined : createProbePacer(clock),
  });
  // the disconnect hooks run in this order: a call by name ends before the socket's seats are freed
  pipeline.add(people);
  pipeline.add(roomEvents({ io, seats, pipeline, logger, maxMessageBytes: limits.maxMessageBytes, metrics }));
  pipeline.add(turnEvents({ turn: config.turn, logger, clock }));
  metrics.setSource('connectedSockets', () => io.sockets.sockets.size);
  metrics.setSource('signedInNames', () => backend.signedIn());
  metrics.setSource('openRooms', () => seats.roomCount());

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
    seats,
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
