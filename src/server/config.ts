/**
 * Configuration from the environment: a pure function with one table of defaults.
 */
import type { LogLevel } from './logger.js';
import { MAX_MESSAGE_BYTES } from './validate.js';

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
  /** Largest relayed payload (estimated JSON bytes). */
  readonly maxMessageBytes: number;
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
  maxMessageBytes: MAX_MESSAGE_BYTES,
  pingIntervalMs: 3000,
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
  ['MAX_MESSAGE_BYTES', 'maxMessageBytes', 1024, 1024 * 1024, true],
  ['PING_INTERVAL_MS', 'pingIntervalMs', 500, 300_000, true],
  ['PING_TIMEOUT_MS', 'pingTimeoutMs', 500, 300_000, true],
];

export interface Config {
  /** HTTPS port; 0 picks a free one. */
  readonly port: number;
  /** Plain-HTTP helper port (CA downloads, redirects to HTTPS); 0 disables it. */
  readonly httpPort: number;
  readonly host: string;
  readonly certsDir: string;
  readonly logLevel: LogLevel;
  /** Also log to rotating files in this folder when set. */
  readonly logDir: string | undefined;
  readonly limits: Limits;
  readonly origins: OriginPolicy;
  /** On SIGINT/SIGTERM, how long clients get to hear `server-shutting-down` before connections close. */
  readonly shutdownGraceMs: number;
  /** STUN/TURN servers handed to browsers by `GET /api/config` (ICE_SERVERS, a JSON array). */
  readonly iceServers: readonly IceServer[];
}

/** One entry of RTCConfiguration.iceServers, as the browser expects it. */
export interface IceServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

export const DEFAULTS: Config = Object.freeze({
  port: 8443,
  httpPort: 8080,
  host: '0.0.0.0',
  certsDir: './certs',
  logLevel: 'info',
  logDir: undefined,
  limits: DEFAULT_LIMITS,
  origins: Object.freeze({ allowedOrigins: Object.freeze([]), requireOrigin: false }),
  shutdownGraceMs: 500,
  iceServers: [],
});

const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'off'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function parsePort(env: Env, name: string, fallback: number, min = 1): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < min || port > 65535) {
    throw new ConfigError(`${name} must be ${min}-65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

function parseHost(env: Env): string {
  const raw = read(env, 'HOST');
  if (raw === undefined) return DEFAULTS.host;
  if (!/^[A-Za-z0-9.:_%-]+$/.test(raw) || raw.length > 253) {
    throw new ConfigError(`HOST must be a host name or IP address, got ${JSON.stringify(raw)}`);
  }
  return raw;
}

function parseLogLevel(env: Env): LogLevel {
  const raw = read(env, 'LOG_LEVEL');
  if (raw === undefined) return DEFAULTS.logLevel;
  const level = raw.toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(level)) {
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(raw)}`);
  }
  return level;
}

function parseNumber(env: Env, name: string, fallback: number, min: number, max: number, integer: boolean): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new ConfigError(`${name} must be ${kind} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function parseLimits(env: Env): Limits {
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
  const bare =
    url && (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname === '/' && !url.search && !url.hash && !url.username;
  if (!url || !bare) {
    throw new ConfigError(`ALLOWED_ORIGINS must be comma-separated origins such as https://duet.example:8443, got ${JSON.stringify(entry)}`);
  }
  return url.origin;
}

function parseOrigins(env: Env): OriginPolicy {
  const list = read(env, 'ALLOWED_ORIGINS');
  const allowedOrigins = list === undefined ? [] : list.split(',').map((s) => s.trim()).filter(Boolean).map(parseOrigin);
  const raw = read(env, 'REQUIRE_ORIGIN');
  if (raw !== undefined && !/^(0|1|true|false)$/i.test(raw)) {
    throw new ConfigError(`REQUIRE_ORIGIN must be 1 or 0, got ${JSON.stringify(raw)}`);
  }
  const requireOrigin = raw !== undefined && /^(1|true)$/i.test(raw);
  return Object.freeze({ allowedOrigins: Object.freeze(allowedOrigins), requireOrigin });
}

function parseHttpPort(env: Env, port: number): number {
  const httpPort = parsePort(env, 'HTTP_PORT', DEFAULTS.httpPort, 0);
  if (httpPort !== 0 && httpPort === port) {
    throw new ConfigError(`HTTP_PORT must differ from PORT (${port}), got ${JSON.stringify(String(httpPort))}; use 0 to disable it`);
  }
  return httpPort;
}

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/;

function iceError(detail: string): ConfigError {
  return new ConfigError(`ICE_SERVERS must be a JSON array of {urls, username?, credential?} with stun:, stuns:, turn: or turns: URLs; ${detail}`);
}

/** Parses ICE_SERVERS, e.g. `[{"urls":"stun:stun.example.org:3478"}]`. */
export function parseIceServers(env: Env): readonly IceServer[] {
  const raw = read(env, 'ICE_SERVERS');
  if (raw === undefined) return DEFAULTS.iceServers;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw iceError(`got ${JSON.stringify(raw.slice(0, 80))} (not JSON)`);
  }
  if (!Array.isArray(value)) throw iceError(`got ${JSON.stringify(raw.slice(0, 80))} (not an array)`);
  return Object.freeze(
    value.map((entry: unknown, index): IceServer => {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw iceError(`entry ${index} is not an object`);
      const { urls, username, credential, ...rest } = entry as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length > 0) throw iceError(`entry ${index} has unknown field ${JSON.stringify(extra[0])}`);
      const list = typeof urls === 'string' ? [urls] : urls;
      if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && ICE_URL.test(u))) {
        throw iceError(`entry ${index} has bad urls ${JSON.stringify(urls)}`);
      }
      if (username !== undefined && typeof username !== 'string') throw iceError(`entry ${index} has a non-string username`);
      if (credential !== undefined && typeof credential !== 'string') throw iceError(`entry ${index} has a non-string credential`);
      const isTurn = (list as string[]).some((u) => u.startsWith('turn'));
      if (isTurn && (username === undefined || credential === undefined)) throw iceError(`entry ${index} is a TURN server without username and credential`);
      return Object.freeze({
        urls: typeof urls === 'string' ? urls : Object.freeze([...(list as string[])]),
        ...(username === undefined ? {} : { username }),
        ...(credential === undefined ? {} : { credential }),
      });
    }),
  );
}

export function loadConfig(env: Env = process.env): Config {
  const port = parsePort(env, 'PORT', DEFAULTS.port);
  return Object.freeze({
    port,
    httpPort: parseHttpPort(env, port),
    host: parseHost(env),
    certsDir: read(env, 'CERTS_DIR') ?? DEFAULTS.certsDir,
    logLevel: parseLogLevel(env),
    logDir: read(env, 'LOG_DIR'),
    limits: parseLimits(env),
    origins: parseOrigins(env),
    shutdownGraceMs: parseNumber(env, 'SHUTDOWN_GRACE_MS', DEFAULTS.shutdownGraceMs, 0, 4000, true),
    iceServers: parseIceServers(env),
  });
}
