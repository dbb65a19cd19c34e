/**
 * ACCESS_CODE at the Socket.IO handshake (issue 12): a namespace middleware that lets a
 * connection in only when its handshake carries the code (`auth: {code}`; Engine.IO 3 clients,
 * which cannot send `auth`, may put `code` in the handshake query). Works over websocket and
 * polling alike. Wrong codes are counted per client address: past the burst, that address is
 * refused without a comparison until its bucket refills, so guessing is slow.
 */
import { accessAllowed } from '../people/access-code.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import { createBucket, type Clock, type TokenBucket } from './ratelimit.js';

/** Wrong codes one address may send at once, then one more every 6 s. */
export const ACCESS_FAILURE_BURST = 10;
export const ACCESS_FAILURES_PER_SECOND = 1 / 6;
/** Forget addresses whose buckets are full again once this many are remembered. */
const PRUNE_ABOVE = 1024;

/** The handshake parts the gate reads (Socket.IO's `socket.handshake` and `socket.conn.protocol`). */
export interface GateSocket {
  handshake: { address: string; auth: unknown; query: Record<string, unknown> };
  conn: { protocol: number };
}

export type GateMiddleware = (socket: GateSocket, next: (error?: Error) => void) => void;

/** `access-denied`: no or a wrong code; `rate-limited`: too many wrong codes from this address. */
export function createAccessGate(code: string, logger: Logger, clock: Clock = Date.now): GateMiddleware {
  const failures = new Map<string, TokenBucket>();

  function bucketOf(address: string): TokenBucket {
    let bucket = failures.get(address);
    if (!bucket) {
      if (failures.size >= PRUNE_ABOVE) for (const [key, b] of failures) if (b.full()) failures.delete(key);
      failures.set(address, (bucket = createBucket({ burst: ACCESS_FAILURE_BURST, perSecond: ACCESS_FAILURES_PER_SECOND }, clock)));
    }
    return bucket;
  }

  return (socket, next) => {
    const { address, auth, query } = socket.handshake;
    const bucket = bucketOf(address);
    if (bucket.level() < 1) {
      logger.warn(`refused handshake from ${escapeForLog(address, 64)}: too many wrong access codes`);
      return next(new Error('rate-limited'));
    }
    const given = socket.conn.protocol === 3 && (auth as { code?: unknown } | undefined)?.code === undefined ? { code: query.code } : auth;
    if (accessAllowed(code, given)) {
      if (bucket.full()) failures.delete(address);
      return next();
    }
    bucket.take();
    logger.warn(`refused handshake from ${escapeForLog(address, 64)}: access-denied`);
    next(new Error('access-denied'));
  };
}
