import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_LIMITS, loadConfig } from '../../src/server/config/config.js';

describe('limit settings from the environment', () => {
  it('uses the documented defaults when nothing is set', () => {
    const config = loadConfig({});
    expect(config.limits).toEqual(DEFAULT_LIMITS);
    expect(config.limits.pingIntervalMs + config.limits.pingTimeoutMs).toBeLessThan(10_000);
    expect(config.origins).toEqual({ allowedOrigins: [], requireOrigin: false });
  });

  it('reads every limit variable', () => {
    const config = loadConfig({
      RATE_JOIN_BURST: '3',
      RATE_JOIN_PER_SECOND: '0.5',
      RATE_MESSAGE_BURST: '100',
      RATE_MESSAGE_PER_SECOND: '20',
      RATE_ADDRESS_JOIN_BURST: '9',
      RATE_ADDRESS_JOIN_PER_SECOND: '2',
      RATE_ADDRESS_MESSAGE_BURST: '500',
      RATE_ADDRESS_MESSAGE_PER_SECOND: '80',
      ABUSE_STRIKES: '7',
      MAX_CONNECTIONS_PER_ADDRESS: '4',
      MAX_ROOMS: '100',
      MAX_ROOMS_PER_SOCKET: '2',
      MAX_ROOMS_PER_ADDRESS: '20',
      MAX_QUEUED_BYTES: '200000',
      MAX_CONGESTED_MS: '1000',
      TLS_HANDSHAKE_TIMEOUT_MS: '3000',
      MAX_PENDING_TLS_PER_ADDRESS: '8',
      MAX_CONNECTIONS: '500',
      MAX_MESSAGE_BYTES: '32768',
      REDIS_STREAM_MAX_BYTES: '8388608',
      PING_INTERVAL_MS: '2000',
      PING_TIMEOUT_MS: '2500',
    });
    expect(config.limits).toEqual({
      joinBurst: 3,
      joinPerSecond: 0.5,
      messageBurst: 100,
      messagePerSecond: 20,
      addressJoinBurst: 9,
      addressJoinPerSecond: 2,
      addressMessageBurst: 500,
      addressMessagePerSecond: 80,
      abuseStrikes: 7,
      maxConnectionsPerAddress: 4,
      maxRooms: 100,
      maxRoomsPerSocket: 2,
      maxRoomsPerAddress: 20,
      maxQueuedBytes: 200000,
      maxCongestedMs: 1000,
      tlsHandshakeTimeoutMs: 3000,
      maxPendingTlsPerAddress: 8,
      maxConnections: 500,
      maxMessageBytes: 32768,
      maxRedisStreamBytes: 8388608,
      pingIntervalMs: 2000,
      pingTimeoutMs: 2500,
    });
  });

  it.each([
    ['RATE_MESSAGE_BURST', 'lots'],
    ['RATE_JOIN_BURST', '2.5'],
    ['RATE_JOIN_PER_SECOND', '-1'],
    ['MAX_ROOMS', '0'],
    ['MAX_ROOMS_PER_SOCKET', '0'],
    ['MAX_QUEUED_BYTES', '1000'],
    ['TLS_HANDSHAKE_TIMEOUT_MS', 'soon'],
    ['MAX_MESSAGE_BYTES', '10'],
    ['REDIS_STREAM_MAX_BYTES', '1000'],
    ['PING_TIMEOUT_MS', '1e3'],
  ])('refuses %s=%s with an error naming the variable and the value', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`^${name} must be .*got "${value.replace('.', '\\.')}"`));
  });

  it('reads allowed origins and normalises them', () => {
    const config = loadConfig({ ALLOWED_ORIGINS: 'https://Duet.Example:8443, http://10.0.0.5:3000/', REQUIRE_ORIGIN: '1' });
    expect(config.origins).toEqual({ allowedOrigins: ['https://duet.example:8443', 'http://10.0.0.5:3000'], requireOrigin: true });
  });

  it('refuses an allowed origin with a path or another scheme', () => {
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'https://a.example/page' })).toThrow(/^ALLOWED_ORIGINS must be .*"https:\/\/a\.example\/page"/);
    expect(() => loadConfig({ ALLOWED_ORIGINS: 'ftp://a.example' })).toThrow(/^ALLOWED_ORIGINS/);
  });

  it('refuses a REQUIRE_ORIGIN that is not a yes or no', () => {
    expect(() => loadConfig({ REQUIRE_ORIGIN: 'maybe' })).toThrow(/^REQUIRE_ORIGIN must be 1 or 0, got "maybe"/);
  });
});
