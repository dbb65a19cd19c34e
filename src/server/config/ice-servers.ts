/**
 * ICE_SERVERS: the STUN/TURN servers handed to browsers by GET /api/config.
 */
import type { IceServer } from '../../shared/api.js';
import { ConfigError, read, type Env } from './env.js';

/** One entry of RTCConfiguration.iceServers (the type lives with the /api/* types in src/shared/api.ts). */
export type { IceServer };

const NONE: readonly IceServer[] = Object.freeze([]);

const ICE_URL = /^(stun|stuns|turn|turns):[^\s]+$/;

function iceError(detail: string): ConfigError {
  return new ConfigError(`ICE_SERVERS must be a JSON array of {urls, username?, credential?} with stun:, stuns:, turn: or turns: URLs; ${detail}`);
}

/** Parses ICE_SERVERS, e.g. `[{"urls":"stun:stun.example.org:3478"}]`. */
export function parseIceServers(env: Env): readonly IceServer[] {
  const raw = read(env, 'ICE_SERVERS');
  if (raw === undefined) return NONE;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    throw iceError(`got ${JSON.stringify(raw.slice(0, 80))} (not JSON)`);
  }
  if (!Array.isArray(value)) throw iceError(`got ${JSON.stringify(raw.slice(0, 80))} (not an array)`);
  return Object.freeze(
    value.map((entry: unknown, index): IceServer => {
      if (!entry || typeof entry !== 'object' || Array.isArray(entry)) throw iceError(`entry ${index} is not an object`);
      const { urls, username, credential, ...rest } = entry as Record<string, unknown>;
      const extra = Object.keys(rest);
      if (extra.length > 0) throw iceError(`entry ${index} has unknown field ${JSON.stringify(extra[0])}`);
      const list = typeof urls === 'string' ? [urls] : urls;
      if (!Array.isArray(list) || list.length === 0 || !list.every((u) => typeof u === 'string' && ICE_URL.test(u))) {
        throw iceError(`entry ${index} has bad urls ${JSON.stringify(urls)}`);
      }
      if (username !== undefined && typeof username !== 'string') throw iceError(`entry ${index} has a non-string username`);
      if (credential !== undefined && typeof credential !== 'string') throw iceError(`entry ${index} has a non-string credential`);
      const isTurn = (list as string[]).some((u) => u.startsWith('turn'));
      if (isTurn && (username === undefined || credential === undefined)) throw iceError(`entry ${index} is a TURN server without username and credential`);
      return Object.freeze({
        urls: typeof urls === 'string' ? urls : Object.freeze([...(list as string[])]),
        ...(username === undefined ? {} : { username }),
        ...(credential === undefined ? {} : { credential }),
      });
    }),
  );
}
