/**
 * TURN_URLS, TURN_SECRET, TURN_TTL_S and STUN_URLS: the relay duet hands out
 * short-lived credentials for, and plain STUN servers. A pure function of the
 * environment, used by loadConfig; errors name the variable and the bad value.
 */
import { ConfigError, parseNumber, read, type Env } from './env.js';

export interface TurnConfig {
  /** `turn:`/`turns:` URLs of the relay (coturn with `use-auth-secret`); empty when not configured. */
  readonly urls: readonly string[];
  /** coturn's `static-auth-secret`; undefined when not configured. */
  readonly secret: string | undefined;
  /** How long handed-out credentials live, in seconds. */
  readonly ttlS: number;
  /** `stun:`/`stuns:` URLs handed to browsers as they are. */
  readonly stunUrls: readonly string[];
  /** TURN_CREDENTIALS_PER_HOUR: credentials one client address may get in an hour (all at once at most). */
  readonly credentialsPerHour: number;
}

export const TURN_DEFAULTS: TurnConfig = Object.freeze({
  urls: Object.freeze([]),
  secret: undefined,
  ttlS: 86_400,
  stunUrls: Object.freeze([]),
  credentialsPerHour: 10,
});

/** Credentials live at least 10 minutes (a refresh must fit in) and at most a week. */
export const TURN_TTL_RANGE = { min: 600, max: 604_800 } as const;
export const MIN_SECRET_CHARS = 16;

const HOST_PORT = /^\[?[A-Za-z0-9.:-]+\]?(:\d{1,5})?(\?transport=(udp|tcp))?$/;

function parseUrls(env: Env, name: string, schemes: readonly string[]): readonly string[] {
  const raw = read(env, name);
  if (raw === undefined) return Object.freeze([]);
  const urls = raw
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const url of urls) {
    const scheme = url.slice(0, url.indexOf(':'));
    if (!schemes.includes(scheme) || !HOST_PORT.test(url.slice(scheme.length + 1))) {
      const list = schemes.map((s) => `${s}:`).join(' or ');
      throw new ConfigError(`${name} must be comma-separated ${list} URLs like ${schemes[0]}:host:3478, got ${JSON.stringify(url.slice(0, 120))}`);
    }
  }
  return Object.freeze(urls);
}

export function parseTurn(env: Env): TurnConfig {
  const urls = parseUrls(env, 'TURN_URLS', ['turn', 'turns']);
  const stunUrls = parseUrls(env, 'STUN_URLS', ['stun', 'stuns']);
  const secret = read(env, 'TURN_SECRET');
  const ttlS = parseNumber(env, 'TURN_TTL_S', TURN_DEFAULTS.ttlS, TURN_TTL_RANGE.min, TURN_TTL_RANGE.max, true);
  if (secret !== undefined && urls.length === 0) {
    throw new ConfigError('TURN_SECRET is set but TURN_URLS is empty: give the turn:/turns: URLs of the coturn that uses this secret');
  }
  if (secret === undefined && urls.length > 0) {
    throw new ConfigError(
      `TURN_URLS is set (${JSON.stringify(urls[0])}) but TURN_SECRET is empty: set it to coturn's static-auth-secret (static passwords go in ICE_SERVERS)`,
    );
  }
  if (secret !== undefined && secret.length < MIN_SECRET_CHARS) {
    throw new ConfigError(`TURN_SECRET must be at least ${MIN_SECRET_CHARS} characters (npm run turn-config makes one), got ${secret.length}`);
  }
  const credentialsPerHour = parseNumber(env, 'TURN_CREDENTIALS_PER_HOUR', TURN_DEFAULTS.credentialsPerHour, 1, 100_000, true);
  return Object.freeze({ urls, secret, ttlS, stunUrls, credentialsPerHour });
}
