/**
 * Configuration from the environment: a pure function with one table of defaults.
 */
import type { LogLevel } from './logger.js';

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
    iceServers: parseIceServers(env),
  });
}
