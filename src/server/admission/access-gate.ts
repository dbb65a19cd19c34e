/**
 * ACCESS_CODE at the Socket.IO handshake: a namespace middleware that lets a
 * connection in only when its handshake carries the code (`auth: {code}`; Engine.IO 3 clients,
 * which cannot send `auth`, may put `code` in the handshake query). Works over websocket and
 * polling alike. Every CONNECT packet is one guess, including the retries a client may send on
 * one Engine.IO connection, and wrong codes are budgeted three ways:
 * - per client address (its /64 for IPv6, client-address.ts): past the burst, that address is
 *   refused without a comparison until its bucket refills;
 * - per Engine.IO connection: after a few wrong codes the connection is closed, so retrying
 *   CONNECT packets costs a new connection (and its place under the connection caps);
 * - across the server: past `guessesPerMinute` wrong codes from all addresses together, every
 *   code is refused unread for `lockoutMs` (a warning, and `duet_access_lockouts_total`), except
 *   from addresses that gave the right code recently, so people already in keep reconnecting.
 */
import { accessAllowed } from './access-code.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { AccessMetrics } from '../metrics/metrics.js';
import { clientKey } from '../limits/client-address.js';
import { createBucket, type Clock, type TokenBucket } from '../limits/ratelimit.js';

/** Wrong codes one address may send at once, then one more every 6 s. */
export const ACCESS_FAILURE_BURST = 10;
export const ACCESS_FAILURES_PER_SECOND = 1 / 6;
/** Wrong codes one Engine.IO connection may send before it is closed. */
export const ACCESS_FAILURES_PER_CONNECTION = 3;
/** How long an address that gave the right code passes a server-wide lockout. */
export const TRUSTED_FOR_MS = 24 * 3600_000;
/** Forget addresses whose buckets are full again (or whose trust expired) once this many are remembered. */
const PRUNE_ABOVE = 1024;

/** The handshake parts the gate reads (Socket.IO's `socket.handshake` and `socket.conn`). */
export interface GateSocket {
  handshake: { address: string; auth: unknown; query: Record<string, unknown> };
  conn: { protocol: number; close(): void };
}

export type GateMiddleware = (socket: GateSocket, next: (error?: Error) => void) => void;

export interface AccessGateOptions {
  code: string;
  logger: Logger;
  clock?: Clock;
  /** Wrong codes from all addresses together per minute (ACCESS_GUESSES_PER_MINUTE). */
  guessesPerMinute: number;
  /** How long every code is refused once they are spent (ACCESS_LOCKOUT_S). */
  lockoutMs: number;
  metrics?: AccessMetrics;
}

export interface AccessGate {
  middleware: GateMiddleware;
  /** True while the server-wide budget is spent. */
  locked(): boolean;
}

/** `access-denied`: no or a wrong code; `rate-limited`: too many wrong codes from this address or the whole server. */
export function createAccessGate(options: AccessGateOptions): AccessGate {
  const { code, logger, metrics } = options;
  const clock = options.clock ?? Date.now;
  const failures = new Map<string, TokenBucket>();
  const trusted = new Map<string, number>(); // address key → until when it passes a lockout
  const perConnection = new WeakMap<object, number>();
  const server = createBucket({ burst: options.guessesPerMinute, perSecond: options.guessesPerMinute / 60 }, clock);
  let lockedUntil = -Infinity;

  function bucketOf(address: string): TokenBucket {
    let bucket = failures.get(address);
    if (!bucket) {
      if (failures.size >= PRUNE_ABOVE) for (const [key, b] of failures) if (b.full()) failures.delete(key);
      failures.set(address, (bucket = createBucket({ burst: ACCESS_FAILURE_BURST, perSecond: ACCESS_FAILURES_PER_SECOND }, clock)));
    }
    return bucket;
  }

  function trust(address: string): void {
    if (trusted.size >= PRUNE_ABOVE) for (const [key, until] of trusted) if (until <= clock()) trusted.delete(key);
    if (trusted.size < 4 * PRUNE_ABOVE) trusted.set(address, clock() + TRUSTED_FOR_MS);
  }

  const locked = () => clock() < lockedUntil;
  const isTrusted = (address: string) => (trusted.get(address) ?? -Infinity) > clock();

  function wrongCode(address: string): void {
    if (server.take() || locked()) return;
    lockedUntil = clock() + options.lockoutMs;
    metrics?.lockedOut();
    logger.warn(
      `access gate: more than ${options.guessesPerMinute} wrong access codes within a minute from all addresses (the last from ` +
        `${escapeForLog(address, 64)}); refusing every code for ${Math.round(options.lockoutMs / 1000)} s except from addresses that gave the right one`,
    );
  }

  const middleware: GateMiddleware = (socket, next) => {
    const address = clientKey(socket.handshake.address);
    if (locked() && !isTrusted(address)) {
      metrics?.accessRefused('server-lockout');
      return next(new Error('rate-limited'));
    }
    const bucket = bucketOf(address);
    if (bucket.level() < 1) {
      logger.warn(`refused handshake from ${escapeForLog(address, 64)}: too many wrong access codes`);
      metrics?.accessRefused('address-limit');
      return next(new Error('rate-limited'));
    }
    const { auth, query } = socket.handshake;
    const given = socket.conn.protocol === 3 && (auth as { code?: unknown } | undefined)?.code === undefined ? { code: query.code } : auth;
    if (accessAllowed(code, given)) {
      if (bucket.full()) failures.delete(address);
      trust(address);
      return next();
    }
    bucket.take();
    wrongCode(address);
    metrics?.accessRefused('wrong-code');
    logger.warn(`refused handshake from ${escapeForLog(address, 64)}: access-denied`);
    next(new Error('access-denied'));
    const tries = (perConnection.get(socket.conn) ?? 0) + 1;
    perConnection.set(socket.conn, tries);
    // Socket.IO writes the refusal on the next tick; close() then waits for it to be flushed
    if (tries >= ACCESS_FAILURES_PER_CONNECTION) setImmediate(() => socket.conn.close());
  };

  return { middleware, locked };
}
