/**
 * The Engine.IO middleware: runs for EVERY HTTP request and WebSocket upgrade on
 * /socket.io/ (handshakes and the later polling requests of a session alike,
 * unlike `allowRequest`, which sees only handshakes). It refuses JSONP polling,
 * applies the Origin rule to every request, refuses browser requests from another
 * site that carry no Origin (a `<script>` or no-cors fetch), and marks every answer
 * `nosniff` and `Cross-Origin-Resource-Policy: same-origin`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OriginPolicy } from '../config/config.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import { checkOrigin } from './origin.js';

export interface EngineGuardDeps {
  policy: OriginPolicy;
  logger: Logger;
}

type Next = (error?: Error) => void;
export type EngineMiddleware = (req: IncomingMessage, res: ServerResponse, next: Next) => void;

/** `Sec-Fetch-Site` values of a request the page itself, or no browser page, made. */
const OWN_FETCH_SITES = new Set(['same-origin', 'none']);

/** Why a request to the Socket.IO endpoint is refused, or undefined (pure). */
export function refusal(req: Pick<IncomingMessage, 'url' | 'headers'>, policy: OriginPolicy): string | undefined {
  let query: URLSearchParams;
  try {
    query = new URL(req.url ?? '/', 'https://duet.invalid').searchParams;
  } catch {
    return 'bad-url';
  }
  // duet's page never uses JSONP; its answers are scripts any page may include
  if (query.has('j')) return 'jsonp';
  const header = req.headers.origin;
  const origin = typeof header === 'string' ? header : undefined;
  const verdict = checkOrigin(origin, req.headers.host, policy);
  if (verdict !== 'ok') return verdict;
  const site = req.headers['sec-fetch-site'];
  if (!origin && typeof site === 'string' && !OWN_FETCH_SITES.has(site)) return 'no-origin-other-site';
  return undefined;
}

export function createEngineGuard(deps: EngineGuardDeps): EngineMiddleware {
  return (req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
    const why = refusal(req, deps.policy);
    if (why === undefined) return next();
    const address = req.socket.remoteAddress ?? 'unknown';
    deps.logger.warn(`refused Socket.IO request from ${escapeForLog(address, 64)}: ${why} ${escapeForLog(req.headers.origin ?? '', 120)}`);
    next(new Error(why)); // Engine.IO answers 400 (or closes the upgrade) and never reaches the session
  };
}
