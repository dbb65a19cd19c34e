/**
 * What the /api/* routes answer, as the server sends it and the page reads it.
 * Types only.
 */

/** One STUN or TURN server, as RTCPeerConnection takes it (and ICE_SERVERS lists it). */
export interface IceServer {
  readonly urls: string | readonly string[];
  readonly username?: string;
  readonly credential?: string;
}

/**
 * `GET /api/config`: what is not secret of the browser's RTCPeerConnection configuration (the
 * static ICE_SERVERS and STUN_URLS). TURN credentials are never in it: a page that passed the
 * access code asks for them over its socket (`turn-credentials`).
 */
export interface ClientConfig {
  iceServers: readonly IceServer[];
  /** Whether duet hands out TURN credentials over the socket (TURN_SECRET is set). */
  turn: boolean;
}

/** The answer to the socket request `turn-credentials`. */
export type TurnReply =
  | {
      ok: true;
      /** The relay's URLs with one fresh credential. */
      iceServer: IceServer;
      /** When the credential expires, in Unix seconds. */
      expiresAt: number;
      /** Its lifetime from this answer, in seconds (the page asks again before it ends, whatever its clock says). */
      ttlS: number;
    }
  | { ok: false; error: 'no-turn' | 'rate-limited' };

/** `GET /api/lan`: the links for other devices and the CA's fingerprint (the /setup page). */
export interface LanInfo {
  /** HTTPS links other devices on the LAN can open, best first. */
  urls: string[];
  /** SHA-256 of the CA, to compare with what the server printed. */
  caFingerprint: string | null;
  /** The HOST setting when duet listens on a loopback address only (no other device can reach it); null otherwise. */
  loopbackHost: string | null;
}
