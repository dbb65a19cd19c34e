/**
 * Call statistics from getStats(): the selected candidate pair's type, round-trip
 * time, bitrate each way, resolution and frame rate each way, packet loss, codecs
 * (pure: the panel that shows them is view/stats-panel.ts).
 */
import type { Key } from '../i18n/strings-en.js';

export interface StatsSnapshot {
  at: number;
  path?: string;
  rttMs?: number;
  bytesOut: number;
  bytesIn: number;
  videoOut?: string;
  videoIn?: string;
  lossPercent?: number;
  codecs: string[];
  framesDecoded: number;
}

type Stat = Record<string, unknown> & { type: string; id: string };
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
  const all = new Map<string, Stat>();
  report.forEach((s: Stat) => all.set(s.id, s));
  const list = [...all.values()];
  const transport = list.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  const pair =
    (transport && all.get(transport.selectedCandidatePairId as string)) ??
    list.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
  const local = pair && all.get(pair.localCandidateId as string);
  const remote = pair && all.get(pair.remoteCandidateId as string);
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
    rttMs: rtt === undefined ? undefined : Math.round(rtt * 1000),
    bytesOut: sum(out, 'bytesSent'),
    bytesIn: sum(inb, 'bytesReceived'),
    videoOut: videoText(out.find((s) => s.kind === 'video')),
    videoIn: videoText(inb.find((s) => s.kind === 'video')),
    lossPercent: received + lost > 0 ? (100 * lost) / (received + lost) : undefined,
    codecs: [...codecs],
    framesDecoded: sum(inb.filter((s) => s.kind === 'video'), 'framesDecoded'),
  };
}

function kbps(bytes: number, prevBytes: number, ms: number): string {
  if (ms <= 0) return '–';
  return `${Math.max(0, Math.round(((bytes - prevBytes) * 8) / ms))} kbit/s`;
}

/** Rows of [label key, value] for the panel. */
export function statsRows(now: StatsSnapshot, prev: StatsSnapshot | undefined, setupMs: number | undefined): Array<[Key, string]> {
  const dt = prev ? now.at - prev.at : 0;
  return [
    ['stats.path', now.path ?? '–'],
    ['stats.rtt', now.rttMs === undefined ? '–' : `${now.rttMs} ms`],
    ['stats.bitrateOut', prev ? kbps(now.bytesOut, prev.bytesOut, dt) : '–'],
    ['stats.bitrateIn', prev ? kbps(now.bytesIn, prev.bytesIn, dt) : '–'],
    ['stats.videoOut', now.videoOut ?? '–'],
    ['stats.videoIn', now.videoIn ?? '–'],
    ['stats.loss', now.lossPercent === undefined ? '–' : `${now.lossPercent.toFixed(1)} %`],
    ['stats.codecs', now.codecs.join(', ') || '–'],
    ['stats.setup', setupMs === undefined ? '–' : `${Math.round(setupMs)} ms`],
  ];
}
