/**
 * The ICE servers: the public ones from `GET /api/config`, plus, when it says TURN is offered,
 * one TURN credential asked over the page's socket (`turn-credentials`: only a connection that
 * passed the access code can ask, and each address gets only so many). Kept fresh: credentials
 * (which expire) are asked again well before the end of their lifetime, or 30 s after asking
 * failed, and every watched peer connection gets them (`setConfiguration`), so an ICE restart
 * hours into a call never uses expired credentials.
 */
import type { TurnReply } from '../../../shared/api.js';
import type { SignalSocket } from './signaling.js';

export interface IceConfig {
  iceServers: RTCIceServer[];
  /** Whether duet hands out TURN credentials. */
  turn: boolean;
  /** Lifetime of the TURN credentials from the moment they were fetched, in seconds. */
  ttlS?: number;
}

export interface LiveIceConfig {
  /** Resolves once the first answer (or its failure) is in. */
  readonly ready: Promise<IceConfig>;
  /** The freshest ICE servers so far. */
  servers(): RTCIceServer[];
  /** Whether a TURN relay is offered (by duet's credentials or a turn: entry of ICE_SERVERS). */
  hasTurn(): boolean;
  /** Gives `pc` every later refresh until it closes. */
  watch(pc: RTCPeerConnection): void;
  stop(): void;
}

const NONE: IceConfig = { iceServers: [], turn: false };
/** How long to wait for the socket to connect, and then for the credential. */
const CREDENTIAL_WAIT_MS = 15_000;
/** A lifetime that makes liveIceConfig ask again in 30 s (refreshDelayMs' floor) when asking failed. */
const RETRY_TTL_S = 60;

/** Asks for one TURN credential. Resolves undefined when there is none to be had now. */
export type AskCredentials = () => Promise<TurnReply | undefined>;

/** When to fetch again: at 80 % of the lifetime, but at least 2 minutes before the end, never sooner than 30 s. */
export function refreshDelayMs(ttlS: number): number {
  return Math.max(30, Math.min(ttlS * 0.8, ttlS - 120)) * 1000;
}

/** Reads an `/api/config` body; anything unexpected counts as no ICE servers. */
export function parseIceConfig(body: unknown): IceConfig {
  if (!body || typeof body !== 'object') return NONE;
  const { iceServers, turn, ttlS } = body as Record<string, unknown>;
  return {
    iceServers: Array.isArray(iceServers) ? (iceServers as RTCIceServer[]) : [],
    turn: turn === true,
    ttlS: typeof ttlS === 'number' && Number.isFinite(ttlS) && ttlS > 0 ? ttlS : undefined,
  };
}

export function offersTurn(servers: readonly RTCIceServer[]): boolean {
  return servers.some((s) => (Array.isArray(s.urls) ? s.urls : [s.urls]).some((u) => /^turns?:/.test(String(u))));
}

/** Asks over `socket` once it is connected (waiting for it, and for the answer, up to 15 s each). */
export function socketCredentials(socket: SignalSocket): AskCredentials {
  return async () => {
    if (!socket.connected) {
      await new Promise<void>((done) => {
        const timer = setTimeout(done, CREDENTIAL_WAIT_MS);
        socket.once('connect', () => (clearTimeout(timer), done()));
      });
    }
    if (!socket.connected) return undefined;
    return socket
      .timeout(CREDENTIAL_WAIT_MS)
      .emitWithAck('turn-credentials')
      .catch(() => undefined);
  };
}

/** The public ICE servers, and with `ask` (when TURN is offered) the relay with a fresh credential. */
export async function fetchIceConfig(ask?: AskCredentials): Promise<IceConfig> {
  let config: IceConfig;
  try {
    const res = await fetch('/api/config', { cache: 'no-store' });
    config = parseIceConfig(await res.json());
  } catch {
    return NONE;
  }
  if (!config.turn || !ask) return config;
  const reply = await ask();
  if (!reply?.ok) return { ...config, ttlS: RETRY_TTL_S };
  return { ...config, iceServers: [...config.iceServers, reply.iceServer as RTCIceServer], ttlS: reply.ttlS };
}

export function liveIceConfig(load: () => Promise<IceConfig> = fetchIceConfig): LiveIceConfig {
  let current: IceConfig = NONE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const watched = new Set<RTCPeerConnection>();

  function apply(next: IceConfig): void {
    current = next;
    for (const pc of watched) {
      if (pc.signalingState === 'closed') watched.delete(pc);
      else pc.setConfiguration({ ...pc.getConfiguration(), iceServers: next.iceServers });
    }
    clearTimeout(timer);
    if (next.ttlS !== undefined && !stopped) timer = setTimeout(() => void load().then(apply), refreshDelayMs(next.ttlS));
  }

  const ready = load().then((first) => (apply(first), first));
  return {
    ready,
    servers: () => current.iceServers,
    hasTurn: () => current.turn || offersTurn(current.iceServers),
    watch(pc) {
      watched.add(pc);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      watched.clear();
    },
  };
}
