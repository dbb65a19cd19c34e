/**
 * Part 6: a call on a thin link, in network namespaces (test/support/netns.ts, thin-link.ts): duet's
 * server and the plain tutorial page's relay on a server host, Chromium on two client hosts, host "a"
 * capped at 100 kbit/s each way with tbf. For each page, one call: audio loss both ways over seconds
 * 8-20 under the cap, then the time from lifting the cap until video frames arrive again and until the
 * received video is back at its size and frame rate from before the cap. Needs root, `ip`, `tc` and
 * Chromium; says why it was skipped otherwise.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cleanLeftovers, createLan, netnsSupport, type Lan } from '../test/support/netns.js';
import { bundleEntries, startInNamespace, type NsProcess } from '../test/support/nsproc.js';
import { audioBetween, capLink, liftCap, RTP_COUNTS, type RtpCounts } from '../test/support/thin-link.js';
import { callEstablished, spkiHash } from '../test/support/webrtc-stats.js';
import { round } from './stats.js';

export interface ThinSide {
  /** Audio received by a (through a's capped downlink) and by b (a's capped uplink). */
  aReceives: { packetsPerSecond: number; lossPercent: number };
  bReceives: { packetsPerSecond: number; lossPercent: number };
  /** ms from lifting the cap until both sides decode new frames; until both are back at their earlier size and rate. */
  videoBackMs: number | null;
  fullVideoMs: number | null;
}

export interface ThinResult {
  status: 'ok' | 'skipped';
  detail: string;
  capKbit: number;
  duet?: ThinSide;
  plain?: ThinSide;
}

const CAP_KBIT = 100;
const SERVER = '10.81.0.10';
const DUET_PORT = 8443;
const PLAIN_PORT = 9443;
const pause = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/** In the page: the received video's width and frames a second (0 without video). */
const VIDEO_IN = `(async () => {
  const pc = (window.__duetPcs || []).at(-1);
  let v = { width: 0, fps: 0 };
  if (pc) (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') v = { width: s.frameWidth || 0, fps: s.framesPerSecond || 0 }; });
  return v;
})()`;

async function oneCall(lan: Lan, files: Record<string, string>, spki: string, url: string): Promise<ThinSide> {
  const pages = ['a', 'b'].map((host) => startInNamespace(lan.hosts[host]!.ns, files.browser!, [spki]));
  try {
    await Promise.all(pages.map((p) => p.ready));
    for (const page of pages) {
      await page.call('goto', url);
      // the camera is on (the plain page's Join would otherwise make a connection without it)
      await page.call(
        'until',
        "document.querySelector('#join:not([disabled])') && (document.getElementById('preview') || document.getElementById('local')).srcObject",
      );
      await page.call('click', '#join');
    }
    await Promise.all(pages.map((p) => callEstablished(p, 60_000)));
    await pause(5000); // let both reach their full size and rate
    const before = await Promise.all(pages.map((p) => p.call<{ width: number; fps: number }>('evaluate', VIDEO_IN)));
    const counts = () => Promise.all(pages.map((p) => p.call<RtpCounts>('evaluate', RTP_COUNTS)));
    capLink(lan, 'a', CAP_KBIT);
    let lifted = 0;
    let start: RtpCounts[], end: RtpCounts[];
    try {
      await pause(8000);
      start = await counts();
      await pause(12_000);
      end = await counts();
    } finally {
      liftCap(lan, 'a');
      lifted = Date.now();
    }
    const frames = await counts();
    let videoBackMs: number | null = null;
    let fullVideoMs: number | null = null;
    while (Date.now() - lifted < 60_000 && fullVideoMs === null) {
      const now = await counts();
      if (videoBackMs === null && now.every((c, i) => c.framesDecoded > frames[i]!.framesDecoded + 10)) videoBackMs = Date.now() - lifted;
      const video = await Promise.all(pages.map((p) => p.call<{ width: number; fps: number }>('evaluate', VIDEO_IN)));
      if (videoBackMs !== null && video.every((v, i) => v.width >= before[i]!.width && v.fps >= 0.8 * before[i]!.fps)) fullVideoMs = Date.now() - lifted;
      await pause(250);
    }
    const side = (i: number) => {
      const a = audioBetween(start[i]!, end[i]!);
      return { packetsPerSecond: round(a.packetsPerSecond, 1), lossPercent: round(a.lossPercent, 1) };
    };
    return { aReceives: side(0), bReceives: side(1), videoBackMs, fullVideoMs };
  } finally {
    await Promise.all(pages.map((p) => p.stop().catch(() => undefined)));
  }
}

export async function benchThin(say: (line: string) => void): Promise<ThinResult> {
  const support = netnsSupport();
  if (!support.ok) return { status: 'skipped', detail: support.reason, capKbit: CAP_KBIT };
  cleanLeftovers();
  const tag = `bench-thin-${process.pid}`;
  const files = await bundleEntries(tag, { server: 'test/lan/server-host.ts', browser: 'test/lan/browser-host.ts', relay: 'bench/thin-relay-host.ts' });
  const certsDir = mkdtempSync(join(tmpdir(), 'duet-bench-thin-'));
  const lan = createLan({ srv: SERVER, a: '10.81.0.21', b: '10.81.0.22' });
  const servers: NsProcess[] = [];
  try {
    const duet = startInNamespace(lan.hosts.srv!.ns, files.server!, [certsDir, resolve('dist/public'), SERVER, String(DUET_PORT), '8080']);
    servers.push(duet);
    await duet.ready;
    const relay = startInNamespace(lan.hosts.srv!.ns, files.relay!, [certsDir, SERVER, String(PLAIN_PORT)]);
    servers.push(relay);
    await relay.ready;
    const spki = spkiHash(readFileSync(join(certsDir, 'cert.pem'), 'utf8'));
    const result: ThinResult = { status: 'ok', detail: '', capKbit: CAP_KBIT };
    say(`  duet on ${CAP_KBIT} kbit/s`);
    result.duet = await oneCall(lan, files, spki, `https://${SERVER}:${DUET_PORT}/r/thin-bench-${process.pid}`);
    say(`    ${JSON.stringify(result.duet)}`);
    say(`  plain tutorial page on ${CAP_KBIT} kbit/s`);
    result.plain = await oneCall(lan, files, spki, `https://${SERVER}:${PLAIN_PORT}/plain/thin-bench-${process.pid}`);
    say(`    ${JSON.stringify(result.plain)}`);
    return result;
  } finally {
    await Promise.all(servers.map((s) => s.stop().catch(() => undefined)));
    lan.destroy();
    rmSync(certsDir, { recursive: true, force: true });
    rmSync(join('.tmp', tag), { recursive: true, force: true });
  }
}
