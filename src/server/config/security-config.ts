/**
 * Abuse limits and the Origin policy, read from the environment (see docs/security.md).
 */
import { ConfigError, parseNumber, read, type Env } from './env.js';

/** The largest relayed `message` payload by default (MAX_MESSAGE_BYTES). */
export const MAX_MESSAGE_BYTES = 64 * 1024;

/** Abuse limits; see docs/security.md for what each protects. */
export interface Limits {
  /** Joins (and leaves) per socket: burst, then so many per second. */
  readonly joinBurst: number;
  readonly joinPerSecond: number;
  /** Messages (and any other event) per socket. */
  readonly messageBurst: number;
  readonly messagePerSecond: number;
  /** The same, summed over every socket of one client address. */
  readonly addressJoinBurst: number;
  readonly addressJoinPerSecond: number;
  readonly addressMessageBurst: number;
  readonly addressMessagePerSecond: number;
  /** Rate-limited events a socket may keep sending (refilling over 10 s) before it is disconnected. */
  readonly abuseStrikes: number;
  readonly maxConnectionsPerAddress: number;
  readonly maxRooms: number;
  /** Rooms one socket may be in at once. */
  readonly maxRoomsPerSocket: number;
  /** Rooms all the sockets of one client address may be in at once. */
  readonly maxRoomsPerAddress: number;
  /** Bytes that may wait to be written to one connection; past it relays to it get `peer-congested`. */
  readonly maxQueuedBytes: number;
  /** A connection that stays over maxQueuedBytes this long is dropped. */
  readonly maxCongestedMs: number;
  /** A connection that has not finished its TLS handshake by then is closed. */
  readonly tlsHandshakeTimeoutMs: number;
  /** Connections from one address that may have an unfinished TLS handshake at once. */
  readonly maxPendingTlsPerAddress: number;
  /** Open connections on the HTTPS port (0: derived from the open-file limit). */
  readonly maxConnections: number;
  /** Largest relayed payload (estimated JSON bytes). */
  readonly maxMessageBytes: number;
  /** Bytes the Redis stream that carries events between nodes may hold (REDIS_URL only). */
  readonly maxRedisStreamBytes: number;
  /** Engine.IO heartbeat: a silent peer is dropped after at most interval + timeout. */
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
}

export interface OriginPolicy {
  /** Origins allowed besides the page's own (`https://<Host header>`). */
  readonly allowedOrigins: readonly string[];
  /** Refuse handshakes that carry no Origin header (non-browser clients). */
  readonly requireOrigin: boolean;
}

export const DEFAULT_LIMITS: Limits = Object.freeze({
  joinBurst: 10,
  joinPerSecond: 1,
  messageBurst: 400,
  messagePerSecond: 100,
  addressJoinBurst: 40,
  addressJoinPerSecond: 4,
  addressMessageBurst: 2000,
  addressMessagePerSecond: 500,
  abuseStrikes: 50,
  maxConnectionsPerAddress: 32,
  maxRooms: 10_000,
  maxRoomsPerSocket: 4,
  maxRoomsPerAddress: 64,
  maxMessageBytes: MAX_MESSAGE_BYTES,
  maxRedisStreamBytes: 64 * 1024 * 1024,
  maxQueuedBytes: 1024 * 1024,
  maxCongestedMs: 5000,
  tlsHandshakeTimeoutMs: 10_000,
  maxPendingTlsPerAddress: 64,
  maxConnections: 0,
  pingIntervalMs: 4000,
  pingTimeoutMs: 4000,
});

