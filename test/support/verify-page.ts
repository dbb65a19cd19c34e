/**
 * Reading the verification code of a call from outside the page: the code the
 * page shows, and the code the test derives itself from the DTLS certificate
 * fingerprints in the page's own getStats() (window.__pcs, browser.ts).
 */
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { verificationCode } from '../../src/public/js/verify/code.js';
import { fingerprintsFromStats } from '../../src/public/js/verify/fingerprints.js';

/** The code `#verify-code` shows once it is visible and not `other` (any code when `other` is undefined). */
export async function shownCode(page: Page, other?: string, timeout = 60_000): Promise<string> {
  let code = '';
  await expect
    .poll(
      async () => {
        const visible = await page.locator('#verify').isVisible();
        code = visible ? ((await page.locator('#verify-code').textContent()) ?? '') : '';
        return /^\d{3} \d{3} \d{3}$/.test(code) && code !== other;
      },
      { timeout, interval: 200 },
    )
    .toBe(true);
  return code;
}

/** The code derived in the test from the certificate stats of the page's newest peer connection. */
export async function codeFromStats(page: Page): Promise<string> {
  const stats = await page.evaluate(async () => {
    const pc = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs.at(-1)!;
    const list: Array<[string, unknown]> = [];
    (await pc.getStats()).forEach((value: { id: string }) => list.push([value.id, value]));
    return list;
  });
  const pair = fingerprintsFromStats(new Map(stats));
  if (!pair.ok) throw new Error(`no fingerprints in the stats: ${pair.reason}`);
  return verificationCode(pair.local, pair.remote);
}
