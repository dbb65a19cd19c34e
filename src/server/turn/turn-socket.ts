/**
 * TURN credentials over the socket: `turn-credentials` (with an acknowledgement) answers one
 * fresh credential for the relay. Only a connection exists to ask on, so with ACCESS_CODE set
 * only a client that passed the access gate gets one; and each client address (its /64 for
 * IPv6) gets at most TURN_CREDENTIALS_PER_HOUR an hour, all of them at once at most, so nobody
 * farms credentials to fill coturn's `total-quota`. `GET /api/config` carries none.
 */
import type { TurnReply } from '../../shared/api.js';
import type { Clock } from '../limits/ratelimit.js';
import { createKeyedBuckets } from '../limits/ratelimit.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { DuetSocket } from '../socket/types.js';
import type { SocketFeature } from '../socket/pipeline.js';
import type { TurnConfig } from '../config/turn-config.js';
import { issueTurnCredentials } from './credentials.js';

/** Forget addresses whose buckets are full again once this many are remembered. */
const PRUNE_ABOVE = 1024;

export interface TurnSocketOptions {
  turn: TurnConfig | undefined;
  logger: Logger;
  clock?: Clock;
}

/** The handler of `turn-credentials` for the socket pipeline (counted like a join). */
export function turnEvents(options: TurnSocketOptions): SocketFeature {
  const { turn, logger } = options;
  const clock = options.clock ?? Date.now;
  const perHour = turn?.credentialsPerHour ?? 1;
  const budgets = createKeyedBuckets({ burst: perHour, perSecond: perHour / 3600 }, clock);

  function answer(socket: DuetSocket): TurnReply {
    if (!turn?.secret || turn.urls.length === 0) return { ok: false, error: 'no-turn' };
    if (budgets.size > PRUNE_ABOVE) budgets.prune();
    if (!budgets.take(socket.data.address)) {
      logger.warn(`refused TURN credentials to ${escapeForLog(socket.data.address, 64)}: ${perHour} in the last hour`);
      return { ok: false, error: 'rate-limited' };
    }
    const { username, credential, expiresAt } = issueTurnCredentials(turn.secret, turn.ttlS, clock());
    return { ok: true, iceServer: { urls: [...turn.urls], username, credential }, expiresAt, ttlS: turn.ttlS };
  }

  return {
    handlers: [
      {
        event: 'turn-credentials',
        rateClass: 'join',
        handle(ctx, _params, ack) {
          ack?.(answer(ctx.socket)); // the credential is the answer: without an ack there is nobody to give it to
        },
      },
    ],
  };
}
