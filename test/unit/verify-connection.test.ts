/**
 * Which fingerprints the verification code is derived from, in each browser's
 * way: the certificate stats (Chromium), the other side's certificate from
 * getRemoteCertificates() with our own from our local description (Firefox), and
 * the applied descriptions once DTLS is connected where nothing else is exposed.
 * Whatever the sources, both sides of one connection derive the same code.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { verificationCode } from '../../src/public/js/verify/code.js';
import { connectionFingerprints, type ConnectionPair } from '../../src/public/js/verify/connection.js';
import { fingerprintOfDer, fingerprintsFromSdp, type Fingerprint } from '../../src/public/js/verify/fingerprints.js';
import { testTls } from '../support/server.js';
import { A, B, M, report, sdpWith, view } from './verify-fixtures.js';

const digest = async (data: ArrayBuffer) => {
  const hash = createHash('sha256').update(new Uint8Array(data)).digest();
  return hash.buffer.slice(hash.byteOffset, hash.byteOffset + hash.byteLength);
};
const pair = (report: Parameters<typeof connectionFingerprints>[0], v?: Parameters<typeof connectionFingerprints>[1]) =>
  connectionFingerprints(report, v, digest);

/** Firefox's transport stat: connected, a selected pair, no certificate ids. */
const firefoxStats = () => report(A, B, [], { localCertificateId: undefined, remoteCertificateId: undefined });

/** Two real certificates (the run's CA and server certificate): DER bytes and their SHA-256 fingerprints. */
function realCertificates(): Array<{ der: ArrayBuffer; print: Fingerprint }> {
  const tls = testTls();
  return [tls.ca, tls.cert].map((pem) => {
    const x = new X509Certificate(pem);
    const der = x.raw.buffer.slice(x.raw.byteOffset, x.raw.byteOffset + x.raw.byteLength);
    return { der, print: { algorithm: 'sha-256', value: x.fingerprint256 } };
  });
}

const codeOf = async (p: ConnectionPair) => {
  if (!p.ok) throw new Error(p.reason);
  return verificationCode(p.local, p.remote);
};

describe('the fingerprints of the connection in use', () => {
  it('are the certificate stats where the browser has them', async () => {
    expect(await pair(report(A, B))).toEqual({ ok: true, local: A, remote: B });
    expect(await pair(report(A, B), view({ remoteSdp: sdpWith(M), localSdp: sdpWith(M) }))).toEqual({ ok: true, local: A, remote: B });
  });

  it('hash the certificate the other side presented as an a=fingerprint line writes it', async () => {
    const [ca] = realCertificates();
    expect(await fingerprintOfDer(ca!.der, digest)).toEqual(ca!.print);
  });

  it('take the remote certificate from getRemoteCertificates() and ours from our local description (Firefox)', async () => {
    const [theirs, ours] = realCertificates();
    const v = view({ remoteCertificates: [theirs!.der], localSdp: sdpWith(ours!.print), remoteSdp: sdpWith(M) });
    expect(await pair(firefoxStats(), v)).toEqual({ ok: true, local: ours!.print, remote: theirs!.print });
  });

  it('give both sides of a Firefox-Chromium call the same code', async () => {
    const [firefox, chromium] = realCertificates();
    const onChromium = await pair(report(chromium!.print, firefox!.print), view({ remoteCertificates: [firefox!.der] }));
    const onFirefox = await pair(firefoxStats(), view({ remoteCertificates: [chromium!.der], localSdp: sdpWith(firefox!.print, firefox!.print) }));
    expect(await codeOf(onFirefox)).toBe(await codeOf(onChromium));
  });

  it('use the remote certificate when the stats lack it for a while (Chromium)', async () => {
    const [theirs] = realCertificates();
    const stats = report(A, B, [], { remoteCertificateId: undefined });
    expect(await pair(stats, view({ remoteCertificates: [theirs!.der] }))).toEqual({ ok: true, local: A, remote: theirs!.print });
  });

  it('wait, rather than read a description, while getRemoteCertificates() has nothing yet', async () => {
    expect(await pair(firefoxStats(), view({ remoteCertificates: [], localSdp: sdpWith(A), remoteSdp: sdpWith(B) }))).toEqual({ ok: false, reason: 'pending' });
    expect(await pair(report(A, B, [], { remoteCertificateId: undefined }))).toEqual({ ok: false, reason: 'pending' });
  });

  it('come from the applied descriptions once DTLS is connected where nothing else is exposed', async () => {
    const v = view({ localSdp: sdpWith(A, A), remoteSdp: sdpWith(B, B) }); // one line per media section
    expect(await pair(new Map(), v)).toEqual({ ok: true, local: A, remote: B });
    expect(await pair(new Map(), { ...v, state: 'connecting' })).toEqual({ ok: false, reason: 'not-connected' });
    expect(await pair(firefoxStats(), { ...v, state: 'connecting' })).toEqual({ ok: true, local: A, remote: B }); // the stats say connected
  });

  it('are refused when the remote description names more than one certificate', async () => {
    expect(await pair(new Map(), view({ localSdp: sdpWith(A), remoteSdp: sdpWith(B, M) }))).toEqual({ ok: false, reason: 'ambiguous' });
    const sha1: Fingerprint = { algorithm: 'sha-1', value: B.value.slice(0, 59) };
    expect(await pair(new Map(), view({ localSdp: sdpWith(A), remoteSdp: sdpWith(B, sha1) }))).toEqual({ ok: false, reason: 'ambiguous' });
  });

  it('are unavailable when the descriptions name no SHA-256 certificate or a malformed one', async () => {
    const sha1: Fingerprint = { algorithm: 'sha-1', value: B.value.slice(0, 59) };
    expect(await pair(new Map(), view({ localSdp: sdpWith(A), remoteSdp: sdpWith(sha1) }))).toEqual({ ok: false, reason: 'unavailable' });
    expect(await pair(new Map(), view({ localSdp: sdpWith(A), remoteSdp: 'v=0\r\na=fingerprint:sha-256 XYZ\r\n' }))).toEqual({
      ok: false,
      reason: 'unavailable',
    });
    expect(await pair(new Map(), view({ localSdp: sdpWith(A) }))).toEqual({ ok: false, reason: 'unavailable' });
  });

  it('are nothing while DTLS is not connected', async () => {
    expect(await pair(new Map())).toEqual({ ok: false, reason: 'not-connected' });
    expect(await pair(report(A, B, [], { dtlsState: 'connecting' }), view({ state: 'connecting', remoteCertificates: [] }))).toEqual({
      ok: false,
      reason: 'not-connected',
    });
  });
});

describe('the a=fingerprint lines of a description', () => {
  it('are read once each, normalised, and undefined when one is malformed', () => {
    expect(fingerprintsFromSdp(sdpWith(A, A, B))).toEqual([A, B]);
    expect(fingerprintsFromSdp(`a=fingerprint:SHA-256 ${A.value.toLowerCase()}\r\n`)).toEqual([A]);
    expect(fingerprintsFromSdp('v=0\r\n')).toEqual([]);
    expect(fingerprintsFromSdp(`a=fingerprint:sha-256 ${A.value} extra\r\n`)).toBeUndefined();
    expect(fingerprintsFromSdp('a=fingerprint:sha-256\r\n')).toBeUndefined();
  });
});
