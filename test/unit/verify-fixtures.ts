/**
 * Stats reports for the verification-code tests, shaped like Chromium's
 * (transport → selected candidate pair, local and remote certificate), session
 * descriptions, and a connection's DTLS view.
 */
import type { DtlsView } from '../../src/public/js/verify/connection.js';
import type { Fingerprint, StatsLike } from '../../src/public/js/verify/fingerprints.js';

export const hex = (seed: number) => Array.from({ length: 32 }, (_, i) => ((seed * 31 + i * 7) % 256).toString(16).padStart(2, '0').toUpperCase()).join(':');
export const A: Fingerprint = { algorithm: 'sha-256', value: hex(1) };
export const B: Fingerprint = { algorithm: 'sha-256', value: hex(2) };
export const M: Fingerprint = { algorithm: 'sha-256', value: hex(3) };

export function report(
  local: Fingerprint,
  remote: Fingerprint,
  extra: Array<Record<string, unknown>> = [],
  transport: Record<string, unknown> = {},
): StatsLike {
  const stats = [
    {
      id: 'T01',
      type: 'transport',
      dtlsState: 'connected',
      selectedCandidatePairId: 'CP1',
      localCertificateId: 'CFL',
      remoteCertificateId: 'CFR',
      ...transport,
    },
    { id: 'CP1', type: 'candidate-pair', state: 'succeeded', nominated: true },
    { id: 'CFL', type: 'certificate', fingerprint: local.value, fingerprintAlgorithm: local.algorithm, base64Certificate: 'MII…' },
    { id: 'CFR', type: 'certificate', fingerprint: remote.value, fingerprintAlgorithm: remote.algorithm, base64Certificate: 'MII…' },
    ...extra,
  ];
  return new Map(stats.map((s) => [s.id as string, s]));
}

/** A session description naming these certificates, one a=fingerprint line per media section (as browsers write it). */
export function sdpWith(...prints: Fingerprint[]): string {
  const lines = ['v=0', 'o=- 1 2 IN IP4 127.0.0.1', 's=-', 't=0 0', 'a=group:BUNDLE 0 1'];
  prints.forEach((p, i) =>
    lines.push(`m=${i === 0 ? 'audio' : 'video'} 9 UDP/TLS/RTP/SAVPF 111`, `a=mid:${i}`, `a=fingerprint:${p.algorithm} ${p.value}`, 'a=setup:actpass'),
  );
  return `${lines.join('\r\n')}\r\n`;
}

/** A connection's DTLS view: connected, without getRemoteCertificates() unless given. */
export function view(parts: Partial<DtlsView> = {}): DtlsView {
  return { state: 'connected', remoteCertificates: undefined, localSdp: undefined, remoteSdp: undefined, ...parts };
}
