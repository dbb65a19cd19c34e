/**
 * Follows the verification code of the connection in use, report after report:
 * whenever the pair of fingerprints (verify/connection.ts) changes, the code is
 * derived again; reset() forgets it when the session makes a new connection.
 * While DTLS is connected but the certificates are not readable yet, every report
 * tries again; after PATIENCE such reports, or at once when this browser exposes no
 * usable fingerprint, the state says so (`unavailable`), and a later pair still
 * replaces that with the code. Reports without a connected transport keep the code
 * shown (a brief network gap on the same connection does not change its certificates).
 */
import { codeInput, verificationCode } from './code.js';
import { connectionFingerprints, sha256, type ConnectionPair, type Digest, type DtlsView } from './connection.js';
import type { Fingerprint, StatsLike } from './fingerprints.js';

export type Derive = (local: Fingerprint, remote: Fingerprint) => Promise<string>;

/** `none`: nothing to show (no connection, or not connected yet); `unavailable`: connected, but no code can be derived. */
export type VerifyState = { kind: 'none' } | { kind: 'code'; code: string } | { kind: 'unavailable' };

/** Connected reports without readable certificates before the page says there is no code. */
export const PATIENCE = 5;

export interface CodeTracker {
  /** The newest stats report (undefined: there is no connection now) and the connection's DTLS view. */
  report(report: StatsLike | undefined, view?: DtlsView): void;
  /** A new connection is being made: the old code no longer describes it. */
  reset(): void;
  readonly state: VerifyState;
  /** The code shown, if any. */
  readonly code: string | undefined;
}

export interface TrackerDeps {
  derive: Derive;
  digest: Digest;
}

const NONE: VerifyState = { kind: 'none' };

export function createCodeTracker(onChange: (state: VerifyState) => void, deps: Partial<TrackerDeps> = {}): CodeTracker {
  const derive = deps.derive ?? ((a, b) => verificationCode(a, b));
  const digest = deps.digest ?? sha256;
  let key: string | undefined;
  let state: VerifyState = NONE;
  let misses = 0;
  let latest = 0; // the newest report read; an older read finishing later is dropped

  const set = (next: VerifyState) => {
    if (next.kind === state.kind && (next.kind !== 'code' || next.code === (state as { code: string }).code)) return;
    state = next;
    onChange(state);
  };
  const reset = () => {
    latest++;
    key = undefined;
    misses = 0;
    set(NONE);
  };

  function apply(pair: ConnectionPair): void {
    if (!pair.ok) {
      if (pair.reason === 'not-connected') return;
      misses++;
      const hopeless = pair.reason !== 'pending' || misses >= PATIENCE;
      if (hopeless && key === undefined) set({ kind: 'unavailable' });
      return;
    }
    misses = 0;
    const next = codeInput(pair.local, pair.remote);
    if (next === key) return;
    key = next;
    set(NONE);
    derive(pair.local, pair.remote).then(
      (code) => key === next && set({ kind: 'code', code }),
      () => key === next && (key = undefined), // try again with the next report
    );
  }

  return {
    report(report, view) {
      if (!report) return reset();
      const read = ++latest;
      connectionFingerprints(report, view, digest).then(
        (pair) => read === latest && apply(pair),
        () => read === latest && apply({ ok: false, reason: 'pending' }),
      );
    },
    reset,
    get state() {
      return state;
    },
    get code() {
      return state.kind === 'code' ? state.code : undefined;
    },
  };
}
