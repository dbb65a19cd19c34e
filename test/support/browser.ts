/**
 * Real Chromium for browser tests: Debian's headless shell of Chromium, or Debian's Chromium for
 * what only the whole browser does (chromium.ts), with fake camera
 * and microphone, trusting only the test run's server certificate (by SPKI hash).
 * When Chromium is missing the suite prints a loud notice and is skipped, unless
 * REQUIRE_BROWSER=1, in which case it runs and fails at launch.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { chromiumArgs, chromiumPath, type ChromiumKind } from './chromium.js';
import { testTls } from './server.js';
import { UI_WAIT_MS } from './waits.js';

export { CHROMIUM_FLAGS, chromiumPath, spkiHash } from './chromium.js';

/** True when browser tests should run; prints the notice when they will not. */
export function browserTestsEnabled(): boolean {
  if (existsSync(chromiumPath())) return true;
  if (process.env.REQUIRE_BROWSER === '1') return true; // launch will fail loudly
  const line = '!'.repeat(78);
  console.warn(
    `\n${line}\n!! Chromium not found at ${chromiumPath()}: BROWSER TESTS SKIPPED.\n!! Install it (apt-get install chromium chromium-headless-shell) or set REQUIRE_BROWSER=1 to make this a failure.\n${line}\n`,
  );
  return false;
}

export interface LaunchOptions {
  /** The server certificate (PEM, first certificate of the chain is used). */
  cert: string;
  extraArgs?: string[];
  /**
   * A Chromium of the file's own even with the run's certificate: for tests that hand the page
   * large files (to a remote browser, Playwright uploads every byte of `setInputFiles` instead
   * of giving it the path).
   */
  own?: boolean;
  /**
   * The run's small test camera (the default), or Chromium's built-in fake camera, which draws at
   * the size the page asks for (for a test about a 720p camera; a Chromium of the file's own).
   */
  camera?: 'test' | 'built-in';
  /** `browser` for a test of what only the whole browser does (a Chromium of the file's own); the headless shell otherwise (chromium.ts). */
  kind?: ChromiumKind;
}

/**
 * A Chromium for a test file. With the run's certificate and no extra flags, the run's shared
 * Chromium (started once by the global set-up): a file gets its own connection, and closing it
 * closes that file's contexts only. Otherwise (another certificate, extra flags) a Chromium of its own.
 */
export async function launchBrowser(options: LaunchOptions): Promise<Browser> {
  const kind = options.kind ?? 'shell';
  const path = chromiumPath(kind);
  if (!existsSync(path)) throw new Error(`REQUIRE_BROWSER=1 but Chromium is missing at ${path}`);
  const shared = inject('chromiumEndpoint');
  const builtIn = options.camera === 'built-in';
  if (shared && kind === 'shell' && !options.own && !builtIn && !options.extraArgs?.length && options.cert === testTls().cert) return chromium.connect(shared);
  const camera = builtIn ? undefined : inject('cameraFile') || undefined;
  return chromium.launch({ executablePath: path, args: [...chromiumArgs(options.cert, camera), ...(options.extraArgs ?? [])] });
}

/** Records every RTCPeerConnection the page makes in `window.__pcs` (test-only instrumentation). */
export const RECORD_PEER_CONNECTIONS = `
  window.__pcs = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args) { super(...args); window.__pcs.push(this); }
  };
`;

export interface OpenOptions {
  viewport?: { width: number; height: number };
  locale?: string;
  /** A phone: touch, the page's meta viewport honoured (use with PHONE_VIEWPORT). */
  mobile?: boolean;
  /** 'allow' for a test of the installed app or the offline page; blocked otherwise. */
  serviceWorkers?: 'allow' | 'block';
}

/** The phone every test and screenshot uses: 390x844 CSS pixels. */
export const PHONE_VIEWPORT = { width: 390, height: 844 } as const;

/** A fresh browser context (a separate person) with one page. */
export async function newPerson(browser: Browser, options: OpenOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    // duet's service worker precaches the whole app shell (33 files) in every new context; only the
    // tests of the installed app and the offline page need it, and they ask for it
    serviceWorkers: options.serviceWorkers ?? 'block',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    locale: options.locale ?? 'en-US',
    permissions: ['camera', 'microphone'],
    ...(options.mobile ? { isMobile: true, hasTouch: true } : {}),
  });
  await context.addInitScript(RECORD_PEER_CONNECTIONS);
  const page = await context.newPage();
  context.setDefaultTimeout(UI_WAIT_MS); // every click, fill and goto: playwright's own 30 s failed under load
  page.on('pageerror', (error) => console.error(`[page error] ${error.message}`));
  return { context, page };
}

export interface MediaProgress {
  videoWidth: number;
  currentTime: number;
  framesDecoded: number;
  audioPackets: number;
  /** Connections that made or took an offer: the spare made ahead and closed unused (session/spare.ts) is not counted. */
  peerConnections: number;
}

/** What the page's newest peer connection and `video#remote` have received so far. */
export async function mediaProgress(page: Page, videoSelector = 'video#remote'): Promise<MediaProgress> {
  return page.evaluate(async (selector) => {
    const video = document.querySelector<HTMLVideoElement>(selector);
    const pcs = (window as unknown as { __pcs: RTCPeerConnection[] }).__pcs ?? [];
    const pc = pcs[pcs.length - 1];
    let framesDecoded = 0;
    let audioPackets = 0;
    if (pc && pc.connectionState !== 'closed') {
      const report = await pc.getStats();
      report.forEach((s: Record<string, unknown>) => {
        if (s.type !== 'inbound-rtp') return;
        if (s.kind === 'video') framesDecoded += Number(s.framesDecoded ?? 0);
        if (s.kind === 'audio') audioPackets += Number(s.packetsReceived ?? 0);
      });
    }
    return {
      videoWidth: video?.videoWidth ?? 0,
      currentTime: video?.currentTime ?? 0,
      framesDecoded,
      audioPackets,
      // connections that negotiated: not the spare a page makes ahead and closes unused (session/spare.ts)
      peerConnections: pcs.filter((c) => c.localDescription || c.remoteDescription).length,
    };
  }, videoSelector);
}
