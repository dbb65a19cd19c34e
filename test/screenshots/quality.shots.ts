/**
 * Screenshots of the audio-first ladder's notice and of audio only, desktop 1280x800 and phone
 * 390x844, English and Chinese. Loopback has no thin link, so the desktop page's stats report a
 * bandwidth estimate of 80 kbit/s once `window.__thin` is set (an init script on getStats): its
 * ladder then pauses its video for real and tells the phone page, as on a 100 kbit/s link.
 */
import type { Browser, Page } from 'playwright-core';
import { describe, it } from 'vitest';
import { newPerson } from '../support/browser.js';
import { expectMediaFlowing } from '../support/page-call.js';
import { browserSuite } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';

const OUT = 'docs/screenshots';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

const THIN_ESTIMATE = `{
  const real = RTCPeerConnection.prototype.getStats;
  RTCPeerConnection.prototype.getStats = async function (...args) {
    const report = await real.apply(this, args);
    if (!window.__thin) return report;
    const patched = new Map();
    report.forEach((value, key) => patched.set(key, value.type === 'candidate-pair' ? { ...value, availableOutgoingBitrate: 80000 } : value));
    return patched;
  };
}`;

describe('screenshots of a thin link and of audio only', () => {
  let server: Running;
  let browser: Browser;

  browserSuite((s, b) => ((server = s), (browser = b)), []); // one server and one Chromium for the file

  async function join(room: string, name: string, viewport: { width: number; height: number }, locale: string, init?: string): Promise<Page> {
    const { page } = await newPerson(browser, { viewport, locale });
    if (init) await page.addInitScript(init);
    await page.goto(`${server.url}/r/${room}`, { timeout: 120_000 });
    await page.locator('#join:not([disabled])').waitFor({ timeout: 60_000 });
    await page.fill('#name', name);
    await page.click('#join');
    return page;
  }

  const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const shown = (page: Page, selector: string) => page.locator(selector).waitFor({ state: 'visible', timeout: 60_000 });

  for (const [desktopLang, phoneLang] of [
    ['en', 'zh'],
    ['zh', 'en'],
  ] as const) {
    it(`the notice and audio only: desktop ${desktopLang}, phone ${phoneLang}`, async () => {
      const room = `thin-${desktopLang}`;
      const locale = (lang: string) => (lang === 'zh' ? 'zh-CN' : 'en-US');
      const suffix = (lang: string) => (lang === 'zh' ? '-zh' : '');
      const desktop = await join(room, desktopLang === 'zh' ? '小明' : 'Alice', DESKTOP, locale(desktopLang), THIN_ESTIMATE);
      const phone = await join(room, phoneLang === 'zh' ? '小红' : 'Bob', PHONE, locale(phoneLang));
      await Promise.all([expectMediaFlowing(desktop), expectMediaFlowing(phone)]);
      await desktop.evaluate(() => ((window as unknown as { __thin: boolean }).__thin = true));
      await Promise.all([shown(desktop, '#quality-notice'), shown(phone, '#quality-notice'), shown(phone, '#remote-off')]);
      await settle(1500);
      await desktop.screenshot({ path: `${OUT}/desktop-quality-notice${suffix(desktopLang)}.png` });
      await phone.screenshot({ path: `${OUT}/phone-quality-notice${suffix(phoneLang)}.png` });
      await desktop.evaluate(() => ((window as unknown as { __thin: boolean }).__thin = false));
      await Promise.all([
        desktop.locator('#quality-notice').waitFor({ state: 'hidden', timeout: 60_000 }),
        phone.locator('#quality-notice').waitFor({ state: 'hidden', timeout: 60_000 }),
      ]);
      await phone.click('#audio-only');
      await Promise.all([shown(desktop, '#badge-audio-only'), shown(desktop, '#remote-off'), shown(phone, '#remote-off')]);
      await settle(1500);
      await desktop.screenshot({ path: `${OUT}/desktop-audio-only${suffix(desktopLang)}.png` });
      await phone.screenshot({ path: `${OUT}/phone-audio-only${suffix(phoneLang)}.png` });
      await Promise.all([desktop.context().close(), phone.context().close()]);
    }, 300_000);
  }
});
