/**
 * Who may open a Socket.IO connection: the Engine.IO `allowRequest` hook, run
 * once per handshake (websocket or polling). It refuses browsers from foreign
 * origins, addresses over their connection cap, and everyone while shutting down.
 */
import type { AllowRequest } from '../socket/socket-server.js';
import type { OriginPolicy } from '../config/config.js';
import type { Guard } from './guard.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import { clientKey } from '../limits/client-address.js';

/** The https origin a page served by this host would have, or undefined for a malformed Host. */
export function ownOrigin(host: string | undefined): string | undefined {
  if (!host || !/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return undefined;
  try {
    return new URL(`https://${host}`).origin;
  } catch {
    return undefined;
  }
}

export type OriginVerdict = 'ok' | 'no-origin' | 'foreign-origin';

/** Decides on the Origin header of a handshake (pure). */
export function checkOrigin(origin: string | undefined, host: string | undefined, policy: OriginPolicy): OriginVerdict {
  if (origin === undefined || origin === '') return policy.requireOrigin ? 'no-origin' : 'ok';
  const normalised = normaliseOrigin(origin);
  if (normalised === undefined) return 'foreign-origin'; // "null" (sandboxed pages, file:) and garbage
  if (normalised === ownOrigin(host)) return 'ok';
  return policy.allowedOrigins.includes(normalised) ? 'ok' : 'foreign-origin';
}

function normaliseOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

export interface AllowRequestDeps {
  policy: OriginPolicy;
  guard: Guard;
  logger: Logger;
  /** True once shutdown has begun: no new connections. */
  closing: () => boolean;
  /** The connections of an address on every node (REDIS_URL), asked after this node's own cap. */
  shared?: { admits(address: string): Promise<boolean> };
}

export function createAllowRequest(deps: AllowRequestDeps): AllowRequest {
  return (req, callback) => {
    const address = clientKey(req.socket.remoteAddress);
    if (deps.closing()) return callback('server shutting down', false);
    const header = req.headers.origin;
    const verdict = checkOrigin(typeof header === 'string' ? header : undefined, req.headers.host, deps.policy);
    if (verdict !== 'ok') {
      deps.logger.warn(`refused handshake from ${escapeForLog(address, 64)}: ${verdict} ${escapeForLog(header ?? '', 120)}`);
      return callback(verdict, false);
    }
    const tooMany = () => {
      deps.logger.warn(`refused handshake from ${escapeForLog(address, 64)}: too many connections`);
      callback('too many connections', false);
    };
    if (!deps.guard.admits(address)) return tooMany();
    if (!deps.shared) return callback(null, true);
    void deps.shared.admits(address).then((ok) => (ok ? callback(null, true) : tooMany()));
  };
}
