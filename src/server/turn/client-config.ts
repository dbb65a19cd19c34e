/**
 * What `GET /api/config` answers: the static ICE_SERVERS and the STUN_URLS, and whether TURN
 * credentials can be had over the socket. No credential is ever in it (anyone can GET it);
 * turn-socket.ts hands them to connections that passed the access code.
 */
import type { ClientConfig, IceServer } from '../../shared/api.js';
import type { TurnConfig } from '../config/turn-config.js';

export type { ClientConfig };

export function clientConfig(staticServers: readonly IceServer[], turn: TurnConfig | undefined): ClientConfig {
  const iceServers: IceServer[] = [...staticServers];
  if (turn && turn.stunUrls.length > 0) iceServers.push({ urls: [...turn.stunUrls] });
  return { iceServers, turn: Boolean(turn?.secret) && (turn?.urls.length ?? 0) > 0 };
}
/** One start-up line about what browsers get for crossing NATs. */
export function iceSummary(staticServers: readonly IceServer[], turn: TurnConfig): string {
  const parts: string[] = [];
  if (staticServers.length > 0) parts.push(`${staticServers.length} from ICE_SERVERS`);
  if (turn.stunUrls.length > 0) parts.push(`STUN ${turn.stunUrls.join(', ')}`);
  if (turn.secret) parts.push(`TURN ${turn.urls.join(', ')} with credentials valid ${turn.ttlS} s`);
  return parts.length === 0 ? 'none (LAN only; set TURN_URLS and TURN_SECRET, see docs/turn.md)' : parts.join('; ');
}
