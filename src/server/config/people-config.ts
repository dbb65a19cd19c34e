/**
 * The settings of calls by name (issue 12), read purely from an environment object:
 * DIRECTORY, RING_TIMEOUT_S and ACCESS_CODE; part of loadConfig (config.ts).
 */
import { ConfigError, parseNumber, read, type Env } from './env.js';

export interface PeopleConfig {
  /** DIRECTORY: send `people` lists (true) or never (false: callers type exact names). */
  readonly directory: boolean;
  /** RING_TIMEOUT_S: how long a ring lasts before `no-answer`. */
  readonly ringTimeoutS: number;
  /** ACCESS_CODE: when set, every handshake must carry `auth: {code}` equal to it. */
  readonly accessCode: string | undefined;
}

export const PEOPLE_DEFAULTS: PeopleConfig = { directory: true, ringTimeoutS: 30, accessCode: undefined };
export const MAX_ACCESS_CODE_LENGTH = 256;

export function loadPeopleConfig(env: Env): PeopleConfig {
  const directory = read(env, 'DIRECTORY')?.toLowerCase() ?? 'on';
  if (directory !== 'on' && directory !== 'off') throw new ConfigError(`DIRECTORY must be on or off, got ${JSON.stringify(env.DIRECTORY)}`);
  const accessCode = read(env, 'ACCESS_CODE');
  if (accessCode !== undefined && (accessCode.length > MAX_ACCESS_CODE_LENGTH || /[\p{Cc}\p{Cf}]/u.test(accessCode))) {
    throw new ConfigError(`ACCESS_CODE must be 1-${MAX_ACCESS_CODE_LENGTH} printable characters, got one of ${accessCode.length} characters`);
  }
  return {
    directory: directory === 'on',
    ringTimeoutS: parseNumber(env, 'RING_TIMEOUT_S', PEOPLE_DEFAULTS.ringTimeoutS, 1, 600, false),
    accessCode,
  };
}
