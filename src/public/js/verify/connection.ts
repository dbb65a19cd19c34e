/**
 * The two fingerprints the verification code is derived from, for the connection
 * in use, from what this browser exposes (docs/browsers.md):
 *
 * - the remote one from the certificate the other side presented in the DTLS
 *   handshake: RTCDtlsTransport.getRemoteCertificates() (Chromium, Firefox), hashed
 *   here, else the remote certificate stat of getStats() (Chromium, Safari);
 * - only where the browser has neither, from the a=fingerprint line of the remote
 *   description applied to this connection, once DTLS is connected: DTLS checked the
 *   certificate against that line, so a server that rewrote it still leaves the two
 *   people with different codes. A description naming several certificates is
 *   refused (the browser may have accepted any of them);
 * - the local one from the local certificate stat, else the a=fingerprint line of
 *   our own local description (the browser wrote it; the server never touches it).
 *
 * Both sides use SHA-256 fingerprints, so each derives the code from the same pair
 * whichever sources its browser offers. Nothing here is derived from one side alone:
 * without the remote certificate there is no pair and no code.
 */
import { CODE_ALGORITHM, certificatesFromStats, fingerprintOfDer, fingerprintsFromSdp, type Fingerprint, type StatsLike } from './fingerprints.js';

/** What is read of the connection besides its stats (see dtlsView). */
export interface DtlsView {
  /** The state of the DTLS transport in use; undefined before there is one. */
  state: RTCDtlsTransportState | undefined;
  /** The DER certificates the other side presented; undefined where the browser has no getRemoteCertificates(). */
  remoteCertificates: ArrayBuffer[] | undefined;
  /** The descriptions applied to the connection (current, not pending). */
  localSdp: string | undefined;
  remoteSdp: string | undefined;
}

/**
 * Why there is no pair yet. `not-connected`: DTLS is not connected (yet, or for a moment);
 * `pending`: connected, but the certificates are not readable yet (try the next report);
 * `unavailable`: this browser exposes no usable fingerprint; `ambiguous`: the remote
 * description names more than one certificate.
 */
export type Missing = 'not-connected' | 'pending' | 'unavailable' | 'ambiguous';

export type ConnectionPair = { ok: true; local: Fingerprint; remote: Fingerprint } | { ok: false; reason: Missing };

export type Digest = (data: ArrayBuffer) => Promise<ArrayBuffer>;

export const sha256: Digest = (data) => crypto.subtle.digest('SHA-256', data);

/** The connection's DTLS transport (with BUNDLE every sender, receiver and the data channels share one). */
export function dtlsView(pc: RTCPeerConnection): DtlsView {
  const transports = [pc.sctp?.transport, ...pc.getSenders().map((s) => s.transport), ...pc.getReceivers().map((r) => r.transport)].filter(
    (t): t is RTCDtlsTransport => Boolean(t),
  );
  const transport = transports.find((t) => t.state === 'connected') ?? transports[0];
  let remoteCertificates: ArrayBuffer[] | undefined;
  if (transport && typeof transport.getRemoteCertificates === 'function') {
    try {
      remoteCertificates = transport.getRemoteCertificates();
    } catch {
      remoteCertificates = []; // present but failing now: try again with the next report
    }
  }
  return { state: transport?.state, remoteCertificates, localSdp: pc.currentLocalDescription?.sdp, remoteSdp: pc.currentRemoteDescription?.sdp };
}

const ofCodeAlgorithm = (print: Fingerprint | undefined) => (print?.algorithm === CODE_ALGORITHM ? print : undefined);

/** The one certificate a description names, `ambiguous` if several, undefined if none usable. */
function fromDescription(sdp: string | undefined): Fingerprint | 'ambiguous' | undefined {
  const prints = sdp === undefined ? undefined : fingerprintsFromSdp(sdp);
  if (!prints || prints.length === 0) return undefined;
  if (prints.length > 1) return 'ambiguous';
  return ofCodeAlgorithm(prints[0]);
}

/** Our own certificate: from the stats, else from the local description the browser wrote. */
function localFingerprint(fromStats: Fingerprint | undefined, view: DtlsView | undefined): Fingerprint | undefined {
  if (ofCodeAlgorithm(fromStats)) return fromStats;
  const prints = view?.localSdp === undefined ? undefined : fingerprintsFromSdp(view.localSdp);
  return prints?.find((p) => p.algorithm === CODE_ALGORITHM);
}

/** The pair for one stats report and the connection's DTLS view (undefined: only the stats are known). */
export async function connectionFingerprints(report: StatsLike, view: DtlsView | undefined, digest: Digest = sha256): Promise<ConnectionPair> {
  const stats = certificatesFromStats(report);
  if (!stats.connected && view?.state !== 'connected') return { ok: false, reason: 'not-connected' };

  let remote: Fingerprint | 'ambiguous' | undefined;
  const der = view?.remoteCertificates?.[0]; // the first is the other side's own certificate
  if (der) remote = await fingerprintOfDer(der, digest);
  else remote = ofCodeAlgorithm(stats.remote);
  const certificatesExposed = view === undefined || view.remoteCertificates !== undefined || stats.remote !== undefined;
  if (!remote && !certificatesExposed) {
    remote = fromDescription(view.remoteSdp);
    if (!remote) return { ok: false, reason: 'unavailable' };
  }
  if (remote === 'ambiguous') return { ok: false, reason: 'ambiguous' };
  if (!remote) return { ok: false, reason: 'pending' };

  const local = localFingerprint(stats.local, view);
  if (!local) return { ok: false, reason: view?.localSdp === undefined ? 'pending' : 'unavailable' };
  return { ok: true, local, remote };
}
