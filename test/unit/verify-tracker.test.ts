/**
 * Following the verification code of the connection in use, report after
 * report: derived once per pair of certificates, again when they change,
 * forgotten on a new connection or without one, never showing a code
 * derived for certificates that are no longer in use, retried while the
 * certificates are not readable yet, and said in words when none can be derived.
 */
import { describe, expect, it } from 'vitest';
import { verificationCode } from '../../src/public/js/verify/code.js';
import type { Fingerprint } from '../../src/public/js/verify/fingerprints.js';
import { createCodeTracker, PATIENCE, type VerifyState } from '../../src/public/js/verify/tracker.js';
import { A, B, M, report, sdpWith, view } from './verify-fixtures.js';

/** A derivation the test finishes by hand, recording what it was asked. */
function manualDerive() {
  const asked: Array<{ local: Fingerprint; remote: Fingerprint; finish(code: string): void; fail(): void }> = [];
  const derive = (local: Fingerprint, remote: Fingerprint) =>
    new Promise<string>((resolve, reject) => asked.push({ local, remote, finish: resolve, fail: () => reject(new Error('no')) }));
  return { asked, derive };
}
const settled = () => new Promise((r) => setTimeout(r, 0));
const codes = (shown: VerifyState[]) => shown.map((s) => (s.kind === 'code' ? s.code : s.kind));

describe('the verification code tracker', () => {
  it('shows the code of the certificates in the stats, derived with the real derivation', async () => {
    const shown: VerifyState[] = [];
    const tracker = createCodeTracker((state) => shown.push(state));
    tracker.report(report(A, B));
    await expect.poll(() => tracker.code).toBe(await verificationCode(A, B));
    expect(codes(shown)).toEqual([await verificationCode(B, A)]);
  });

  it('derives once for the same certificates, however many reports come', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, { derive });
    for (let i = 0; i < 5; i++) {
      tracker.report(report(A, B));
      await settled();
    }
    expect(asked).toHaveLength(1);
    asked[0]!.finish('111 111 111');
    await settled();
    tracker.report(report(A, B));
    await settled();
    expect(asked).toHaveLength(1);
    expect(tracker.code).toBe('111 111 111');
  });

  it('derives again when the certificates change, hiding the old code meanwhile', async () => {
    const { asked, derive } = manualDerive();
    const shown: VerifyState[] = [];
    const tracker = createCodeTracker((state) => shown.push(state), { derive });
    tracker.report(report(A, B));
    await settled();
    asked[0]!.finish('111 111 111');
    await settled();
    tracker.report(report(A, M));
    await settled();
    expect(tracker.code).toBeUndefined();
    expect(asked[1]).toMatchObject({ local: A, remote: M });
    asked[1]!.finish('222 222 222');
    await settled();
    expect(codes(shown)).toEqual(['111 111 111', 'none', '222 222 222']);
  });

  it('drops a code that arrives after its certificates were replaced', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, { derive });
    tracker.report(report(A, B));
    await settled();
    tracker.report(report(A, M));
    await settled();
    asked[1]!.finish('222 222 222');
    asked[0]!.finish('111 111 111'); // the old pair's derivation ends last
    await settled();
    expect(tracker.code).toBe('222 222 222');
  });

  it('forgets the code without a connection or on reset, and keeps it through a report without a connected transport', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, { derive });
    tracker.report(report(A, B));
    await settled();
    asked[0]!.finish('111 111 111');
    await settled();
    tracker.report(report(A, B, [], { dtlsState: 'connecting', selectedCandidatePairId: undefined }));
    await settled();
    expect(tracker.code).toBe('111 111 111');
    tracker.report(undefined);
    expect(tracker.code).toBeUndefined();
    tracker.report(report(A, B)); // the same certificates again after a reset: derived again
    await settled();
    expect(asked).toHaveLength(2);
    asked[1]!.finish('111 111 111');
    await settled();
    tracker.reset();
    expect(tracker.code).toBeUndefined();
  });

  it('drops a read that finishes after a reset (the old connection)', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, { derive });
    tracker.report(report(A, B));
    tracker.reset(); // before the read above finished
    await settled();
    expect(asked).toHaveLength(0);
    expect(tracker.state).toEqual({ kind: 'none' });
  });

  it('tries again with the next report when a derivation fails', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, { derive });
    tracker.report(report(A, B));
    await settled();
    asked[0]!.fail();
    await settled();
    tracker.report(report(A, B));
    await settled();
    expect(asked).toHaveLength(2);
  });

  it('tries every report while the remote certificate is missing, and shows the code once it is there', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, { derive });
    for (let i = 0; i < PATIENCE - 1; i++) {
      tracker.report(report(A, B, [], { remoteCertificateId: undefined })); // Chromium, now and then
      await settled();
    }
    expect(tracker.state).toEqual({ kind: 'none' });
    tracker.report(report(A, B));
    await settled();
    asked[0]!.finish('111 111 111');
    await settled();
    expect(tracker.code).toBe('111 111 111');
  });

  it('says there is no code after a few connected reports without certificates, then shows one when they come', async () => {
    const { asked, derive } = manualDerive();
    const shown: VerifyState[] = [];
    const tracker = createCodeTracker((state) => shown.push(state), { derive });
    for (let i = 0; i < PATIENCE; i++) {
      tracker.report(report(A, B, [], { remoteCertificateId: undefined }));
      await settled();
    }
    expect(tracker.state).toEqual({ kind: 'unavailable' });
    tracker.report(report(A, B));
    await settled();
    asked[0]!.finish('111 111 111');
    await settled();
    expect(codes(shown)).toEqual(['unavailable', 'none', '111 111 111']);
  });

  it('says at once that there is no code when the remote description names two certificates and nothing else is exposed', async () => {
    const tracker = createCodeTracker(() => undefined);
    const twoPrints = sdpWith(B, M);
    tracker.report(new Map(), view({ remoteSdp: twoPrints, localSdp: sdpWith(A) }));
    await settled();
    expect(tracker.state).toEqual({ kind: 'unavailable' });
  });

  it('shows nothing while DTLS is not connected', async () => {
    const tracker = createCodeTracker(() => undefined);
    for (let i = 0; i < PATIENCE + 1; i++) {
      tracker.report(new Map(), view({ state: 'connecting', remoteCertificates: [] }));
      await settled();
    }
    expect(tracker.state).toEqual({ kind: 'none' });
  });
});
