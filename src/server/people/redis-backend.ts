/**
 * Calls by name on several nodes: the backend of people/backend.ts over the state
 * shared through Redis (people-state.ts), plus what one node must do for the others:
 * - it records which node each signed-in socket is on (`people:nodes`), and every few seconds
 *   releases the names, rings and calls of sockets whose node stopped beating (killed, not
 *   shut down), so the other person hears `hangup` and the name is free again;
 * - it ticks the shared state now and then, so a ring started on a node that died still ends
 *   with `no-answer`;
 * - when Redis comes back empty (restarted without persistence) it signs its own sockets in
 *   again under their names; each gets a `login` event with its new token.
 * The steps it takes on its own go to the socket layer through `onOwnSteps`.
 */
import type { Redis } from 'ioredis';
import type { LoginResult } from '../../shared/people-events.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import { backendOn, type PeopleBackend, type Step } from './backend.js';
import type { PeopleOptions } from './people.js';
import { createRedisPeopleState } from './redis-state.js';

/** How often a node looks for people on dead nodes and ticks the shared state. */
export const PEOPLE_SWEEP_MS = 2000;

export interface RedisPeopleOptions extends Omit<PeopleOptions, 'state'> {
  client: Redis;
  node: string;
  prefix: string;
  logger: Logger;
  sweepMs?: number;
}

export interface RedisPeopleBackend extends PeopleBackend {
  /** Releases people whose node is dead and ticks; resolves when done (the timer calls it too). */
  sweep(): Promise<void>;
  /** Signs this node's sockets in again if Redis lost the shared state (call when Redis is ready again). */
  restore(): Promise<void>;
}

export function createRedisPeopleBackend(options: RedisPeopleOptions): RedisPeopleBackend {
  const { client, node, prefix, logger, sweepMs = PEOPLE_SWEEP_MS, ...service } = options;
  const nodesKey = `${prefix}people:nodes`;
  const stateKey = `${prefix}people:state`;
  const state = createRedisPeopleState({ ...service, redis: client, prefix });
  const base = backendOn(state);
  const mine = new Map<string, { name: string; token: string; address?: string }>(); // this node's signed-in sockets
  const listeners: Array<(step: Step<undefined>, by: string) => void> = [];
  const own = (step: Step<undefined>, by: string) => listeners.forEach((listener) => listener(step, by));

  function forget(socketId: string): void {
    mine.delete(socketId);
    client.hdel(nodesKey, socketId).catch(() => {}); // a stale entry is harmless: its socket is signed out
  }

  async function releaseDead(): Promise<void> {
    const entries = Object.entries(await client.hgetall(nodesKey));
    const nodes = [...new Set(entries.map(([, owner]) => owner))].filter((owner) => owner !== node);
    const alive = await Promise.all(nodes.map((owner) => client.exists(`${prefix}node:${owner}`)));
    const dead = new Set(nodes.filter((_, i) => alive[i] === 0));
    if (dead.size === 0) return;
    const sockets = entries.filter(([, owner]) => dead.has(owner)).map(([socketId]) => socketId);
    logger.warn(`releasing ${sockets.length} names of stopped node${dead.size > 1 ? 's' : ''} ${[...dead].map((d) => escapeForLog(d, 64)).join(', ')}`);
    for (const socketId of sockets) {
      // out at once (no reservation: the socket is gone with its node), rings and call ended
      const step = await state.update((p) => {
        const out = p.logout(socketId);
        const gone = p.disconnect(socketId);
        return { reply: undefined, events: [...out.events, ...gone.events], free: [...(out.free ?? []), ...(gone.free ?? [])] };
      });
      await client.hdel(nodesKey, socketId);
      own(step, socketId);
    }
  }

  async function sweep(): Promise<void> {
    await releaseDead();
    const events = await base.tick();
    if (events.length > 0) own({ reply: undefined, events }, node);
  }

  const timer = setInterval(() => void sweep().catch(() => {}), sweepMs); // Redis away: the next sweep tries again
  timer.unref();

  return {
    ...base,
    async login(socketId, name, token, address) {
      await client.hset(nodesKey, socketId, node);
      const step = await base.login(socketId, name, token, address);
      if (step.reply.ok) mine.set(socketId, { name: step.reply.name, token: step.reply.token, address });
      else if (!mine.has(socketId)) forget(socketId);
      return step;
    },
    async logout(socketId) {
      const step = await base.logout(socketId);
      forget(socketId);
      return step;
    },
    async disconnect(socketId) {
      mine.delete(socketId);
      const step = await base.disconnect(socketId);
      forget(socketId);
      return step;
    },
    sweep,
    async restore() {
      if (mine.size === 0 || (await client.exists(stateKey)) === 1) return;
      logger.warn(`Redis lost the names of calls by name: signing in this node's ${mine.size} people again`);
      for (const [socketId, { name, token, address }] of [...mine]) {
        await client.hset(nodesKey, socketId, node);
        const step = await base.login(socketId, name, token, address);
        const reply = step.reply as LoginResult;
        if (reply.ok) mine.set(socketId, { name: reply.name, token: reply.token, address });
        else mine.delete(socketId);
        own({ ...step, reply: undefined }, socketId);
      }
    },
    onOwnSteps(listener) {
      listeners.push(listener);
    },
    close() {
      clearInterval(timer);
    },
  };
}
