/**
 * Following the verification code of the connection in use, report after
 * report: derived once per pair of certificates, again when they change,
 * forgotten on a new connection or without one, and never showing a code
 * derived for certificates that are no longer in use.
 */
import { describe, expect, it } from 'vitest';
import { verificationCode } from '../../src/public/js/verify/code.js';
import type { Fingerprint } from '../../src/public/js/verify/fingerprints.js';
import { createCodeTracker } from '../../src/public/js/verify/tracker.js';
import { A, B, M, report } from './verify-fixtures.js';

/** A derivation the test finishes by hand, recording what it was asked. */
function manualDerive() {
  const asked: Array<{ local: Fingerprint; remote: Fingerprint; finish(code: string): void; fail(): void }> = [];
  const derive = (local: Fingerprint, remote: Fingerprint) =>
    new Promise<string>((resolve, reject) => asked.push({ local, remote, finish: resolve, fail: () => reject(new Error('no')) }));
  return { asked, derive };
}
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('the verification code tracker', () => {
  it('shows the code of the certificates in the stats, derived with the real derivation', async () => {
    const shown: Array<string | undefined> = [];
    const tracker = createCodeTracker((code) => shown.push(code));
    tracker.report(report(A, B));
    await expect.poll(() => tracker.code).toBe(await verificationCode(A, B));
    expect(shown).toEqual([await verificationCode(B, A)]);
  });

  it('derives once for the same certificates, however many reports come', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, derive);
    for (let i = 0; i < 5; i++) tracker.report(report(A, B));
    expect(asked).toHaveLength(1);
    asked[0]!.finish('111 111 111');
    await settled();
    tracker.report(report(A, B));
    expect(asked).toHaveLength(1);
    expect(tracker.code).toBe('111 111 111');
  });

  it('derives again when the certificates change, hiding the old code meanwhile', async () => {
    const { asked, derive } = manualDerive();
    const shown: Array<string | undefined> = [];
    const tracker = createCodeTracker((code) => shown.push(code), derive);
    tracker.report(report(A, B));
    asked[0]!.finish('111 111 111');
    await settled();
    tracker.report(report(A, M));
    expect(tracker.code).toBeUndefined();
    expect(asked[1]).toMatchObject({ local: A, remote: M });
    asked[1]!.finish('222 222 222');
    await settled();
    expect(shown).toEqual(['111 111 111', undefined, '222 222 222']);
  });

  it('drops a code that arrives after its certificates were replaced', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, derive);
    tracker.report(report(A, B));
    tracker.report(report(A, M));
    asked[1]!.finish('222 222 222');
    asked[0]!.finish('111 111 111'); // the old pair's derivation ends last
    await settled();
    expect(tracker.code).toBe('222 222 222');
  });

  it('forgets the code without a connection or on reset, and keeps it through a report without a connected transport', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, derive);
    tracker.report(report(A, B));
    asked[0]!.finish('111 111 111');
    await settled();
    tracker.report(report(A, B, [], { dtlsState: 'connecting', selectedCandidatePairId: undefined }));
    expect(tracker.code).toBe('111 111 111');
    tracker.report(undefined);
    expect(tracker.code).toBeUndefined();
    tracker.report(report(A, B)); // the same certificates again after a reset: derived again
    expect(asked).toHaveLength(2);
    asked[1]!.finish('111 111 111');
    await settled();
    tracker.reset();
    expect(tracker.code).toBeUndefined();
  });

  it('tries again with the next report when a derivation fails', async () => {
    const { asked, derive } = manualDerive();
    const tracker = createCodeTracker(() => undefined, derive);
    tracker.report(report(A, B));
    asked[0]!.fail();
    await settled();
    tracker.report(report(A, B));
    expect(asked).toHaveLength(2);
  });
});
