/**
 * Follows the verification code of the connection in use, report after report:
 * whenever the pair of DTLS fingerprints in getStats() changes (a new peer
 * connection, or an ICE restart that brought new certificates), the code is
 * derived again; reset() forgets it when the session makes a new connection.
 * Reports without a connected transport keep the code shown (a brief network
 * gap on the same connection does not change its certificates).
 */
import { codeInput, verificationCode } from './code.js';
import { fingerprintsFromStats, type Fingerprint, type StatsLike } from './fingerprints.js';

export type Derive = (local: Fingerprint, remote: Fingerprint) => Promise<string>;

export interface CodeTracker {
  /** The newest stats report (undefined: there is no connection now). */
  report(report: StatsLike | undefined): void;
  /** A new connection is being made: the old code no longer describes it. */
  reset(): void;
  readonly code: string | undefined;
}

export function createCodeTracker(onChange: (code: string | undefined) => void, derive: Derive = (a, b) => verificationCode(a, b)): CodeTracker {
  let key: string | undefined;
  let code: string | undefined;
  const set = (next: string | undefined) => {
    if (next === code) return;
    code = next;
    onChange(code);
  };
  const reset = () => {
    key = undefined;
    set(undefined);
  };
  return {
    report(report) {
      if (!report) return reset();
      const pair = fingerprintsFromStats(report);
      if (!pair.ok) return;
      const next = codeInput(pair.local, pair.remote);
      if (next === key) return;
      key = next;
      set(undefined);
      derive(pair.local, pair.remote).then(
        (derived) => key === next && set(derived),
        () => key === next && (key = undefined), // try again with the next report
      );
    },
    reset,
    get code() {
      return code;
    },
  };
}
