/**
 * How the tests start Debian's Chromium: fake camera and microphone, no calls home (this machine
 * has no internet), and trust for one server certificate only (by its SPKI hash). Free of vitest,
 * so the global set-up can start the run's shared Chromium with the same flags.
 */
import { createHash, X509Certificate } from 'node:crypto';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

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
];

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo, for --ignore-certificate-errors-spki-list. */
export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

/**
 * Every flag a test Chromium gets: the ones above, autoplay allowed, trust for `cert` (PEM) and,
 * with `camera`, that Y4M clip as the only camera instead of the built-in fake (fake-camera.ts).
 */
export function chromiumArgs(cert: string, camera?: string): string[] {
  return [
    ...CHROMIUM_FLAGS,
    '--autoplay-policy=no-user-gesture-required',
    `--ignore-certificate-errors-spki-list=${spkiHash(cert)}`,
    ...(camera ? [`--use-file-for-fake-video-capture=${camera}`] : []),
  ];
}
