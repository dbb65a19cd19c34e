/**
 * Who may connect and how often, in one place: the caps on raw connections (TLS
 * handshakes per address, all connections), the Origin rule and the connection
 * count at the Socket.IO handshake (`allowRequest`), the per-request Engine.IO
 * guard, the count of open Engine.IO connections per address, and the rate limit
 * on every incoming event. app.ts creates it, hands `allowRequest` to Socket.IO
 * and calls `attach` once; nothing else drives the guard.
 */
import type { Server as HttpsServer } from 'node:https';
import type { Limits, OriginPolicy } from '../config/config.js';
import { ERROR_TEXT } from '../../shared/errors.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { AccessMetrics, SignalingMetrics } from '../metrics/metrics.js';
import type { DuetServer, DuetSocket } from '../socket/types.js';
import { splitAck } from '../socket/validate.js';
import { PEOPLE_ANSWERS, PEOPLE_REQUESTS } from '../people/people-socket.js';
import { createAccessGate } from './access-gate.js';
import { clientKey } from './client-address.js';
import { capConnections, capPendingTls, connectionCap } from './connection-caps.js';
import { createEngineGuard } from './engine-guard.js';
import { createGuard, type Guard } from './guard.js';
import { createAllowRequest } from './origin.js';
import type { AllowRequest } from '../socket/socket-server.js';
import type { Clock } from '../limits/ratelimit.js';
import type { SharedLimits } from './redis-limits.js';

export interface AdmissionOptions {
  limits: Limits;
  origins: OriginPolicy;
  logger: Logger;
  /** True once shutdown has begun: no new connections. */
  closing: () => boolean;
  /** The process's open-file limit, from which the connection cap is derived when MAX_CONNECTIONS is 0. */
  openFileLimit?: number;
  /** Clock of the rate limits (default Date.now). */
  clock?: Clock;
  /** ACCESS_CODE: every handshake must carry it (access-gate.ts), and the server-wide budget of wrong codes; none when undefined. */
  access?: { code: string; guessesPerMinute: number; lockoutMs: number };
  /** Per-address budgets and connection counts over every node (REDIS_URL), on top of this node's own. */
  shared?: SharedLimits;
  /** Counts the events answered `rate-limited` (metrics.ts). */
  metrics?: Pick<SignalingMetrics, 'refused'> & AccessMetrics;
}

export interface Admission {
  guard: Guard;
  /** Socket.IO's `allowRequest` option: shutdown, Origin and connections per address, at the handshake. */
  allowRequest: AllowRequest;
  /**
   * Attaches the rest once: raw connection caps on `httpServer` (after the plain-HTTP
   * first-byte check, so they see every raw connection from its first moment), the
   * Engine.IO guard and connection count, and the event rate limit on each socket.
   */
  attach(httpServer: HttpsServer, io: DuetServer): void;
}

/** The part of an Engine.IO connection that the connection count uses. */
interface EngineConnection {
  remoteAddress: string;
  on(event: 'close', fn: (this: EngineConnection) => void): void;
}

export function createAdmission(options: AdmissionOptions): Admission {
  const { limits, logger } = options;
  const guard = createGuard(limits, options.clock);
  const { shared } = options;
  const allowRequest = createAllowRequest({ policy: options.origins, guard, logger, closing: options.closing, shared });

  // one shared listener (Engine.IO calls it with `this` = the connection, once): no closure per connection
  function onEngineClose(this: EngineConnection): void {
    const address = clientKey(this.remoteAddress);
    guard.closed(address);
    shared?.closed(address);
  }

  function onSocketGone(this: DuetSocket): void {
    guard.forget(this.id);
  }

  /**
   * Counts every incoming event against the socket's and its address's buckets.
   * Over the limit the event is dropped and answered with `rate-limited`; a socket
   * that keeps going after its strikes run out is disconnected.
   */
  function limitRate(socket: DuetSocket, packet: unknown[], next: (err?: Error) => void): void {
    // packets queued before a disconnect still reach the middleware: a gone socket gets nothing
    if (!socket.connected) return;
    const [event] = packet;
    // an answer to a ring is never counted (people-socket.ts bounds answers that answer no ring)
    if (PEOPLE_ANSWERS.has(event as string)) return pass(socket, next);
    const kind = event === 'join' || event === 'leave' || event === 'turn-credentials' || PEOPLE_REQUESTS.has(event as string) ? 'join' : 'message';
    const verdict = guard.check(socket.id, socket.data.address, kind);
    if (verdict === 'gone') return;
    if (verdict !== 'ok') return refuseRate(socket, packet, verdict);
    if (!shared) return pass(socket, next);
    // the address's budget over every node; a refusal there is not a strike (the socket itself is within its own)
    void shared.take(kind, socket.data.address).then((ok) => (ok ? pass(socket, next) : refuseRate(socket, packet, 'limited')));
  }

  function pass(socket: DuetSocket, next: (err?: Error) => void): void {
    socket.data.throttled = false;
    next();
  }

  function refuseRate(socket: DuetSocket, packet: unknown[], verdict: 'limited' | 'disconnect'): void {
    const [event] = packet;
    const name = typeof event === 'string' ? event : String(event);
    if (!socket.data.throttled) logger.warn(`rate-limited ${socket.id} on ${escapeForLog(name, 32)}`);
    socket.data.throttled = true;
    options.metrics?.refused('rate-limited');
    const { ack } = splitAck(packet);
    if (ack) ack({ ok: false, error: 'rate-limited' });
    else socket.emit('error', { code: 'rate-limited', event: name.slice(0, 32), message: ERROR_TEXT['rate-limited'] });
    if (verdict === 'disconnect') {
      logger.warn(`disconnecting ${socket.id}: kept flooding after being rate-limited`);
      socket.disconnect(true);
    }
  }

  function attach(httpServer: HttpsServer, io: DuetServer): void {
    capPendingTls(httpServer, limits.maxPendingTlsPerAddress, logger);
    capConnections(httpServer, connectionCap(limits.maxConnections, options.openFileLimit), logger, 'HTTPS port');
    // every HTTP request and upgrade of Engine.IO, not only handshakes: no JSONP, Origin on each
    io.engine.use(createEngineGuard({ policy: options.origins, logger }));
    io.engine.on('connection', (conn: EngineConnection) => {
      const address = clientKey(conn.remoteAddress);
      guard.opened(address);
      shared?.opened(address);
      conn.on('close', onEngineClose);
    });
    if (options.access) io.use(createAccessGate({ ...options.access, logger, clock: options.clock, metrics: options.metrics }).middleware);
    io.on('connection', (socket) => {
      socket.data.address = clientKey(socket.handshake.address); // what every per-address limit counts by
      guard.track(socket.id);
      socket.use((packet, next) => limitRate(socket, packet, next));
      socket.on('disconnect', onSocketGone);
    });
  }

  return { guard, allowRequest, attach };
}
