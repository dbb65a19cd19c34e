/**
 * The ICE servers from `GET /api/config`, kept fresh: with TURN credentials
 * (which expire), they are fetched again well before the end of their lifetime
 * and every watched peer connection gets them (`setConfiguration`), so an ICE
 * restart hours into a call never uses expired credentials.
 */

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

export async function fetchIceConfig(): Promise<IceConfig> {
  try {
    const res = await fetch('/api/config', { cache: 'no-store' });
    return parseIceConfig(await res.json());
  } catch {
    return NONE;
  }
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
