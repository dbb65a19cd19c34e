/**
 * Running a Lua script by its SHA-1 (EVALSHA), loading it with EVAL the first time a
 * Redis has not seen it (after a restart, say). A script runs atomically in Redis.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface LuaScript {
  readonly lua: string;
  readonly sha: string;
}

export function luaScript(lua: string): LuaScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** Runs `script` with no KEYS and `args` as ARGV; resolves with its reply. */
export async function runScript(client: Redis, script: LuaScript, args: ReadonlyArray<string | number>): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, 0, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.lua, 0, ...args);
  }
}
