/**
 * How the tests start Debian's Chromium: fake camera and microphone, no calls home (this machine
 * has no internet), and trust for one server certificate only (by its SPKI hash). Free of vitest,
 * so the global set-up can start the run's shared Chromium with the same flags.
 */
import { createHash, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';

/**
 * Which Chromium a test wants: `shell`, Chromium's headless shell (Debian's `chromium-headless-shell`,
 * the same version of the same engine, the page's HTML, JavaScript and WebRTC, without the browser
 * around the pages: windows, tabs, profile services), the one every test gets unless it asks; or
 * `browser`, Debian's `chromium` itself, for what only the whole browser does: choosing the audio
 * output (the shell has no audio output devices, `setSinkId` leaves `sinkId` empty) and installing
 * the app. Measured on this machine, a person (a context, the room page, a call joined) costs the
 * shell about 1.7 core-seconds against 2.7 for the whole browser; a live call costs both the same.
 */
export type ChromiumKind = 'shell' | 'browser';

/**
 * The executable for `kind`: `CHROMIUM_PATH` (default `/usr/bin/chromium`) for the whole browser;
 * `CHROMIUM_SHELL_PATH` (default `/usr/bin/chromium-headless-shell`) for the shell when that file
 * exists, else the whole browser too (an empty `CHROMIUM_SHELL_PATH` runs everything in it).
 */
export function chromiumPath(kind: ChromiumKind = 'shell', env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const browser = env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (kind === 'browser') return browser;
  const shell = env.CHROMIUM_SHELL_PATH ?? '/usr/bin/chromium-headless-shell';
  return shell && exists(shell) ? shell : browser;
}

/**
 * Features the test Chromium runs without. Chromium keeps only the last `--disable-features` on its
 * command line and Playwright puts its own list first, so this one repeats Playwright's (playwright-core
 * 1.65: no calls home, no HTTPS upgrades, no paint holding, …) and adds one of ours: the whole browser
 * (Chromium 156) renders the omnibox popup of every new window as WebUI pages in a renderer of their
 * own, headless or not, about 1.4 s of CPU for each browser context a test opens there (measured: a
 * context's first page cost 2.4 s of CPU with them and 0.7-0.8 s without). The headless shell has no
 * omnibox; the list is the same for both kinds.
 */
export const DISABLED_FEATURES: readonly string[] = [
  // Playwright's
  'AvoidUnnecessaryBeforeUnloadCheckSync',
  'DestroyProfileOnBrowserClose',
  'HttpsUpgrades',
  'HttpsFirstBalancedModeAutoEnable',
  'LensOverlay',
  'MediaRouter',
  'PaintHolding',
  'ThirdPartyStoragePartitioning',
  'AvoidCorsURLLoaderRestartOnRedirect',
  'OptimizationHints',
  'NetworkTimeServiceQuerying',
  'AimEnabled',
  'PreconnectToSearch',
  // ours
  'WebUIOmniboxPopup',
  'WebUIOmniboxAimPopup',
  'WebUIOmniboxFullPopup',
];

/** Headless Chromium as a test caller: fake camera and microphone, no calls home. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--use-fake-ui-for-media-stream',
  // the fake camera at 10 frames a second instead of 20: every call in the suite encodes and decodes half the video
  '--use-fake-device-for-media-stream=fps=10',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${DISABLED_FEATURES.join(',')}`,
];

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/** With `camera`, that Y4M clip as the only camera instead of the built-in fake (fake-camera.ts); none without. */
export function cameraArgs(camera?: string): string[] {
  return camera ? [`--use-file-for-fake-video-capture=${camera}`] : [];
}

/** Every flag a test Chromium gets: the ones above, autoplay allowed, trust for `cert` (PEM) and the camera (cameraArgs). */
export function chromiumArgs(cert: string, camera?: string): string[] {
  return [...CHROMIUM_FLAGS, '--autoplay-policy=no-user-gesture-required', `--ignore-certificate-errors-spki-list=${spkiHash(cert)}`, ...cameraArgs(camera)];
}
