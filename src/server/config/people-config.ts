/**
 * The settings of calls by name, read purely from an environment object:
 * DIRECTORY, RING_TIMEOUT_S, RING_COOLDOWN_S, MAX_LISTED_PEOPLE, MAX_NAMES_PER_ADDRESS, ACCESS_CODE
 * and the budget of wrong access codes (ACCESS_GUESSES_PER_MINUTE, ACCESS_LOCKOUT_S); part of
 * loadConfig (config.ts).
 */
import { ConfigError, parseNumber, read, type Env } from './env.js';

export interface PeopleConfig {
  /** DIRECTORY: send `people` lists (true) or never (false: callers type exact names). */
  readonly directory: boolean;
  /** RING_TIMEOUT_S: how long a ring lasts before `no-answer`. */
  readonly ringTimeoutS: number;
  /** RING_COOLDOWN_S: after a decline, how long that caller may not ring that person again (0: not at all). */
  readonly ringCooldownS: number;
  /** MAX_LISTED_PEOPLE: the most names one `people` list carries (its `total` counts them all). */
  readonly maxListedPeople: number;
  /** MAX_NAMES_PER_ADDRESS: the most names signed in at once from one client address. */
  readonly maxNamesPerAddress: number;
  /** ACCESS_CODE: when set, every handshake must carry `auth: {code}` equal to it. */
  readonly accessCode: string | undefined;
  /** ACCESS_GUESSES_PER_MINUTE: wrong codes the whole server takes in a minute before it stops comparing. */
  readonly accessGuessesPerMinute: number;
  /** ACCESS_LOCKOUT_S: how long every code is refused unread once that budget is spent. */
  readonly accessLockoutS: number;
}

export const PEOPLE_DEFAULTS: PeopleConfig = {
  directory: true,
  ringTimeoutS: 30,
  ringCooldownS: 60,
  maxListedPeople: 100,
  maxNamesPerAddress: 16,
  accessCode: undefined,
  accessGuessesPerMinute: 30,
  accessLockoutS: 300,
};
export const MAX_ACCESS_CODE_LENGTH = 256;
/**
 * The shortest ACCESS_CODE accepted. Wrong codes are budgeted per address and across the server,
 * but a server facing the internet still takes some thousands of guesses a day: only a code
 * too long to enumerate (8 random characters are ~10^14 tries) holds.
 */
export const MIN_ACCESS_CODE_LENGTH = 8;

export function loadPeopleConfig(env: Env): PeopleConfig {
  const directory = read(env, 'DIRECTORY')?.toLowerCase() ?? 'on';
  if (directory !== 'on' && directory !== 'off') throw new ConfigError(`DIRECTORY must be on or off, got ${JSON.stringify(env.DIRECTORY)}`);
  const accessCode = read(env, 'ACCESS_CODE');
  if (accessCode !== undefined && (accessCode.length > MAX_ACCESS_CODE_LENGTH || /[\p{Cc}\p{Cf}]/u.test(accessCode))) {
    throw new ConfigError(`ACCESS_CODE must be 1-${MAX_ACCESS_CODE_LENGTH} printable characters, got one of ${accessCode.length} characters`);
  }
  const length = accessCode === undefined ? 0 : [...accessCode].length;
  if (accessCode !== undefined && length < MIN_ACCESS_CODE_LENGTH) {
    throw new ConfigError(
      `ACCESS_CODE must be at least ${MIN_ACCESS_CODE_LENGTH} characters, got ${length}: a short code is found by guessing ` +
        `from many addresses (a 4-digit one fell in 24 s from 250); use a few words or random characters`,
    );
  }
  return {
    directory: directory === 'on',
    ringTimeoutS: parseNumber(env, 'RING_TIMEOUT_S', PEOPLE_DEFAULTS.ringTimeoutS, 1, 600, false),
    ringCooldownS: parseNumber(env, 'RING_COOLDOWN_S', PEOPLE_DEFAULTS.ringCooldownS, 0, 3600, false),
    maxListedPeople: parseNumber(env, 'MAX_LISTED_PEOPLE', PEOPLE_DEFAULTS.maxListedPeople, 1, 10_000, true),
    maxNamesPerAddress: parseNumber(env, 'MAX_NAMES_PER_ADDRESS', PEOPLE_DEFAULTS.maxNamesPerAddress, 1, 1e6, true),
    accessCode,
    accessGuessesPerMinute: parseNumber(env, 'ACCESS_GUESSES_PER_MINUTE', PEOPLE_DEFAULTS.accessGuessesPerMinute, 1, 10_000, true),
    accessLockoutS: parseNumber(env, 'ACCESS_LOCKOUT_S', PEOPLE_DEFAULTS.accessLockoutS, 1, 86_400, true),
  };
}
