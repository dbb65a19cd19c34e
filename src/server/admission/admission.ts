/**
 * Who may connect and how often, in one place: the caps on raw connections (TLS
 * handshakes per address, all connections), the Origin rule and the connection
 * count at the Socket.IO handshake (`allowRequest`), the per-request Engine.IO
 * guard, the count of open Engine.IO connections per address, and the rate limit
 * on every incoming event (`limiter`, which the socket pipeline asks with each
 * event's class). app.ts creates it, hands `allowRequest` to Socket.IO, `limiter` to
 * the pipeline, and calls `attach` once; nothing else drives the guard.
 */
import type { Server as HttpsServer } from 'node:https';
import type { Limits, OriginPolicy } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import type { AccessMetrics } from '../metrics/metrics.js';
import type { DuetServer } from '../socket/types.js';
import type { RateLimiter } from '../socket/pipeline.js';
import { createAccessGate } from './access-gate.js';
import { clientKey } from '../limits/client-address.js';
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
  /** Counts the handshakes the access gate refuses (metrics.ts). */
  metrics?: AccessMetrics;
}

export interface Admission {
  guard: Guard;
  /** Socket.IO's `allowRequest` option: shutdown, Origin and connections per address, at the handshake. */
  allowRequest: AllowRequest;
  /**
   * Attaches the rest once: raw connection caps on `httpServer` (after the plain-HTTP
   * first-byte check, so they see every raw connection from its first moment), the
   * Engine.IO guard and connection count, and the access gate (ACCESS_CODE).
   */
  attach(httpServer: HttpsServer, io: DuetServer): void;
  /** The rate limit of every event, which the socket pipeline asks (socket/pipeline.ts). */
  limiter: RateLimiter;
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

  /**
   * The rate limit of every incoming event, for the socket pipeline: each event counts against
   * the socket's and its address's buckets (and the address's over every node with Redis). A
   * refusal through Redis is not a strike: the socket itself is within its own budget.
   */
  const limiter: RateLimiter = {
    track: (socket) => guard.track(socket.id),
    forget: (socket) => guard.forget(socket.id),
    check(socket, kind) {
      const verdict = guard.check(socket.id, socket.data.address, kind);
      if (verdict !== 'ok' || !shared) return verdict;
      return shared.take(kind, socket.data.address).then((ok) => (ok ? 'ok' : 'limited'));
    },
  };

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
  }

  return { guard, allowRequest, attach, limiter };
}
