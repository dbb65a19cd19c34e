/**
 * Node liveness: each node refreshes `node:<id>` (a key with a short TTL) and its
 * name in the `nodes` set every `beatMs`; every `reapMs` it runs the REAP script,
 * which frees everything of the nodes whose heartbeat key has expired (killed, not
 * shut down) and reports the seats it freed. One node's reap is atomic, so when
 * several survivors run it the first frees the seats and the others find nothing.
 */
import type { Redis } from 'ioredis';
import { escapeForLog, type Logger } from '../log/logger.js';
import { REAP } from '../rooms/redis-scripts.js';
import { runScript } from '../redis/script.js';

/** A node whose heartbeat is older than this is dead. */
export const HEARTBEAT_TTL_MS = 5000;
export const BEAT_MS = 1000;
export const REAP_MS = 2000;

export interface ReapedSeat {
  room: string;
  member: string;
  remaining: string[];
}

export interface NodeHeartbeatOptions {
  client: Redis;
  node: string;
  prefix: string;
  logger: Logger;
  /** Called with the seats freed from dead nodes (the survivors tell the other person `bye`). */
  onReaped(seats: ReapedSeat[], deadNodes: string[]): void;
  ttlMs?: number;
  beatMs?: number;
  reapMs?: number;
}

export interface NodeHeartbeat {
  /** Beats once now, then on the timers. */
  start(): void;
  /** Stops the timers, deletes this node's heartbeat and frees its seats at once; reports them like a reap. */
  stop(): Promise<void>;
  /** Runs one reap now (tests, and `stop`). */
  reap(): Promise<void>;
  /** Refreshes the heartbeat now (when Redis has just become reachable). */
  beat(): void;
}

/** The REAP script's reply: {dead nodes, {room, member, remaining, …}}. */
function parseReap(reply: unknown): { dead: string[]; seats: ReapedSeat[] } {
  const [dead, flat] = reply as [string[], unknown[]];
  const seats: ReapedSeat[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) seats.push({ room: String(flat[i]), member: String(flat[i + 1]), remaining: flat[i + 2] as string[] });
  return { dead, seats };
}

export function createNodeHeartbeat(options: NodeHeartbeatOptions): NodeHeartbeat {
  const { client, node, prefix, logger } = options;
  const ttl = options.ttlMs ?? HEARTBEAT_TTL_MS;
  const key = `${prefix}node:${node}`;
  const timers: NodeJS.Timeout[] = [];
  let stopped = false;

  function beat(): void {
    if (stopped) return;
    client
      .multi()
      .set(key, String(Date.now()), 'PX', ttl)
      .sadd(`${prefix}nodes`, node)
      .exec()
      .catch(() => {}); // Redis is away: the connection reports it; the next beat tries again
  }

  async function reap(): Promise<void> {
    const { dead, seats } = parseReap(await runScript(client, REAP, [prefix]));
    if (dead.length === 0) return;
    logger.warn(`node${dead.length > 1 ? 's' : ''} ${dead.map((d) => escapeForLog(d, 64)).join(', ')} stopped beating: freed ${seats.length} seats`);
    options.onReaped(seats, dead);
  }

  return {
    start() {
      beat();
      timers.push(setInterval(beat, options.beatMs ?? BEAT_MS));
      timers.push(setInterval(() => void reap().catch(() => {}), options.reapMs ?? REAP_MS));
    },
    async stop() {
      stopped = true;
      for (const timer of timers.splice(0)) clearInterval(timer);
      try {
        await client.del(key);
        await reap();
      } catch {
        // Redis is away: the survivors free the seats once this node's heartbeat has expired
      }
    },
    reap,
    beat,
  };
}
