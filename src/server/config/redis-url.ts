/**
 * REDIS_URL: unset runs one process with everything in memory (the default);
 * set, several duet nodes share rooms, limits and events through that Redis.
 */
import { ConfigError, read, type Env } from './env.js';

/** The URL as it may be shown: any password replaced by `***`. */
export function redactUrl(raw: string): string {
  return raw.replace(
    /^([a-z]+:\/\/)([^@/]*)@/i,
    (_all, scheme: string, auth: string) => `${scheme}${auth.includes(':') ? `${auth.split(':')[0]}:***` : '***'}@`,
  );
}

/** `redis://[user:password@]host[:port][/db]` or `rediss://…` (TLS); undefined when unset. */
export function parseRedisUrl(env: Env): string | undefined {
  const raw = read(env, 'REDIS_URL');
  if (raw === undefined) return undefined;
  const fail = (why: string): never => {
    throw new ConfigError(`REDIS_URL must be a redis:// or rediss:// URL (${why}), got ${JSON.stringify(redactUrl(raw))}`);
  };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail('not a URL');
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') fail('wrong scheme');
  if (url.hostname === '') fail('no host');
  if (url.pathname !== '' && url.pathname !== '/' && !/^\/\d{1,2}$/.test(url.pathname)) fail('the path must be a database number');
  return raw;
}
