/**
 * What `GET /api/config` answers: the static ICE_SERVERS, the STUN_URLS, and,
 * with a TURN secret, the relay with credentials made for this one request.
 */
import type { ClientConfig, IceServer } from '../../shared/api.js';
import type { TurnConfig } from './config.js';
import { issueTurnCredentials } from './credentials.js';

export type { ClientConfig };

export function clientConfig(staticServers: readonly IceServer[], turn: TurnConfig | undefined, nowMs: number): ClientConfig {
  const iceServers: IceServer[] = [...staticServers];
  if (turn && turn.stunUrls.length > 0) iceServers.push({ urls: [...turn.stunUrls] });
  if (!turn?.secret || turn.urls.length === 0) return { iceServers, turn: false };
  const { username, credential, expiresAt } = issueTurnCredentials(turn.secret, turn.ttlS, nowMs);
  iceServers.push({ urls: [...turn.urls], username, credential });
  return { iceServers, turn: true, expiresAt, ttlS: turn.ttlS };
}

/** One start-up line about what browsers get for crossing NATs. */
export function iceSummary(staticServers: readonly IceServer[], turn: TurnConfig): string {
  const parts: string[] = [];
  if (staticServers.length > 0) parts.push(`${staticServers.length} from ICE_SERVERS`);
  if (turn.stunUrls.length > 0) parts.push(`STUN ${turn.stunUrls.join(', ')}`);
  if (turn.secret) parts.push(`TURN ${turn.urls.join(', ')} with credentials valid ${turn.ttlS} s`);
  return parts.length === 0 ? 'none (LAN only; set TURN_URLS and TURN_SECRET, see docs/turn.md)' : parts.join('; ');
}
