/**
 * A connection prepared while we wait alone in the room. The person who waits
 * makes the offer when the other arrives (perfect negotiation: the one that
 * gets `otherjoin` is impolite), so after WARM_AFTER_MS of waiting we create
 * that RTCPeerConnection ahead, with tracks, data channel, offer and ICE
 * candidates ready but held back; when the other person joins, it only has to
 * be sent. The wait keeps the one who joins second (who gets the offer within
 * a moment) from preparing one for nothing; a prepared connection is replaced
 * every WARM_REFRESH_MS so its candidates cannot go stale.
 */
import type { Peer } from './peer.js';

/** How long we wait alone before preparing the offer. */
export const WARM_AFTER_MS = 500;
/** How often a prepared connection that was not used is replaced by a fresh one. */
export const WARM_REFRESH_MS = 60_000;

export interface Prepared {
  readonly peer: Peer;
  /** The remote tracks, filled as they arrive. */
  readonly stream: MediaStream;
}

export interface Standby {
  /** We are alone in the room: prepare a connection soon (again). */
  schedule(): void;
  /** The prepared connection, if one is ready; it is then ours to release or close. */
  take(): Prepared | undefined;
  /** Drops the prepared connection and stops preparing. */
  cancel(): void;
  /** The prepared connection while it waits (a track changed meanwhile goes on it too). */
  readonly peer: Peer | undefined;
}

/** `make` creates a held, impolite connection; `wanted` says whether we are still waiting alone. */
export function createStandby(make: () => Prepared, wanted: () => boolean): Standby {
  let prepared: Prepared | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const drop = () => {
    prepared?.peer.close();
    prepared = undefined;
  };
  const prepare = () => {
    drop();
    if (!wanted()) return;
    prepared = make();
    timer = setTimeout(prepare, WARM_REFRESH_MS);
  };

  return {
    schedule() {
      clearTimeout(timer);
      drop();
      timer = setTimeout(prepare, WARM_AFTER_MS);
    },
    take() {
      clearTimeout(timer);
      const taken = prepared;
      prepared = undefined;
      return taken;
    },
    cancel() {
      clearTimeout(timer);
      drop();
    },
    get peer() {
      return prepared?.peer;
    },
  };
}