/** Environment variable, key, smallest and largest value, integer only. */
const LIMIT_VARS: ReadonlyArray<[string, keyof Limits, number, number, boolean]> = [
  ['RATE_JOIN_BURST', 'joinBurst', 1, 1e6, true],
  ['RATE_JOIN_PER_SECOND', 'joinPerSecond', 0.001, 1e6, false],
  ['RATE_MESSAGE_BURST', 'messageBurst', 1, 1e6, true],
  ['RATE_MESSAGE_PER_SECOND', 'messagePerSecond', 0.001, 1e6, false],
  ['RATE_ADDRESS_JOIN_BURST', 'addressJoinBurst', 1, 1e6, true],
  ['RATE_ADDRESS_JOIN_PER_SECOND', 'addressJoinPerSecond', 0.001, 1e6, false],
  ['RATE_ADDRESS_MESSAGE_BURST', 'addressMessageBurst', 1, 1e6, true],
  ['RATE_ADDRESS_MESSAGE_PER_SECOND', 'addressMessagePerSecond', 0.001, 1e6, false],
  ['ABUSE_STRIKES', 'abuseStrikes', 1, 1e6, true],
  ['MAX_CONNECTIONS_PER_ADDRESS', 'maxConnectionsPerAddress', 1, 1e6, true],
  ['MAX_ROOMS', 'maxRooms', 1, 1e7, true],
  ['MAX_ROOMS_PER_SOCKET', 'maxRoomsPerSocket', 1, 1e6, true],
  ['MAX_ROOMS_PER_ADDRESS', 'maxRoomsPerAddress', 1, 1e7, true],
  ['MAX_MESSAGE_BYTES', 'maxMessageBytes', 1024, 1024 * 1024, true],
  ['REDIS_STREAM_MAX_BYTES', 'maxRedisStreamBytes', 1024 * 1024, 64 * 1024 * 1024 * 1024, true],
  ['MAX_QUEUED_BYTES', 'maxQueuedBytes', 64 * 1024, 1024 * 1024 * 1024, true],
  ['MAX_CONGESTED_MS', 'maxCongestedMs', 100, 300_000, true],
  ['TLS_HANDSHAKE_TIMEOUT_MS', 'tlsHandshakeTimeoutMs', 100, 120_000, true],
  ['MAX_PENDING_TLS_PER_ADDRESS', 'maxPendingTlsPerAddress', 1, 1e6, true],
  ['MAX_CONNECTIONS', 'maxConnections', 0, 1e7, true],
  ['PING_INTERVAL_MS', 'pingIntervalMs', 500, 300_000, true],
  ['PING_TIMEOUT_MS', 'pingTimeoutMs', 500, 300_000, true],
];

export function parseLimits(env: Env): Limits {
  const limits: Record<string, number> = { ...DEFAULT_LIMITS };
  for (const [name, key, min, max, integer] of LIMIT_VARS) {
    limits[key] = parseNumber(env, name, DEFAULT_LIMITS[key], min, max, integer);
  }
  return Object.freeze(limits as unknown as Limits);
}

/** `https://host:port` from one entry of ALLOWED_ORIGINS, or a ConfigError. */
function parseOrigin(entry: string): string {
  let url: URL | undefined;
  try {
    url = new URL(entry);
  } catch {
    url = undefined;
  }
  const bare = url && (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search && !url.hash && !url.username;
  if (!url || !bare) {
    throw new ConfigError(`ALLOWED_ORIGINS must be comma-separated origins such as https://duet.example:8443, got ${JSON.stringify(entry)}`);
  }
  return url.origin;
}

export function parseOrigins(env: Env): OriginPolicy {
  const list = read(env, 'ALLOWED_ORIGINS');
  const allowedOrigins =
    list === undefined
      ? []
      : list
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .map(parseOrigin);
  const raw = read(env, 'REQUIRE_ORIGIN');
  if (raw !== undefined && !/^(0|1|true|false)$/i.test(raw)) {
    throw new ConfigError(`REQUIRE_ORIGIN must be 1 or 0, got ${JSON.stringify(raw)}`);
  }
  const requireOrigin = raw !== undefined && /^(1|true)$/i.test(raw);
  return Object.freeze({ allowedOrigins: Object.freeze(allowedOrigins), requireOrigin });
}
