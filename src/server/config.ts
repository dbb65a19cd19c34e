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
}

export const DEFAULTS: Config = Object.freeze({
  port: 8443,
  httpPort: 8080,
  host: '0.0.0.0',
  certsDir: './certs',
  logLevel: 'info',
  logDir: undefined,
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

export function loadConfig(env: Env = process.env): Config {
  const port = parsePort(env, 'PORT', DEFAULTS.port);
  return Object.freeze({
    port,
    httpPort: parseHttpPort(env, port),
    host: parseHost(env),
    certsDir: read(env, 'CERTS_DIR') ?? DEFAULTS.certsDir,
    logLevel: parseLogLevel(env),
    logDir: read(env, 'LOG_DIR'),
  });
}
