/**
 * The coturn file `npm run turn-config` prints: it matches duet's TURN settings
 * and denies relaying to loopback and (unless TURN_ALLOW_PRIVATE=1) private
 * networks. (test/turn-coturn.test.ts runs a real turnserver from it.)
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config/config.js';
import { coturnConfig, parseAllowPrivate, turnUrlParts } from '../../src/server/turn/coturn-config.js';

const SECRET = 'north-wind-blows-cold';
const turn = loadConfig({ TURN_URLS: 'turn:turn.example.org:3478,turns:turn.example.org:5349', TURN_SECRET: SECRET }).turn;
const lines = (allowPrivate: boolean) => coturnConfig({ turn, secret: SECRET, addresses: ['192.0.2.7'], allowPrivate }).split('\n');

describe('the coturn configuration for duet', () => {
  it("uses duet's secret in TURN REST API mode, its realm, ports and addresses", () => {
    expect(lines(false)).toEqual(
      expect.arrayContaining([
        'use-auth-secret',
        `static-auth-secret=${SECRET}`,
        'realm=turn.example.org',
        'listening-ip=192.0.2.7',
        'relay-ip=192.0.2.7',
        'listening-port=3478',
        'tls-listening-port=5349',
        'min-port=49160',
        'max-port=49359',
        'user-quota=12',
        'total-quota=200',
        'fingerprint',
        'no-cli',
        'no-multicast-peers',
      ]),
    );
  });

  it('denies loopback and private ranges, and allows private ones only with TURN_ALLOW_PRIVATE=1', () => {
    expect(lines(false)).toEqual(
      expect.arrayContaining([
        'denied-peer-ip=127.0.0.0-127.255.255.255',
        'denied-peer-ip=::1',
        'denied-peer-ip=10.0.0.0-10.255.255.255',
        'denied-peer-ip=192.168.0.0-192.168.255.255',
      ]),
    );
    expect(lines(true)).toContain('denied-peer-ip=127.0.0.0-127.255.255.255');
    expect(lines(true)).not.toContain('denied-peer-ip=192.168.0.0-192.168.255.255');
    expect(lines(false)).not.toContain('allow-loopback-peers');
  });

  it('turns TLS off without a turns: URL', () => {
    const plain = loadConfig({ TURN_URLS: 'turn:[2001:db8::1]:3479', TURN_SECRET: SECRET }).turn;
    const text = coturnConfig({ turn: plain, secret: SECRET, addresses: [], allowPrivate: false });
    expect(text).toContain('listening-port=3479\n');
    expect(text).toContain('no-tls\nno-dtls');
    expect(turnUrlParts('turn:[2001:db8::1]:3479?transport=tcp')).toEqual({ tls: false, host: '2001:db8::1', port: 3479 });
    expect(turnUrlParts('turns:t.example.org')).toEqual({ tls: true, host: 't.example.org', port: 5349 });
  });

  it('reads TURN_ALLOW_PRIVATE as 0 or 1 only', () => {
    expect(parseAllowPrivate({})).toBe(false);
    expect(parseAllowPrivate({ TURN_ALLOW_PRIVATE: '1' })).toBe(true);
    expect(() => parseAllowPrivate({ TURN_ALLOW_PRIVATE: 'yes' })).toThrow(ConfigError);
    expect(() => parseAllowPrivate({ TURN_ALLOW_PRIVATE: 'yes' })).toThrow('TURN_ALLOW_PRIVATE must be 0 or 1, got "yes"');
  });

  it('is printed by the built script, with a fresh secret when none is given', () => {
    const env = { PATH: process.env.PATH ?? '', TURN_URLS: 'turn:turn.example.org:3478', HOST: '192.0.2.7' };
    const out = execFileSync(process.execPath, ['dist/scripts/turn-config.js'], { env, encoding: 'utf8', timeout: 10_000 });
    const secret = /^# a new secret was made: start duet with TURN_URLS=turn:turn.example.org:3478 TURN_SECRET=(\S+)$/m.exec(out)?.[1];
    expect(secret).toMatch(/^[\w-]{40,}$/);
    expect(out).toContain(`static-auth-secret=${secret}\n`);
    expect(out).toContain('listening-ip=192.0.2.7\n');
    expect(() => execFileSync(process.execPath, ['dist/scripts/turn-config.js'], { env: { ...env, TURN_TTL_S: '5' }, stdio: 'pipe', timeout: 10_000 })).toThrow(
      /TURN_TTL_S must be/,
    );
  });
});
