/**
 * The two DTLS certificate fingerprints a connection really uses, read from
 * getStats() (not from the SDP text, which the signaling server relays and
 * could have rewritten): the transport with a selected candidate pair names
 * its local and remote certificate stats, which carry the fingerprints.
 */

export interface Fingerprint {
  /** Lowercase hash name as in SDP, e.g. "sha-256". */
  algorithm: string;
  /** Uppercase hex bytes joined by colons, e.g. "AB:01:…". */
  value: string;
}

export type FingerprintPair = { ok: true; local: Fingerprint; remote: Fingerprint } | { ok: false; reason: 'no-transport' | 'no-certificate' | 'bad-fingerprint' };

/** What is used of an RTCStatsReport (a Map of id → stats object). */
export interface StatsLike {
  get(id: string): unknown;
  forEach(callback: (value: unknown, key: string) => void): void;
}

type Stat = Record<string, unknown>;
const asStat = (v: unknown): Stat | undefined => (v && typeof v === 'object' ? (v as Stat) : undefined);
const ALGORITHM = /^[a-z0-9-]{1,16}$/u;
const HEX_PAIRS = /^[0-9A-F]{2}(:[0-9A-F]{2}){15,63}$/u; // 16 to 64 bytes: sha-1 is 20, sha-512 is 64

/** Normalises one fingerprint (algorithm lowercased, hex uppercased); undefined when malformed. */
export function readFingerprint(algorithm: unknown, value: unknown): Fingerprint | undefined {
  if (typeof algorithm !== 'string' || typeof value !== 'string') return undefined;
  const a = algorithm.trim().toLowerCase();
  const v = value.trim().toUpperCase();
  return ALGORITHM.test(a) && HEX_PAIRS.test(v) ? { algorithm: a, value: v } : undefined;
}

/**
 * Finds the transport whose DTLS is connected (or does not say) and has a
 * selected candidate pair present in the report, then its two certificates.
 */
export function fingerprintsFromStats(report: StatsLike): FingerprintPair {
  const transports: Stat[] = [];
  report.forEach((value) => {
    const stat = asStat(value);
    if (stat?.type === 'transport') transports.push(stat);
  });
  const transport = transports.find(
    (t) => typeof t.selectedCandidatePairId === 'string' && asStat(report.get(t.selectedCandidatePairId))?.type === 'candidate-pair' && (t.dtlsState === undefined || t.dtlsState === 'connected'),
  );
  if (!transport) return { ok: false, reason: 'no-transport' };
  const certificate = (id: unknown) => (typeof id === 'string' ? asStat(report.get(id)) : undefined);
  const local = certificate(transport.localCertificateId);
  const remote = certificate(transport.remoteCertificateId);
  if (local?.type !== 'certificate' || remote?.type !== 'certificate') return { ok: false, reason: 'no-certificate' };
  const localPrint = readFingerprint(local.fingerprintAlgorithm, local.fingerprint);
  const remotePrint = readFingerprint(remote.fingerprintAlgorithm, remote.fingerprint);
  if (!localPrint || !remotePrint) return { ok: false, reason: 'bad-fingerprint' };
  return { ok: true, local: localPrint, remote: remotePrint };
}
