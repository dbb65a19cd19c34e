/**
 * The verification code: read from the certificate stats of the selected
 * transport, the same on both sides of one connection, different as soon as
 * either certificate differs (a relay in the middle, or a new connection).
 */
import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CODE_ITERATIONS, codeInput, formatCode, verificationCode } from '../../src/public/js/verify/code.js';
import { fingerprintsFromStats, readFingerprint, type Fingerprint, type StatsLike } from '../../src/public/js/verify/fingerprints.js';
import { A, B, M, report } from './verify-fixtures.js';

// A real stats report must fit what the extraction reads.
const _fits = (report: RTCStatsReport): StatsLike => report;
void _fits;

const codeOf = async (stats: StatsLike) => {
  const pair = fingerprintsFromStats(stats);
  if (!pair.ok) throw new Error(pair.reason);
  return verificationCode(pair.local, pair.remote);
};

describe('reading the fingerprints from getStats()', () => {
  it('follows the transport to its selected pair and its two certificates', () => {
    expect(fingerprintsFromStats(report(A, B))).toEqual({ ok: true, local: A, remote: B });
  });

  it('uses the connected transport with a selected pair, not another one', () => {
    const stale = { id: 'T02', type: 'transport', dtlsState: 'new', selectedCandidatePairId: 'CP1', localCertificateId: 'CFX', remoteCertificateId: 'CFX' };
    const orphan = {
      id: 'T00',
      type: 'transport',
      dtlsState: 'connected',
      selectedCandidatePairId: 'CP9',
      localCertificateId: 'CFX',
      remoteCertificateId: 'CFX',
    };
    const other = { id: 'CFX', type: 'certificate', fingerprint: M.value, fingerprintAlgorithm: 'sha-256' };
    const stats = new Map<string, unknown>([
      ['T00', orphan],
      ['T02', stale],
    ]);
    report(A, B, [other]).forEach((v, k) => stats.set(k, v));
    expect(fingerprintsFromStats(stats)).toEqual({ ok: true, local: A, remote: B });
  });

  it('says why when there is no connected transport, certificate or readable fingerprint', () => {
    expect(fingerprintsFromStats(new Map())).toEqual({ ok: false, reason: 'no-transport' });
    expect(fingerprintsFromStats(report(A, B, [], { selectedCandidatePairId: undefined }))).toEqual({ ok: false, reason: 'no-transport' });
    expect(fingerprintsFromStats(report(A, B, [], { selectedCandidatePairId: 'CFL' }))).toEqual({ ok: false, reason: 'no-transport' }); // not a pair
    expect(fingerprintsFromStats(report(A, B, [], { dtlsState: 'connecting' }))).toEqual({ ok: false, reason: 'no-transport' });
    expect(fingerprintsFromStats(report(A, B, [], { remoteCertificateId: undefined }))).toEqual({ ok: false, reason: 'no-certificate' });
    expect(fingerprintsFromStats(report(A, B, [], { remoteCertificateId: 'CP1' }))).toEqual({ ok: false, reason: 'no-certificate' });
    expect(fingerprintsFromStats(report(A, { algorithm: 'sha-256', value: 'AB:CD' }))).toEqual({ ok: false, reason: 'bad-fingerprint' });
    expect(fingerprintsFromStats(report(A, { algorithm: 'sha 256!', value: B.value }))).toEqual({ ok: false, reason: 'bad-fingerprint' });
  });

  it('normalises case and rejects what is not hex pairs', () => {
    expect(readFingerprint('SHA-256', B.value.toLowerCase())).toEqual(B);
    for (const value of ['', 'ABCD', `${B.value}:`, B.value.replace(/:/gu, ''), B.value.replace('0', 'G'), 5])
      expect(readFingerprint('sha-256', value)).toBeUndefined();
    expect(readFingerprint(undefined, B.value)).toBeUndefined();
  });
});

describe('the code', () => {
  it('is nine digits in three groups', async () => {
    expect(await verificationCode(A, B)).toMatch(/^\d{3} \d{3} \d{3}$/u);
    expect(formatCode('012345678')).toBe('012 345 678');
  });

  it("is the same on both sides: each sees the other's certificate as remote", async () => {
    const mine = await codeOf(report(A, B));
    const theirs = await codeOf(report(B, A));
    expect(theirs).toBe(mine);
    expect(await codeOf(report({ ...A, value: A.value.toLowerCase() }, B))).toBe(mine);
  });

  it('changes when either certificate changes (a new connection, or a relay in the middle)', async () => {
    const honest = await codeOf(report(A, B));
    const flip = (f: Fingerprint): Fingerprint => ({ ...f, value: (f.value.startsWith('00') ? '01' : '00') + f.value.slice(2) });
    expect(await codeOf(report(flip(A), B))).not.toBe(honest);
    expect(await codeOf(report(A, flip(B)))).not.toBe(honest);
    expect(await codeOf(report(A, { ...B, algorithm: 'sha-384' }))).not.toBe(honest);
    // A man in the middle holds a connection with each person, with his own certificate M in both.
    const aliceSees = await codeOf(report(A, M));
    const bobSees = await codeOf(report(B, M));
    expect(aliceSees).not.toBe(bobSees);
  });

  it('is PBKDF2-HMAC-SHA-256 of the sorted fingerprints, as docs/page.md says', async () => {
    const input = codeInput(B, A);
    expect(input).toBe(`sha-256 ${A.value}\nsha-256 ${B.value}`);
    const bits = pbkdf2Sync(input, 'duet verification code v1', CODE_ITERATIONS, 8, 'sha256');
    const digits = (bits.readBigUInt64BE(0) % 1_000_000_000n).toString().padStart(9, '0');
    expect(await verificationCode(A, B)).toBe(formatCode(digits));
  });
});
