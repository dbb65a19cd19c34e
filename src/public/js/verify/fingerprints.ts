/**
 * Reading DTLS certificate fingerprints where browsers expose them: the
 * certificate stats of getStats() (Chromium, Safari), a certificate's DER
 * bytes hashed here (RTCDtlsTransport.getRemoteCertificates()), and the
 * a=fingerprint lines of a session description. verify/connection.ts decides
 * which of them to trust for the connection in use.
 */

export interface Fingerprint {
  /** Lowercase hash name as in SDP, e.g. "sha-256". */
  algorithm: string;
  /** Uppercase hex bytes joined by colons, e.g. "AB:01:…". */
  value: string;
}

export type FingerprintPair =
  { ok: true; local: Fingerprint; remote: Fingerprint } | { ok: false; reason: 'no-transport' | 'no-certificate' | 'bad-fingerprint' };

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

function connectedTransport(report: StatsLike): Stat | undefined {
  const transports: Stat[] = [];
  report.forEach((value) => {
    const stat = asStat(value);
    if (stat?.type === 'transport') transports.push(stat);
  });
  return transports.find(
    (t) =>
      typeof t.selectedCandidatePairId === 'string' &&
      asStat(report.get(t.selectedCandidatePairId))?.type === 'candidate-pair' &&
      (t.dtlsState === undefined || t.dtlsState === 'connected'),
  );
}

/**
 * Finds the transport whose DTLS is connected (or does not say) and has a
 * selected candidate pair present in the report, then its two certificates.
 */
export function fingerprintsFromStats(report: StatsLike): FingerprintPair {
  const transport = connectedTransport(report);
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

/** The hash the code is derived from: every engine offers it, in its stats and in its descriptions. */
export const CODE_ALGORITHM = 'sha-256';

/** The fingerprint of a certificate from its DER bytes, as an SDP a=fingerprint line writes it. */
export async function fingerprintOfDer(der: ArrayBuffer, digest: (data: ArrayBuffer) => Promise<ArrayBuffer>): Promise<Fingerprint> {
  const bytes = new Uint8Array(await digest(der));
  const value = Array.from(bytes, (b) => b.toString(16).padStart(2, '0').toUpperCase()).join(':');
  return { algorithm: CODE_ALGORITHM, value };
}

/**
 * The distinct fingerprints named by a description's a=fingerprint lines (session
 * level and every media section). A browser names one certificate, once or once per
 * section; more than one distinct entry means someone added lines.
 * undefined: a line that is not a fingerprint.
 */
export function fingerprintsFromSdp(sdp: string): Fingerprint[] | undefined {
  const found = new Map<string, Fingerprint>();
  for (const line of sdp.split(/\r?\n/u)) {
    if (!line.startsWith('a=fingerprint:')) continue;
    const [algorithm, value, ...rest] = line.slice('a=fingerprint:'.length).trim().split(/\s+/u);
    const print = rest.length === 0 ? readFingerprint(algorithm, value) : undefined;
    if (!print) return undefined;
    found.set(`${print.algorithm} ${print.value}`, print);
  }
  return [...found.values()];
}

/** Each certificate stat of the connected transport, whether or not the other one is there yet. */
export function certificatesFromStats(report: StatsLike): { connected: boolean; local?: Fingerprint; remote?: Fingerprint } {
  const transport = connectedTransport(report);
  if (!transport) return { connected: false };
  const read = (id: unknown) => {
    const stat = typeof id === 'string' ? asStat(report.get(id)) : undefined;
    return stat?.type === 'certificate' ? readFingerprint(stat.fingerprintAlgorithm, stat.fingerprint) : undefined;
  };
  return { connected: true, local: read(transport.localCertificateId), remote: read(transport.remoteCertificateId) };
}
