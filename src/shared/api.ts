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

/** `GET /api/config`: the browser builds its RTCPeerConnection from it. */
export interface ClientConfig {
  iceServers: readonly IceServer[];
  /** Whether duet hands out TURN credentials (TURN_SECRET is set). */
  turn: boolean;
  /** When the TURN credentials expire, in Unix seconds; absent without TURN_SECRET. */
  expiresAt?: number;
  /** Their lifetime from this answer, in seconds (the page refreshes before it ends, whatever its clock says). */
  ttlS?: number;
}

/** `GET /api/lan`: the links for other devices and the CA's fingerprint (the /setup page). */
export interface LanInfo {
  /** HTTPS links other devices on the LAN can open, best first. */
  urls: string[];
  /** SHA-256 of the CA, to compare with what the server printed. */
  caFingerprint: string | null;
  /** The HOST setting when duet listens on a loopback address only (no other device can reach it); null otherwise. */
  loopbackHost: string | null;
}
