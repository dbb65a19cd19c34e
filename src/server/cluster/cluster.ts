/**
 * Several duet nodes acting as one server through Redis (REDIS_URL): the Socket.IO
 * Redis Streams adapter carries events between nodes (on a stream bounded in bytes,
 * adapter-stream.ts), the room store and the per-address limits live in Redis, and a heartbeat frees the seats of dead nodes
 * (the seat owner, rooms/seats.ts, tells the other person `bye`). Created by app.ts only when REDIS_URL is set.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import type { Limits } from '../config/config.js';
import type { Logger } from '../log/logger.js';
import type { DuetServer } from '../socket/types.js';
import { connectRedis, type RedisConnection } from '../redis/connection.js';
import { ADAPTER_STREAM, boundedStreamClient } from './adapter-stream.js';
import { createNodeHeartbeat, type NodeHeartbeat, type ReapedSeat } from './node-heartbeat.js';
import { createRedisRoomStore, DEFAULT_PREFIX, type RedisRoomStore } from '../rooms/redis-store.js';
import { createSharedLimits, type SharedLimits } from '../admission/redis-limits.js';
import { createRedisPeopleBackend, type RedisPeopleBackend, type RedisPeopleOptions } from '../people/redis-backend.js';

export interface ClusterOptions {
  url: string;
  logger: Logger;
  limits: Limits;
  /** Key prefix in Redis (default `duet:`); tests give each run its own. */
  prefix?: string;
  /** Heartbeat timing (default: node-heartbeat.ts). */
  heartbeat?: { ttlMs?: number; beatMs?: number; reapMs?: number };
}

export type ClusterPeopleOptions = Omit<RedisPeopleOptions, 'client' | 'node' | 'prefix' | 'logger' | 'randomBytes'>;

export interface Cluster {
  /** This node's id in Redis. */
  readonly node: string;
  readonly redis: RedisConnection;
  readonly store: RedisRoomStore;
  readonly limits: SharedLimits;
  readonly heartbeat: NodeHeartbeat;
  /** True while Redis is reachable: the node can take new calls (for /readyz). */
  ready(): boolean;
  /** The backend of calls by name on the state shared through Redis (made once, on first use). */
  people(options: ClusterPeopleOptions): RedisPeopleBackend;
  /**
   * Sends the adapter to `io`, starts the heartbeat. `freed` hears the seats freed without a
   * request: a dead node's, reaped, and those of sockets that disconnected while Redis was away.
   */
  attach(io: DuetServer, freed: (seats: ReapedSeat[]) => void): void;
  /** Frees this node's seats (reported to `freed`), stops the heartbeat; `disconnect` then ends the clients. */
  release(): Promise<void>;
  disconnect(): Promise<void>;
}

export function createCluster(options: ClusterOptions): Cluster {
  const { logger, limits } = options;
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const node = `${hostname().slice(0, 32)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  const redis = connectRedis(options.url, { logger });
  const store = createRedisRoomStore({
    client: redis.commands,
    node,
    prefix,
    maxRooms: limits.maxRooms,
    maxRoomsPerMember: limits.maxRoomsPerSocket,
    maxRoomsPerAddress: limits.maxRoomsPerAddress,
  });
  const shared = createSharedLimits({ client: redis.commands, node, prefix, limits });
  let freed: ((seats: ReapedSeat[]) => void) | undefined;
  let people: RedisPeopleBackend | undefined;
  const tellFreed = (seats: ReapedSeat[]) => void (seats.length > 0 && freed?.(seats));

  const heartbeat = createNodeHeartbeat({ client: redis.commands, node, prefix, logger, onReaped: tellFreed, ...options.heartbeat });

  let connectedBefore = false;
  redis.onReady(() => {
    heartbeat.beat();
    if (connectedBefore) {
      store.restore().then(
        (count) => count > 0 && logger.warn(`Redis had lost this node's seats: ${count} restored`),
        () => {},
      );
    }
    connectedBefore = true;
    const seats: ReapedSeat[] = [];
    store
      .flushPending((member, rooms) => seats.push(...rooms.map(({ room, remaining }) => ({ room, member, remaining }))))
      .then(
        () => tellFreed(seats),
        () => tellFreed(seats),
      );
    shared.resync().catch(() => {});
    people?.restore().catch(() => {});
  });

  return {
    node,
    redis,
    store,
    limits: shared,
    heartbeat,
    ready: () => redis.ready() && redis.adapterClient.status === 'ready',
    people(peopleOptions) {
      people ??= createRedisPeopleBackend({ ...peopleOptions, client: redis.commands, node, prefix, logger, randomBytes });
      return people;
    },
    attach(server, onFreed) {
      freed = onFreed;
      const streamName = `${prefix}socket.io`;
      const client = boundedStreamClient(redis.adapterClient, { stream: streamName, maxLen: ADAPTER_STREAM.maxLen, maxBytes: limits.maxRedisStreamBytes });
      server.adapter(createAdapter(client, { streamName, channelPrefix: streamName, blockTimeInMs: 1000, ...ADAPTER_STREAM }) as never);
      heartbeat.start();
    },
    release: () => heartbeat.stop(),
    disconnect: () => redis.close(),
  };
}
