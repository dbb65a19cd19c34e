import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config/config.js';
import { reconnectDelay, MAX_RECONNECT_DELAY_MS } from '../../src/server/redis/connection.js';

describe('REDIS_URL', () => {
  it('is unset by default: one process, no Redis', () => {
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(loadConfig({ REDIS_URL: '  ' }).redisUrl).toBeUndefined();
  });

  it.each(['redis://127.0.0.1:6379', 'redis://redis.internal', 'rediss://user:secret@redis.example.org:6380/2', 'redis://[::1]:6379/0'])(
    'accepts %s',
    (url) => {
      expect(loadConfig({ REDIS_URL: url }).redisUrl).toBe(url);
    },
  );

  it.each([
    ['localhost:6379', 'wrong scheme'],
    ['http://redis:6379', 'wrong scheme'],
    ['redis://', 'no host'],
    ['redis://host/abc', 'the path must be a database number'],
    ['not a url', 'not a URL'],
  ])('refuses %s naming the variable and the reason', (url, why) => {
    expect(() => loadConfig({ REDIS_URL: url })).toThrow(`REDIS_URL must be a redis:// or rediss:// URL (${why})`);
  });

  it('never prints the password of a refused URL', () => {
    expect(() => loadConfig({ REDIS_URL: 'redis://me:hunter22@host/x' })).toThrow('redis://me:***@host/x');
    expect(() => loadConfig({ REDIS_URL: 'redis://me:hunter22@host/x' })).not.toThrow(/hunter22/);
  });

  it('reconnects with a backoff that grows and stays bounded', () => {
    expect(reconnectDelay(1)).toBe(100);
    expect(reconnectDelay(2)).toBe(200);
    expect(reconnectDelay(1000)).toBe(MAX_RECONNECT_DELAY_MS);
  });
});
