import { describe, expect, it } from 'vitest';
import { accessAllowed } from '../../src/server/admission/access-code.js';
import { DEFAULTS, loadConfig } from '../../src/server/config/config.js';
import { PEOPLE_DEFAULTS, loadPeopleConfig } from '../../src/server/config/people-config.js';

describe('settings of calls by name', () => {
  it('defaults to a directory, 30 s rings, a 60 s cooldown, 100 names a list, 16 names an address and no access code', () => {
    expect(loadPeopleConfig({})).toEqual(PEOPLE_DEFAULTS);
    expect(PEOPLE_DEFAULTS).toEqual({
      directory: true,
      ringTimeoutS: 30,
      ringCooldownS: 60,
      maxListedPeople: 100,
      maxNamesPerAddress: 16,
      accessCode: undefined,
      accessGuessesPerMinute: 30,
      accessLockoutS: 300,
    });
  });

  it('reads RING_COOLDOWN_S, MAX_LISTED_PEOPLE and MAX_NAMES_PER_ADDRESS, naming a bad value', () => {
    expect(loadPeopleConfig({ RING_COOLDOWN_S: '0', MAX_LISTED_PEOPLE: '20', MAX_NAMES_PER_ADDRESS: '4' })).toMatchObject({
      ringCooldownS: 0,
      maxListedPeople: 20,
      maxNamesPerAddress: 4,
    });
    expect(() => loadPeopleConfig({ MAX_LISTED_PEOPLE: '0' })).toThrow('MAX_LISTED_PEOPLE must be a whole number from 1 to 10000, got "0"');
    expect(() => loadPeopleConfig({ MAX_NAMES_PER_ADDRESS: '2.5' })).toThrow('MAX_NAMES_PER_ADDRESS');
    expect(() => loadPeopleConfig({ RING_COOLDOWN_S: '3601' })).toThrow('RING_COOLDOWN_S must be a number from 0 to 3600, got "3601"');
  });

  it('reads DIRECTORY on or off in any case', () => {
    expect(loadPeopleConfig({ DIRECTORY: 'off' }).directory).toBe(false);
    expect(loadPeopleConfig({ DIRECTORY: ' ON ' }).directory).toBe(true);
  });

  it('names the variable and the bad value', () => {
    expect(() => loadPeopleConfig({ DIRECTORY: 'yes' })).toThrow('DIRECTORY must be on or off, got "yes"');
    expect(() => loadPeopleConfig({ RING_TIMEOUT_S: '0' })).toThrow('RING_TIMEOUT_S must be a number from 1 to 600, got "0"');
    expect(() => loadPeopleConfig({ RING_TIMEOUT_S: 'soon' })).toThrow('RING_TIMEOUT_S');
    expect(() => loadPeopleConfig({ ACCESS_CODE: 'a\u0000b' })).toThrow('ACCESS_CODE must be 1-256 printable characters');
    expect(() => loadPeopleConfig({ ACCESS_CODE: 'x'.repeat(257) })).toThrow('ACCESS_CODE');
  });

  it('takes a short ring time for tests and an access code of any script', () => {
    expect(loadPeopleConfig({ RING_TIMEOUT_S: '2.5', ACCESS_CODE: ' 芝麻开门芝麻开门 ' })).toMatchObject({
      directory: true,
      ringTimeoutS: 2.5,
      accessCode: '芝麻开门芝麻开门',
    });
  });

  it('refuses an access code shorter than 8 characters and says why', () => {
    for (const code of ['1234', 'sesame', '芝麻开门芝麻开']) {
      expect(() => loadPeopleConfig({ ACCESS_CODE: code })).toThrow(
        `ACCESS_CODE must be at least 8 characters, got ${[...code].length}: a short code is found by guessing`,
      );
    }
    expect(loadPeopleConfig({ ACCESS_CODE: '12345678' }).accessCode).toBe('12345678');
  });

  it('reads the server-wide budget of wrong codes and its lockout', () => {
    expect(loadPeopleConfig({ ACCESS_GUESSES_PER_MINUTE: '5', ACCESS_LOCKOUT_S: '60' })).toMatchObject({ accessGuessesPerMinute: 5, accessLockoutS: 60 });
    expect(() => loadPeopleConfig({ ACCESS_GUESSES_PER_MINUTE: '0' })).toThrow('ACCESS_GUESSES_PER_MINUTE must be a whole number from 1 to 10000, got "0"');
    expect(() => loadPeopleConfig({ ACCESS_LOCKOUT_S: '1.5' })).toThrow('ACCESS_LOCKOUT_S must be a whole number from 1 to 86400');
  });
});

describe('the settings of calls by name in loadConfig', () => {
  it('are part of the one configuration, with the same defaults and errors', () => {
    expect(loadConfig({}).people).toEqual(PEOPLE_DEFAULTS);
    expect(DEFAULTS.people).toEqual(PEOPLE_DEFAULTS);
    expect(loadConfig({ DIRECTORY: 'off', RING_TIMEOUT_S: '45', ACCESS_CODE: 'open sesame' }).people).toEqual({
      ...PEOPLE_DEFAULTS,
      directory: false,
      ringTimeoutS: 45,
      accessCode: 'open sesame',
    });
    expect(() => loadConfig({ ACCESS_CODE: '1234' })).toThrow('ACCESS_CODE must be at least 8 characters, got 4');
    expect(() => loadConfig({ DIRECTORY: 'maybe' })).toThrow('DIRECTORY must be on or off, got "maybe"');
  });
});

describe('the access code check', () => {
  it('lets everyone in when no code is set', () => {
    expect(accessAllowed(undefined, undefined)).toBe(true);
    expect(accessAllowed(undefined, { code: 'anything' })).toBe(true);
  });

  it('lets in only a handshake carrying exactly the code', () => {
    expect(accessAllowed('sesame', { code: 'sesame' })).toBe(true);
    for (const auth of [
      undefined,
      null,
      {},
      'sesame',
      { code: 'Sesame' },
      { code: 'sesam' },
      { code: 'sesame ' },
      { code: 42 },
      { code: ['sesame'] },
      { code: 'x'.repeat(10_000) },
    ]) {
      expect(accessAllowed('sesame', auth), JSON.stringify(auth)).toBe(false);
    }
  });
});
