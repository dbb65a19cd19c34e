/**
 * Abuse limits with no I/O: token buckets per socket and per client address for
 * joins and messages, a strike count that ends persistent floods, and a count of
 * open connections per address. The socket layer asks; this module only answers.
 */
import type { Limits } from '../config/config.js';
import { createBucket, createKeyedBuckets, type Clock, type TokenBucket } from '../limits/ratelimit.js';

/** The budget an event counts against, as its feature declares it (socket/pipeline.ts): `join` for join, leave, `turn-credentials` and the requests of calls by name; `message` for relays and every other event. */
export type EventKind = 'join' | 'message';

/**
 * ok: go on; limited: refuse this event; disconnect: the socket keeps flooding, drop it;
 * gone: the socket is not tracked (never was, or was forgotten), drop the event silently.
 */
export type Verdict = 'ok' | 'limited' | 'disconnect' | 'gone';

export type GuardLimits = Pick<
  Limits,
  | 'joinBurst'
  | 'joinPerSecond'
  | 'messageBurst'
  | 'messagePerSecond'
  | 'addressJoinBurst'
  | 'addressJoinPerSecond'
  | 'addressMessageBurst'
  | 'addressMessagePerSecond'
  | 'abuseStrikes'
  | 'maxConnectionsPerAddress'
>;

export interface Guard {
  /** May another connection from `address` open now? */
  admits(address: string): boolean;
  opened(address: string): void;
  closed(address: string): void;
  connections(address: string): number;
  /** Starts tracking socket `id` (on connection): only tracked sockets get buckets. */
  track(id: string): void;
  /**
   * Counts one `kind` event of socket `id` from `address` against every limit.
   * Never creates state: an event of a socket that is not tracked is 'gone', so a
   * packet handled after the socket's disconnect cannot bring its buckets back.
   */
  check(id: string, address: string, kind: EventKind): Verdict;
  /** Forgets a socket that is gone. */
  forget(id: string): void;
  /** Sockets and addresses remembered now (for tests of bounded memory). */
  readonly tracked: { sockets: number; addresses: number };
}

interface SocketBuckets {
  join: TokenBucket;
  message: TokenBucket;
  strikes: TokenBucket;
}

/** Forget idle addresses once this many are remembered. */
const PRUNE_ABOVE = 1024;

export function createGuard(limits: GuardLimits, clock: Clock = Date.now): Guard {
  const sockets = new Map<string, SocketBuckets>();
  const connections = new Map<string, number>();
  const addressJoins = createKeyedBuckets({ burst: limits.addressJoinBurst, perSecond: limits.addressJoinPerSecond }, clock);
  const addressMessages = createKeyedBuckets({ burst: limits.addressMessageBurst, perSecond: limits.addressMessagePerSecond }, clock);
  const strikeSpec = { burst: limits.abuseStrikes, perSecond: limits.abuseStrikes / 10 };

  function prune(): void {
    if (addressJoins.size + addressMessages.size <= PRUNE_ABOVE) return;
    const busy = (address: string) => connections.has(address);
    addressJoins.prune(busy);
    addressMessages.prune(busy);
  }

  return {
    admits(address) {
      return (connections.get(address) ?? 0) < limits.maxConnectionsPerAddress;
    },
    opened(address) {
      connections.set(address, (connections.get(address) ?? 0) + 1);
    },
    closed(address) {
      const left = (connections.get(address) ?? 0) - 1;
      if (left > 0) connections.set(address, left);
      else connections.delete(address);
      prune();
    },
    connections(address) {
      return connections.get(address) ?? 0;
    },
    track(id) {
      if (sockets.has(id)) return;
      sockets.set(id, {
        join: createBucket({ burst: limits.joinBurst, perSecond: limits.joinPerSecond }, clock),
        message: createBucket({ burst: limits.messageBurst, perSecond: limits.messagePerSecond }, clock),
        strikes: createBucket(strikeSpec, clock),
      });
    },
    check(id, address, kind) {
      const mine = sockets.get(id);
      if (!mine) return 'gone';
      const perSocket = kind === 'join' ? mine.join : mine.message;
      const perAddress = kind === 'join' ? addressJoins : addressMessages;
      // the socket's own bucket first, so one flooder does not drain the address for others needlessly
      if (perSocket.take() && perAddress.take(address)) return 'ok';
      return mine.strikes.take() ? 'limited' : 'disconnect';
    },
    forget(id) {
      sockets.delete(id);
    },
    get tracked() {
      return { sockets: sockets.size, addresses: Math.max(addressJoins.size, addressMessages.size, connections.size) };
    },
  };
}
