/**
 * The network part of the check: gathers ICE candidates against the configured
 * servers and reports which kinds were found (host, STUN reflexive, TURN relay
 * over UDP and TCP) and whether a TURN server refused the credentials.
 */
export interface Gathered {
  host: boolean;
  srflx: boolean;
  relayUdp: boolean;
  relayTcp: boolean;
  /** A TURN server answered with an authentication error. */
  turnRefused: boolean;
}

const AUTH_ERRORS = new Set([401, 403, 431, 437, 441]);

/** Reads the kind of one `candidate:` line (RFC 5245 grammar, `typ` and the relay's transport from the stats). */
export function candidateKind(line: string): 'host' | 'srflx' | 'prflx' | 'relay' | undefined {
  const kind = /\btyp (host|srflx|prflx|relay)\b/.exec(line)?.[1];
  return kind as 'host' | 'srflx' | 'prflx' | 'relay' | undefined;
}

export async function gatherCandidates(iceServers: RTCIceServer[], timeoutMs: number): Promise<Gathered> {
  const found: Gathered = { host: false, srflx: false, relayUdp: false, relayTcp: false, turnRefused: false };
  const pc = new RTCPeerConnection({ iceServers });
  try {
    pc.createDataChannel('gather');
    pc.addEventListener('icecandidateerror', (event) => {
      if (AUTH_ERRORS.has((event as RTCPeerConnectionIceErrorEvent).errorCode)) found.turnRefused = true;
    });
    const complete = new Promise<void>((done) => {
      const timer = setTimeout(done, timeoutMs);
      pc.onicecandidate = ({ candidate }) => {
        if (!candidate) return void (clearTimeout(timer), done());
        const kind = candidateKind(candidate.candidate);
        if (kind === 'host') found.host = true;
        if (kind === 'srflx') found.srflx = true;
      };
    });
    await pc.setLocalDescription();
    await complete;
    // the relay's own transport (client to TURN server) is in the stats, not in the candidate line
    (await pc.getStats()).forEach((s: Record<string, unknown>) => {
      if (s.type !== 'local-candidate' || s.candidateType !== 'relay') return;
      const via = String(s.relayProtocol ?? s.protocol ?? '');
      if (via === 'udp') found.relayUdp = true;
      if (via === 'tcp' || via === 'tls') found.relayTcp = true;
    });
    return found;
  } finally {
    pc.close();
  }
}
