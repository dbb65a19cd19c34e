/**
 * Call statistics from getStats(): the selected candidate pair's type, round-trip
 * time, bitrate each way, resolution and frame rate each way, packet loss, codecs
 * (pure: the panel that words and shows them is view/stats-panel.ts).
 */
import { candidateInfo, classifyPath, findSelectedPair, statsById, type IcePath, type Stat } from './icepath.js';

export interface StatsSnapshot {
  at: number;
  path?: string;
  /** Direct on the LAN, direct through NAT, or relayed. */
  pathKind?: IcePath;
  rttMs?: number;
  bytesOut: number;
  bytesIn: number;
  videoOut?: string;
  videoIn?: string;
  lossPercent?: number;
  codecs: string[];
  framesDecoded: number;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

function videoText(s: Stat | undefined): string | undefined {
  if (!s) return undefined;
  const w = num(s.frameWidth);
  const h = num(s.frameHeight);
  if (!w || !h) return undefined;
  const fps = num(s.framesPerSecond);
  return `${w}×${h}${fps ? ` @ ${Math.round(fps)} fps` : ''}`;
}

/** The numbers of one getStats() report. */
export function snapshot(report: RTCStatsReport): StatsSnapshot {
  const all = statsById(report);
  const list = [...all.values()];
  const { pair, local, remote } = findSelectedPair(all) ?? {};
  const out = list.filter((s) => s.type === 'outbound-rtp');
  const inb = list.filter((s) => s.type === 'inbound-rtp');
  const sum = (items: Stat[], field: string) => items.reduce((n, s) => n + (num(s[field]) ?? 0), 0);
  const lost = sum(inb, 'packetsLost');
  const received = sum(inb, 'packetsReceived');
  const codecs = new Set<string>();
  for (const s of [...out, ...inb]) {
    const codec = all.get(s.codecId as string);
    if (codec && typeof codec.mimeType === 'string') codecs.add(`${codec.mimeType.replace(/^(audio|video)\//, '')}`);
  }
  const path = local && remote ? `${String(local.candidateType)} ↔ ${String(remote.candidateType)} (${String(local.protocol ?? '')})` : undefined;
  const rtt = num(pair?.currentRoundTripTime);
  return {
    at: performance.now(),
    path,
    pathKind: local && remote ? classifyPath(candidateInfo(local), candidateInfo(remote)) : undefined,
    rttMs: rtt === undefined ? undefined : Math.round(rtt * 1000),
    bytesOut: sum(out, 'bytesSent'),
    bytesIn: sum(inb, 'bytesReceived'),
    videoOut: videoText(out.find((s) => s.kind === 'video')),
    videoIn: videoText(inb.find((s) => s.kind === 'video')),
    lossPercent: received + lost > 0 ? (100 * lost) / (received + lost) : undefined,
    codecs: [...codecs],
    framesDecoded: sum(
      inb.filter((s) => s.kind === 'video'),
      'framesDecoded',
    ),
  };
}
