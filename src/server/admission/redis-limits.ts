/**
 * Per-address limits that hold across every node (a client must not get N times its
 * budget by spreading over N nodes): the join and message budgets of an address in
 * rate-limiter-flexible's RateLimiterRedis (fixed windows of `burst` points over
 * burst / perSecond seconds), each insured by an in-memory limiter that takes over
 * while Redis is unreachable; and the open connections of an address, counted per
 * node in Redis (`connections:<node>`, a hash address -> count, deleted with its node)
 * and summed over the live nodes at each handshake. The per-socket limits stay in
 * admission/guard.ts: a socket lives on one node.
 */
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis } from 'rate-limiter-flexible';
import type { Limits } from '../config/config.js';
import type { EventKind } from './guard.js';
import { luaScript, runScript } from '../redis/script.js';

export interface SharedLimits {
  /** Takes one `kind` event from `address`'s budget over all nodes; false when it is spent. */
  take(kind: EventKind, address: string): Promise<boolean>;
  /** May `address` open another connection, counting its connections on every live node? */
  admits(address: string): Promise<boolean>;
  opened(address: string): void;
  closed(address: string): void;
  /** Writes this node's connection counts again (after Redis came back, maybe empty). */
  resync(): Promise<void>;
}

export interface SharedLimitsOptions {
  client: Redis;
  node: string;
  prefix: string;
  limits: Pick<Limits, 'addressJoinBurst' | 'addressJoinPerSecond' | 'addressMessageBurst' | 'addressMessagePerSecond' | 'maxConnectionsPerAddress'>;
}

/** ARGV: prefix, address. The connections of `address` summed over the live nodes. */
const CONNECTIONS = luaScript(`
local total = 0
for _, node in ipairs(redis.call('SMEMBERS', ARGV[1] .. 'nodes')) do
  total = total + tonumber(redis.call('HGET', ARGV[1] .. 'connections:' .. node, ARGV[2]) or '0')
end
return total
`);

function limiter(client: Redis, keyPrefix: string, burst: number, perSecond: number): RateLimiterRedis {
  const duration = Math.max(1, Math.ceil(burst / perSecond));
  return new RateLimiterRedis({
    storeClient: client,
    keyPrefix,
    points: burst,
    duration,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix, points: burst, duration }),
  });
}

export function createSharedLimits(options: SharedLimitsOptions): SharedLimits {
  const { client, node, prefix, limits } = options;
  const joins = limiter(client, `${prefix}rate:join`, limits.addressJoinBurst, limits.addressJoinPerSecond);
  const messages = limiter(client, `${prefix}rate:message`, limits.addressMessageBurst, limits.addressMessagePerSecond);
  const counts = new Map<string, number>();
  const hash = `${prefix}connections:${node}`;

  function write(address: string): void {
    const count = counts.get(address) ?? 0;
    const done = count > 0 ? client.hset(hash, address, count) : client.hdel(hash, address);
    done.catch(() => {}); // Redis is away: resync() writes everything again when it is back
  }

  return {
    async take(kind, address) {
      try {
        await (kind === 'join' ? joins : messages).consume(address);
        return true;
      } catch (refusal) {
        if (refusal instanceof Error) return true; // neither store answered: the node's own limits still apply
        return false; // a RateLimiterRes: the budget is spent
      }
    },
    async admits(address) {
      try {
        return Number(await runScript(client, CONNECTIONS, [prefix, address])) < limits.maxConnectionsPerAddress;
      } catch {
        return true; // Redis is away: the node's own per-address cap still applies
      }
    },
    opened(address) {
      counts.set(address, (counts.get(address) ?? 0) + 1);
      write(address);
    },
    closed(address) {
      const left = (counts.get(address) ?? 0) - 1;
      if (left > 0) counts.set(address, left);
      else counts.delete(address);
      write(address);
    },
    async resync() {
      const multi = client.multi().del(hash);
      if (counts.size > 0) multi.hset(hash, Object.fromEntries(counts));
      await multi.exec();
    },
  };
}
