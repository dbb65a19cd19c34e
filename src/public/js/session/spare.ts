/**
 * A connection made ahead for the first answer. The one who joins second gets the
 * offer moments after joining; creating its RTCPeerConnection then, and only starting to gather
 * ICE candidates after its answer, was on the call's critical path. A spare is made while the
 * pre-join screen (or the ring) shows, starts gathering a pool of candidates at once
 * (`iceCandidatePoolSize`), and is handed to the first polite peer (peer.ts), which adds the
 * tracks when the offer comes. It is replaced every WARM_REFRESH_MS so its candidates cannot go
 * stale, and closed when the page no longer needs it.
 */
import { peerConfig } from './peer.js';
import { WARM_REFRESH_MS } from './standby.js';

export interface Spare {
  /** The spare connection, once; later calls return undefined. */
  take(): RTCPeerConnection | undefined;
  /** Closes the spare if it was not taken, and stops replacing it. */
  close(): void;
}

/** `make` creates an RTCPeerConnection that gathers candidates ahead (peerConfig with a pool). */
export function createSpare(make: () => RTCPeerConnection, refreshMs = WARM_REFRESH_MS): Spare {
  let spare: RTCPeerConnection | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let over = false;
  const renew = () => {
    spare?.close();
    spare = make();
    timer = setTimeout(renew, refreshMs);
  };
  renew();
  const close = () => {
    over = true;
    clearTimeout(timer);
    spare?.close();
    spare = undefined;
  };
  return {
    take() {
      if (over) return undefined;
      const taken = spare;
      spare = undefined;
      close();
      return taken;
    },
    close,
  };
}

/** A spare for a page whose ICE servers are ready; undefined where the browser has no WebRTC. */
export function spareFor(iceServers: () => RTCIceServer[]): Spare | undefined {
  if (typeof RTCPeerConnection === 'undefined') return undefined;
  return createSpare(() => new RTCPeerConnection(peerConfig(iceServers(), 1)));
}
