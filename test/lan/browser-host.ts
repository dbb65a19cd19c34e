/**
 * A Chromium on a LAN client host, driven by the test over IPC. It trusts only
 * the server certificate whose SPKI hash it is given (argv[2]); no
 * ignoreHTTPSErrors. argv: spkiBase64 [lang] [camera]: `camera`, the run's Y4M clip
 * (test/support/fake-camera.ts) as the only camera; without it, Chromium's built-in fake camera.
 */
import { chromium, type Page } from 'playwright-core';
import { cameraArgs, CHROMIUM_FLAGS, chromiumPath } from '../support/chromium.js';
import { serveCalls } from './calls.js';
import { UI_WAIT_MS } from '../support/waits.js';

const [spki, lang = 'en-US', camera] = process.argv.slice(2) as [string, string | undefined, string | undefined];
const browser = await chromium.launch({
  executablePath: chromiumPath(),
  args: [...CHROMIUM_FLAGS, `--ignore-certificate-errors-spki-list=${spki}`, ...cameraArgs(camera)],
});
// camera and microphone granted, as the other tests' contexts are: the headless shell takes
// --use-fake-ui-for-media-stream's yes for the one request without granting the permission, and
// without it Chromium hides the host's addresses behind mDNS names (….local), which nothing on the
// namespace LAN answers (the whole browser grants it, so its candidates carried the addresses)
const context = await browser.newContext({ locale: lang, permissions: ['camera', 'microphone'] });
context.setDefaultTimeout(UI_WAIT_MS);
// Keeps every RTCPeerConnection the page makes in window.__duetPcs, so the test can read its stats.
await context.addInitScript(`(() => {
  const Original = window.RTCPeerConnection;
  if (!Original) return;
  const made = (window.__duetPcs = []);
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); made.push(this); }
  };
})()`);
let page: Page | undefined;
const problems: string[] = [];

serveCalls({
  async goto(url: string) {
    page = await context.newPage();
    page.on('console', (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && problems.push(`console: ${m.text()}`)));
    page.on('response', (r) => void (r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`)));
    page.on('pageerror', (e) => void problems.push(`pageerror: ${e.message}`));
    const response = await page.goto(url, { timeout: UI_WAIT_MS });
    return response?.status() ?? 0;
  },
  /** Waits until the string expression `expression` is truthy in the page, then returns its value. */
  async until(expression: string, ms = UI_WAIT_MS) {
    // polls with page.evaluate (a DevTools evaluation, which the page's CSP allows) rather than
    // waitForFunction, whose string predicates need 'unsafe-eval' in the page
    const deadline = Date.now() + ms;
    for (;;) {
      const value: unknown = await page!.evaluate(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${expression.slice(0, 120)}`);
      await new Promise((ok) => setTimeout(ok, 100));
    }
  },
  evaluate(expression: string) {
    return page!.evaluate(expression);
  },
  click(selector: string) {
    return page!.click(selector, { timeout: UI_WAIT_MS }).then(() => true);
  },
  problems: () => problems,
  async close() {
    await browser.close();
    return true;
  },
});
process.on('SIGTERM', () => void browser.close().finally(() => process.exit(0)));
process.send?.({ ready: true });
