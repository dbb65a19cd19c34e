/**
 * The state of calls by name shared by every node through Redis: one JSON value
 * under one lock. A request takes the lock, reads the state, runs the pure service on it
 * (people/people.ts, rebuilt with `createPeople({ state })`), and writes the new state back
 * only while it still holds the lock, in one script. So names are unique across nodes and
 * rings and calls are seen alike everywhere, without a second implementation of the rules.
 * A node's own requests queue locally first, so they do not compete for the lock with each
 * other. Requests are rare (sign in, ring, answer), which is what one lock can carry.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createPeople, type People, type PeopleOptions } from './people.js';
import { EMPTY_PEOPLE_STATE, type PeopleState, type PeopleStateStore } from './state.js';

/** Sets the state only if `token` still holds the lock, then frees the lock. */
const SAVE = `if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('SET', KEYS[2], ARGV[2])
  redis.call('DEL', KEYS[1])
  return 1
end
return 0`;
/** Frees the lock only if `token` holds it. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

export class PeopleStateUnavailable extends Error {}

export interface SharedPeopleOptions extends Omit<PeopleOptions, 'state'> {
  redis: Redis;
  /** Key prefix (default `duet:`). */
  prefix?: string;
  /** How long a lock lives if its holder dies mid-request (default 3000 ms). */
  lockMs?: number;
  /** How long to wait for the lock before giving up with PeopleStateUnavailable (default 10000 ms: a burst of requests over several nodes queues rather than fails). */
  waitMs?: number;
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function createRedisPeopleState(options: SharedPeopleOptions): PeopleStateStore {
  const { redis, prefix = 'duet:', lockMs = 3000, waitMs = 10_000, ...serviceOptions } = options;
  const lockKey = `${prefix}people:lock`;
  const stateKey = `${prefix}people:state`;
  let queue: Promise<unknown> = Promise.resolve();

  async function acquire(): Promise<string> {
    const token = randomBytes(16).toString('base64url');
    const until = Date.now() + waitMs;
    for (let attempt = 0; ; attempt++) {
      if ((await redis.set(lockKey, token, 'PX', lockMs, 'NX')) === 'OK') return token;
      if (Date.now() >= until) throw new PeopleStateUnavailable(`the people lock stayed taken for ${waitMs} ms`);
      await pause(Math.min(2 + attempt * 2, 25) * (0.5 + Math.random()));
    }
  }

  async function once<T>(fn: (people: People) => T): Promise<T> {
    for (;;) {
      const token = await acquire();
      try {
        const text = await redis.get(stateKey);
        const state = text === null ? EMPTY_PEOPLE_STATE : (JSON.parse(text) as PeopleState);
        const people = createPeople({ ...serviceOptions, state });
        const result = fn(people);
        const saved = await redis.eval(SAVE, 2, lockKey, stateKey, token, JSON.stringify(people.snapshot()));
        // the lock ran out under us (a very slow Redis): nothing was written, the result is void; run again
        if (saved === 1) return result;
      } catch (error) {
        await redis.eval(RELEASE, 1, lockKey, token).catch(() => undefined);
        throw error;
      }
    }
  }

  return {
    update<T>(fn: (people: People) => T): Promise<T> {
      const run = queue.then(() => once(fn));
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
