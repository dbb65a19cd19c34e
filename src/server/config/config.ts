/**
 * Configuration from the environment: a pure function with one table of defaults.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConfigError, parseHostName, parseNumber, parsePort, read, type Env } from './env.js';
import { parseMetrics, type MetricsConfig } from './metrics-config.js';
import { parseIceServers, type IceServer } from './ice-servers.js';
import type { LogLevel } from '../log/logger.js';
import { parseTurn, TURN_DEFAULTS, type TurnConfig } from './turn-config.js';
import { loadPeopleConfig, PEOPLE_DEFAULTS, type PeopleConfig } from './people-config.js';
import { parseRedisUrl } from './redis-url.js';
import { DEFAULT_LIMITS, parseLimits, parseOrigins, type Limits, type OriginPolicy } from './security-config.js';

export { ConfigError, parsePort } from './env.js';
export { parseIceServers, type IceServer } from './ice-servers.js';
export { DEFAULT_LIMITS, type Limits, type OriginPolicy } from './security-config.js';
export type { TurnConfig } from './turn-config.js';
export type { PeopleConfig } from './people-config.js';

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
  /** The TURN relay with short-lived credentials and plain STUN servers (TURN_URLS, TURN_SECRET, TURN_TTL_S, STUN_URLS). */
  readonly turn: TurnConfig;
  /** Calls by name: DIRECTORY, RING_TIMEOUT_S, ACCESS_CODE (people-config.ts). */
  readonly people: PeopleConfig;
  /** Redis shared by several duet nodes (REDIS_URL); undefined: one process, state in memory. */
  readonly redisUrl: string | undefined;
  /** Where GET /metrics is served over plain HTTP (METRICS_PORT, METRICS_HOST); not at all when undefined. */
  readonly metrics: MetricsConfig | undefined;
}

/**
 * The project's folder, from where this module lives (src/server/config or
 * dist/src/server/config), whatever the working directory: a string rule, no file access.
 */
export function projectDir(moduleUrl: string = import.meta.url): string {
  return dirname(fileURLToPath(moduleUrl)).replace(/[\\/](dist[\\/])?src[\\/]server[\\/]config$/, '');
}

export const DEFAULTS: Config = Object.freeze({
  port: 8443,
  httpPort: 8080,
  /** Dual-stack: IPv6 and IPv4 (main.ts falls back to 0.0.0.0 where the machine has no IPv6). */
  host: '::',
  /** The project's own certs/ folder, wherever duet is started from. */
  certsDir: join(projectDir(), 'certs'),
  logLevel: 'info',
  logDir: undefined,
  limits: DEFAULT_LIMITS,
  origins: Object.freeze({ allowedOrigins: Object.freeze([]), requireOrigin: false }),
  shutdownGraceMs: 500,
  iceServers: Object.freeze([]),
  turn: TURN_DEFAULTS,
  people: PEOPLE_DEFAULTS,
  redisUrl: undefined,
  metrics: undefined,
});

const LOG_LEVELS: readonly LogLevel[] = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'off'];

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

export function loadConfig(env: Env = process.env): Config {
  // 0 lets the system pick a free port (the banner shows which); other values are 1-65535
  const port = read(env, 'PORT') === '0' ? 0 : parsePort(env, 'PORT', DEFAULTS.port);
  const httpPort = parseHttpPort(env, port);
  return Object.freeze({
    port,
    httpPort,
    host: parseHostName(env, 'HOST', DEFAULTS.host),
    certsDir: read(env, 'CERTS_DIR') ?? DEFAULTS.certsDir,
    logLevel: parseLogLevel(env),
    logDir: read(env, 'LOG_DIR'),
    limits: parseLimits(env),
    origins: parseOrigins(env),
    shutdownGraceMs: parseNumber(env, 'SHUTDOWN_GRACE_MS', DEFAULTS.shutdownGraceMs, 0, 4000, true),
    iceServers: parseIceServers(env),
    turn: parseTurn(env),
    people: loadPeopleConfig(env),
    redisUrl: parseRedisUrl(env),
    metrics: parseMetrics(env, [port, httpPort]),
  });
}
