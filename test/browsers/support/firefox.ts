/**
 * Stock Firefox (Debian's firefox-esr) for the cross-engine tests, driven over
 * WebDriver BiDi by puppeteer-core. Fake camera and microphone come from
 * Firefox's own prefs; the run's CA is trusted the way an administrator would
 * trust it, by adding it to a fresh profile's certificate store with NSS's
 * certutil (libnss3-tools): no certificate check is switched off. The factory
 * removes the profile when Firefox closes.
 * When Firefox or certutil is missing the suite prints a loud notice and is
 * skipped, unless REQUIRE_BROWSER=1, in which case it runs and fails at launch.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const CERTUTIL_PATH = process.env.CERTUTIL_PATH ?? '/usr/bin/certutil';

/** Prefs of a test caller: fake devices without a prompt, calls without a click first, nothing fetched from the internet. */
export const FIREFOX_PREFS: Readonly<Record<string, unknown>> = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  // the fake camera films at 30 frames a second by default, at the 1280x720 duet asks for: 10, as the
  // Chromium of the tests (test/support/fake-camera.ts), a third of the frames to draw, encode and decode
  'media.navigator.video.default_fps': 10,
  // Firefox answers enumerateDevices() only in the focused window; every person here shares one Firefox, so
  // only one window has focus, while in real life each person's browser has theirs (Mozilla's own tests set it too)
  'media.devices.unfocused.enabled': true,
  'media.autoplay.default': 0, // as Chromium's --autoplay-policy=no-user-gesture-required in test/support/browser.ts
  'media.autoplay.blocking_policy': 0,
  'browser.shell.checkDefaultBrowser': false,
  'app.update.disabledForTesting': true,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
};

/** True when Firefox tests should run; prints the notice when they will not. */
export function firefoxTestsEnabled(): boolean {
  const missing = [FIREFOX_PATH, CERTUTIL_PATH].filter((path) => !existsSync(path));
  if (missing.length === 0) return true;
  if (process.env.REQUIRE_BROWSER === '1') return true; // launch will fail loudly
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! ${missing.join(' and ')} not found: FIREFOX TESTS SKIPPED.\n!! Install them (apt-get install firefox-esr libnss3-tools) or set REQUIRE_BROWSER=1 to make this a failure.\n${line}\n`,
  );
  return false;
}

/** A new Firefox profile whose certificate store trusts `caPem` to identify web sites. */
export function profileTrusting(caPem: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'duet-firefox-'));
  const caFile = join(dir, 'duet-test-ca.pem');
  writeFileSync(caFile, caPem);
  execFileSync(CERTUTIL_PATH, ['-N', '--empty-password', '-d', `sql:${dir}`]);
  execFileSync(CERTUTIL_PATH, ['-A', '-n', 'duet test CA', '-t', 'C,,', '-i', caFile, '-d', `sql:${dir}`]);
  return dir;
}

export interface Firefox {
  browser: Browser;
  close(): Promise<void>;
}

/** Headless Firefox trusting the run's CA (`caPem`); close() stops it and removes its profile. */
export async function launchFirefox(caPem: string): Promise<Firefox> {
  for (const path of [FIREFOX_PATH, CERTUTIL_PATH]) if (!existsSync(path)) throw new Error(`REQUIRE_BROWSER=1 but ${path} is missing`);
  const profile = profileTrusting(caPem);
  try {
    const browser = await puppeteer.launch({
      browser: 'firefox',
      executablePath: FIREFOX_PATH,
      headless: true,
      userDataDir: profile,
      extraPrefsFirefox: { ...FIREFOX_PREFS },
      protocolTimeout: 180_000,
    });
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
