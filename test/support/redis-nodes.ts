/**
 * Several duet nodes in this process sharing one test Redis (startServer with
 * `redisUrl`), each ready once Redis answers and its Socket.IO adapter is reading
 * the stream; and a plain Redis client for looking at the keys.
 */
import { Redis } from 'ioredis';
import { io as connect } from 'socket.io-client';
import type { ServerConfig, ServerDeps } from '../../src/server/app.js';
import { DEFAULT_LIMITS, type Limits } from '../../src/server/config/config.js';
import type { RedisServer } from './redis.js';
import { startServer, type Client, type Running } from './server.js';

/** Limits high enough that a test's own load from 127.0.0.1 never meets them. */
export const ROOMY_LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  joinBurst: 1e6,
  joinPerSecond: 1e6,
  messageBurst: 1e6,
  messagePerSecond: 1e6,
  addressJoinBurst: 1e6,
  addressJoinPerSecond: 1e6,
  addressMessageBurst: 1e6,
  addressMessagePerSecond: 1e6,
  maxConnectionsPerAddress: 10_000,
  maxRoomsPerSocket: 10_000,
  maxRoomsPerAddress: 1e6,
};

/** A Redis client for the test itself (inspecting keys, counting the adapters' readers). */
export function inspect(redis: RedisServer): Redis {
  return new Redis(redis.url, { maxRetriesPerRequest: 1, retryStrategy: () => 200, lazyConnect: false });
}

/** Resolves once `check()` is true; fails after `timeout` ms naming `what` (usable in hooks, unlike expect.poll). */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeout = 20_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeout} ms`);
    await new Promise((ok) => setTimeout(ok, 50));
  }
}

/** Waits until `count` Socket.IO adapters block on XREAD of the stream (each node's reader is listening). */
export async function readersListening(client: Redis, count: number, timeout = 20_000): Promise<void> {
  const readers = async () =>
    String(await client.client('LIST'))
      .split('\n')
      .filter((line) => /cmd=xread\b/.test(line)).length;
  await until(`${count} adapters reading the stream`, async () => (await readers()) >= count, timeout);
}

export async function startNode(
  redis: RedisServer,
  limits: Limits = ROOMY_LIMITS,
  deps: Partial<ServerDeps> = {},
  config: Partial<ServerConfig> = {},
): Promise<Running> {
  const node = await startServer(deps, { redisUrl: redis.url, limits, ...config });
  await until('the node connected to Redis', () => node.server.redisReady());
  return node;
}

/** Starts `count` nodes and waits until every one of them reads the shared stream. */
export async function startNodes(redis: RedisServer, count: number, limits?: Limits, deps?: Partial<ServerDeps>): Promise<Running[]> {
  const nodes: Running[] = [];
  for (let i = 0; i < count; i++) nodes.push(await startNode(redis, limits, deps));
  const client = inspect(redis);
  try {
    await readersListening(client, count);
  } finally {
    client.disconnect();
  }
  return nodes;
}

/** A Socket.IO client (websocket, no reconnection) to any duet URL whose CA is `ca`. */
export async function connectClient(url: string, ca: string): Promise<Client> {
  const socket: Client = connect(url, { ca, transports: ['websocket'], reconnection: false, forceNew: true } as Parameters<typeof connect>[1]);
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('no connection within 10 s')), 10_000);
    socket.once('connect', () => (clearTimeout(timer), ok()));
    socket.once('connect_error', (error) => (clearTimeout(timer), fail(error)));
  });
  return socket;
}
