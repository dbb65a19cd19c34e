/**
 * The Redis connection of one duet node (ioredis), shared by everything that keeps
 * state in Redis: the room store, the node heartbeat, the rate limits, and later the
 * call-by-name directory. Two clients: `commands` fails fast while Redis is away (no
 * offline queue, a timeout per command), so a join is refused at once with
 * `unavailable`; `adapterClient` (for Socket.IO's Redis Streams adapter, which
 * duplicates it for its readers) queues instead, since the adapter does not handle
 * failed publishes everywhere. Both reconnect by themselves with a bounded backoff.
 * Nothing here connects until `connectRedis` is called.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { redactUrl } from '../config/redis-url.js';
import { escapeForLog, type Logger } from '../log/logger.js';

/** Longest wait between two reconnection attempts. */
export const MAX_RECONNECT_DELAY_MS = 2000;

/** 100, 200, 400 … ms, then MAX_RECONNECT_DELAY_MS between attempts, for ever. */
export function reconnectDelay(attempt: number): number {
  return Math.min(100 * 2 ** Math.min(attempt - 1, 10), MAX_RECONNECT_DELAY_MS);
}

export interface RedisConnection {
  /** For commands and scripts: rejects at once while disconnected, and after `commandTimeoutMs` on a hung server. */
  readonly commands: Redis;
  /** For the Socket.IO adapter: commands wait in a queue while disconnected and go out on reconnect. */
  readonly adapterClient: Redis;
  /** True while the command client is connected and ready. */
  ready(): boolean;
  /** Calls `listener` each time the command client becomes ready (the first time and after every reconnect). */
  onReady(listener: () => void): void;
  close(): Promise<void>;
}

export interface RedisConnectionOptions {
  logger: Logger;
  /** How long one command may take before it fails (default 2000 ms). */
  commandTimeoutMs?: number;
}

export function connectRedis(url: string, options: RedisConnectionOptions): RedisConnection {
  const { logger } = options;
  const shown = redactUrl(url);
  const common: RedisOptions = {
    retryStrategy: reconnectDelay,
    connectTimeout: 5000,
    // bounded, so a half-open TCP connection is noticed
    keepAlive: 10_000,
  };
  const commands = new Redis(url, {
    ...common,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: options.commandTimeoutMs ?? 2000,
  });
  const adapterClient = new Redis(url, { ...common, maxRetriesPerRequest: null });
  let reported: string | undefined;
  commands.on('error', (error: Error) => {
    const text = escapeForLog(error.message, 200);
    if (text === reported) return; // one line per kind of failure, not one per reconnection attempt
    reported = text;
    logger.warn(`Redis ${shown}: ${text}; new joins are refused until it is back`);
  });
  adapterClient.on('error', () => {}); // the command client reports; an 'error' without a listener would throw
  const listeners: Array<() => void> = [];
  commands.on('ready', () => {
    if (reported !== undefined) logger.info(`Redis ${shown} is back`);
    reported = undefined;
    for (const listener of listeners) listener();
  });
  return {
    commands,
    adapterClient,
    ready: () => commands.status === 'ready',
    onReady(listener) {
      listeners.push(listener);
    },
    async close() {
      commands.disconnect();
      adapterClient.disconnect();
    },
  };
}
