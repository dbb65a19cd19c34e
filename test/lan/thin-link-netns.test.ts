/**
 * A call on a thin link, in network namespaces: duet on a server host and Chromium on two client hosts
 * of one LAN; host "a" gets 100 kbit/s each way (tbf on both ends of its link, support/thin-link.ts).
 * The audio-first ladder must keep the voice whole both ways and say why video stopped, then bring
 * video back by itself once the cap is lifted; audio only by choice must stop video both ways.
 * Needs root, `ip`, `tc` and Chromium; the suite announces when it is skipped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { cleanLeftovers, createLan, netnsSupport, type Lan } from '../support/netns.js';
import { bundleEntries, startInNamespace, type NsProcess } from '../support/nsproc.js';
import { PUBLIC_DIR } from '../support/server.js';
import { audioBetween, capLink, liftCap, RTP_COUNTS, type RtpCounts } from '../support/thin-link.js';
import { callEstablished, spkiHash, untilInPage } from '../support/webrtc-stats.js';

const support = netnsSupport();
const enabled = support.ok && browserTestsEnabled();
if (!support.ok) console.warn(`\n*** SKIPPED: thin-link calls in network namespaces (${support.reason}). ***\n`);

const HTTPS_PORT = 8443;
const HTTP_PORT = 8080;
const CAP_KBIT = 100;
/** Audio packets to measure over: about 10 s of Opus at 20 ms a packet. */
const MEASURE_PACKETS = 500;
/** The page's own ladder paused its video and the notice says so (self, or both ways once the other is told). */
const OWN_VIDEO_PAUSED =
  "(() => { const n = document.getElementById('quality-notice'); return !n.hidden && n.dataset.rung === 'paused' && /^Poor connection/.test(n.textContent) && n.textContent; })()";
const NOTICE_HIDDEN = "document.getElementById('quality-notice').hidden";

describe.runIf(enabled || process.env.REQUIRE_NETNS === '1')('a call on a 100 kbit/s link', () => {
  let lan: Lan | undefined;
  let certsDir: string;
  const procs: NsProcess[] = [];
  let a: NsProcess, b: NsProcess;
  const counts = (page: NsProcess) => page.call<RtpCounts>('evaluate', RTP_COUNTS);

  /** Resolves once `page` has received `packets` more audio packets than in `from`. */
  async function audioArrived(page: NsProcess, from: RtpCounts, packets: number): Promise<RtpCounts> {
    const expression = `(${RTP_COUNTS}).then((c) => c.audioReceived >= ${from.audioReceived + packets} && c)`;
    return untilInPage<RtpCounts>(page, expression, 120_000);
  }

  beforeAll(async () => {
    cleanLeftovers();
    const files = await bundleEntries(`thin-link-${process.pid}`, { server: 'test/lan/server-host.ts', browser: 'test/lan/browser-host.ts' });
    certsDir = mkdtempSync(join(tmpdir(), 'duet-thin-certs-'));
    lan = createLan({ srv: '10.79.0.10', a: '10.79.0.21', b: '10.79.0.22' });
    const server = startInNamespace(lan.hosts.srv!.ns, files.server!, [certsDir, PUBLIC_DIR, '10.79.0.10', String(HTTPS_PORT), String(HTTP_PORT)]);
    procs.push(server);
    await server.ready;
    const spki = spkiHash(readFileSync(join(certsDir, 'cert.pem'), 'utf8'));
    // Chromium's built-in camera at 1280x720, not the run's small clip: what pauses on the thin link is
    // the video a real camera sends
    a = startInNamespace(lan.hosts.a!.ns, files.browser!, [spki]);
    b = startInNamespace(lan.hosts.b!.ns, files.browser!, [spki]);
    procs.push(a, b);
    await Promise.all([a.ready, b.ready]);
    for (const page of [a, b]) {
      expect(await page.call('goto', `https://10.79.0.10:${HTTPS_PORT}/r/thin-${process.pid}`)).toBe(200);
      await untilInPage(page, "document.querySelector('#join:not([disabled])')", 30_000);
      await page.call('click', '#join');
    }
    await Promise.all([callEstablished(a, 60_000), callEstablished(b, 60_000)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.splice(0).map((p) => p.stop().catch(() => undefined)));
    lan?.destroy();
    if (certsDir) rmSync(certsDir, { recursive: true, force: true });
    rmSync(join('.tmp', `thin-link-${process.pid}`), { recursive: true, force: true });
  });

  it('keeps the voice whole both ways and says why video paused, then brings video back within 30 s of the cap lifting', async () => {
    capLink(lan!, 'a', CAP_KBIT);
    try {
      // both sides send through a's link, so both ladders pause their video, and each says so
      const notices = await Promise.all([untilInPage<string>(a, OWN_VIDEO_PAUSED, 60_000), untilInPage<string>(b, OWN_VIDEO_PAUSED, 60_000)]);
      for (const text of notices) expect(text).toMatch(/^Poor connection: video paused/);
      for (const page of [a, b]) expect(Number(await page.call('evaluate', "document.getElementById('signal').dataset.level"))).toBeLessThanOrEqual(1);
      const start = await Promise.all([counts(a), counts(b)]);
      const end = await Promise.all([audioArrived(a, start[0], MEASURE_PACKETS), audioArrived(b, start[1], MEASURE_PACKETS)]);
      for (const [i, side] of (['a receives', 'b receives'] as const).entries()) {
        const audio = audioBetween(start[i]!, end[i]!);
        expect(audio.packetsPerSecond, `${side}: ${JSON.stringify(audio)}`).toBeGreaterThanOrEqual(40);
        expect(audio.lossPercent, `${side}: ${JSON.stringify(audio)}`).toBeLessThan(5);
      }
    } finally {
      liftCap(lan!, 'a');
    }
    const lifted = Date.now();
    const frames = await Promise.all([counts(a), counts(b)]);
    await Promise.all(
      [a, b].map((page, i) => untilInPage(page, `(${RTP_COUNTS}).then((c) => c.framesDecoded > ${frames[i]!.framesDecoded + 10} && ${NOTICE_HIDDEN})`, 60_000)),
    );
    expect(Date.now() - lifted).toBeLessThanOrEqual(30_000);
  }, 240_000);

  it('sends no video either way once one person chooses audio only, and shows the other person why', async () => {
    await a.call('click', '#audio-only');
    expect(await a.call('evaluate', "document.getElementById('audio-only').getAttribute('aria-pressed')")).toBe('true');
    await untilInPage(b, "!document.getElementById('badge-audio-only').hidden", 30_000);
    for (const page of [a, b]) await untilInPage(page, "!document.getElementById('remote-off').hidden", 30_000);
    expect(await b.call('evaluate', "document.getElementById('remote-off-text').textContent")).toBe('Audio only: no video in this call');
    // the senders pause within a stats tick of being told; then their video byte counts stop for good
    const before = await Promise.all([counts(a), counts(b)]);
    const later = await Promise.all([audioArrived(a, before[0], 150), audioArrived(b, before[1], 150)]);
    const after = await Promise.all([audioArrived(a, later[0], 150), audioArrived(b, later[1], 150)]);
    for (const i of [0, 1]) expect(after[i]!.videoBytesSent, `side ${i}`).toBe(later[i]!.videoBytesSent);
    await a.call('click', '#audio-only');
    await Promise.all([a, b].map((page, i) => untilInPage(page, `(${RTP_COUNTS}).then((c) => c.framesDecoded > ${after[i]!.framesDecoded + 10})`, 60_000)));
  }, 120_000);
});
