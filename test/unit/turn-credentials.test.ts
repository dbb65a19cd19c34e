/**
 * coturn's TURN REST API credentials: the password is base64(HMAC-SHA1(secret,
 * username)), the username starts with the Unix expiry; and TURN_* / STUN_URLS
 * configuration errors that name the variable.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config/config.js';
import { clientConfig } from '../../src/server/turn/client-config.js';
import { issueTurnCredentials, turnPassword } from '../../src/server/turn/credentials.js';

const SECRET = 'north-wind-blows-cold';

describe('TURN credentials', () => {
  it('match an HMAC-SHA1 computed independently (openssl dgst -sha1 -hmac)', () => {
    // printf '%s' '1767225600:duet-test' | openssl dgst -sha1 -hmac 'north-wind-blows-cold' -binary | base64
    expect(turnPassword(SECRET, '1767225600:duet-test')).toBe('91xQRSAOoYx0KqRsOqws5m7IFFM=');
  });

  it('put the expiry, now plus the TTL in Unix seconds, before the id', () => {
    const made = issueTurnCredentials(SECRET, 86_400, 1_767_139_200_500, 'duet-test');
    expect(made).toEqual({ username: '1767225600:duet-test', credential: '91xQRSAOoYx0KqRsOqws5m7IFFM=', expiresAt: 1_767_225_600 });
  });

  it('use a fresh random id each time', () => {
    const a = issueTurnCredentials(SECRET, 600, 0);
    const b = issueTurnCredentials(SECRET, 600, 0);
    expect(a.username).toMatch(/^600:[0-9a-f]{16}$/);
    expect(a.username).not.toBe(b.username);
  });
});

describe('GET /api/config contents', () => {
  const turn = loadConfig({
    TURN_URLS: 'turn:turn.example.org:3478,turns:turn.example.org:5349',
    TURN_SECRET: SECRET,
    TURN_TTL_S: '3600',
    STUN_URLS: 'stun:stun.example.org:3478',
  }).turn;

  it('combines ICE_SERVERS and STUN_URLS, and says TURN credentials are to be had, without any credential', () => {
    const answer = clientConfig([{ urls: 'stun:static.example.org' }], turn);
    expect(answer).toEqual({ turn: true, iceServers: [{ urls: 'stun:static.example.org' }, { urls: ['stun:stun.example.org:3478'] }] });
    expect(JSON.stringify(answer)).not.toMatch(/turn:|username|credential/);
  });

  it('says there is no TURN without TURN_SECRET', () => {
    expect(clientConfig([], loadConfig({}).turn)).toEqual({ iceServers: [], turn: false });
  });
});

describe('TURN_URLS, TURN_SECRET, TURN_TTL_S and STUN_URLS', () => {
  it('default to no relay and a one-day TTL', () => {
    expect(loadConfig({}).turn).toEqual({ urls: [], secret: undefined, ttlS: 86_400, stunUrls: [], credentialsPerHour: 10 });
  });

  it.each([
    [
      'a TURN URL that is not turn: or turns:',
      { TURN_URLS: 'http://turn.example.org', TURN_SECRET: SECRET },
      /^TURN_URLS must be .*"http:\/\/turn.example.org"/,
    ],
    ['a STUN URL that is not stun:', { STUN_URLS: 'turn:x.example.org' }, /^STUN_URLS must be .*"turn:x.example.org"/],
    ['a TTL below ten minutes', { TURN_TTL_S: '59' }, /^TURN_TTL_S must be a whole number from 600 to 604800, got "59"/],
    ['a TTL above a week', { TURN_TTL_S: '9999999' }, /^TURN_TTL_S must be .*"9999999"/],
    ['a TTL that is not a number', { TURN_TTL_S: 'day' }, /^TURN_TTL_S must be .*"day"/],
    ['a secret without URLs', { TURN_SECRET: SECRET }, /^TURN_SECRET is set but TURN_URLS is empty/],
    ['URLs without a secret', { TURN_URLS: 'turn:turn.example.org' }, /^TURN_URLS is set .* but TURN_SECRET is empty/],
    ['a short secret', { TURN_URLS: 'turn:turn.example.org', TURN_SECRET: 'short' }, /^TURN_SECRET must be at least 16 characters/],
    ['no credentials an hour', { TURN_CREDENTIALS_PER_HOUR: '0' }, /^TURN_CREDENTIALS_PER_HOUR must be a whole number from 1 to 100000, got "0"/],
  ])('refuse %s', (_label, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });
});
