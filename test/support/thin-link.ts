/**
 * A thin link on a namespace LAN (netns.ts): `tbf` on both ends of one host's link, its own eth0
 * (what it sends) and its port on the switch's bridge (what it receives), so the host gets a fixed
 * rate each way. The kernel here has tbf and htb but no netem. Also the in-page reading of a call's
 * RTP counters, for tests and the bench: audio packets received and lost, video frames decoded and
 * bytes sent, from the page's last peer connection (window.__duetPcs, test/lan/browser-host.ts).
 */
import { execFileSync } from 'node:child_process';
import type { Lan } from './netns.js';

function tc(ns: string, ...args: string[]): void {
  execFileSync('ip', ['netns', 'exec', ns, 'tc', ...args], { stdio: 'pipe', timeout: 10_000 });
}

/** The switch namespace of a LAN made by createLan (its hosts' names end in -<host>, the switch's in -sw). */
const switchOf = (lan: Lan, host: string) => lan.hosts[host]!.ns.replace(/-[^-]+$/, '-sw');

/** Caps `host`'s link at `kbit` kbit/s each way: a 300 ms queue, then drops (like a thin uplink's buffer). */
export function capLink(lan: Lan, host: string, kbit: number): void {
  const shape = ['root', 'tbf', 'rate', `${kbit}kbit`, 'burst', '3000', 'latency', '300ms'];
  tc(lan.hosts[host]!.ns, 'qdisc', 'replace', 'dev', 'eth0', ...shape);
  tc(switchOf(lan, host), 'qdisc', 'replace', 'dev', `p-${host}`, ...shape);
}

/** Lifts the cap of capLink. */
export function liftCap(lan: Lan, host: string): void {
  for (const [ns, dev] of [
    [lan.hosts[host]!.ns, 'eth0'],
    [switchOf(lan, host), `p-${host}`],
  ] as const) {
    try {
      tc(ns, 'qdisc', 'del', 'dev', dev, 'root');
    } catch {
      // no cap there
    }
  }
}

/** What RTP_COUNTS returns. */
export interface RtpCounts {
  /** performance.now() in the page when read, ms. */
  at: number;
  audioReceived: number;
  audioLost: number;
  framesDecoded: number;
  videoBytesSent: number;
}

/** In the page: the last peer connection's RTP counters (all zero without one). */
export const RTP_COUNTS = `(async () => {
  const pc = (window.__duetPcs || []).at(-1);
  const counts = { at: performance.now(), audioReceived: 0, audioLost: 0, framesDecoded: 0, videoBytesSent: 0 };
  if (!pc) return counts;
  (await pc.getStats()).forEach((s) => {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') {
      counts.audioReceived += s.packetsReceived || 0;
      counts.audioLost += s.packetsLost || 0;
    }
    if (s.type === 'inbound-rtp' && s.kind === 'video') counts.framesDecoded += s.framesDecoded || 0;
    if (s.type === 'outbound-rtp' && s.kind === 'video') counts.videoBytesSent += s.bytesSent || 0;
  });
  return counts;
})()`;

/** Audio over the interval between two readings: packets a second received, and percent lost. */
export function audioBetween(before: RtpCounts, after: RtpCounts): { packetsPerSecond: number; lossPercent: number } {
  const received = after.audioReceived - before.audioReceived;
  const lost = Math.max(0, after.audioLost - before.audioLost);
  return { packetsPerSecond: (received * 1000) / (after.at - before.at), lossPercent: received + lost > 0 ? (100 * lost) / (received + lost) : 100 };
}
