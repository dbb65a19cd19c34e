/**
 * What one getStats() report says about our side of the link, for the ladder (ladder.ts): the
 * bandwidth estimate of the selected candidate pair (availableOutgoingBitrate), the loss the other
 * side reports of the streams we are still sending (remote-inbound-rtp fractionLost) and the longest
 * round trip (remote-inbound-rtp roundTripTime, the pair's currentRoundTripTime). A stream whose
 * packet count stopped (paused video) keeps its last receiver report, so it is left out; and once it
 * sends again, that old report (from the congestion that paused it) is still left out until a new
 * one arrives, or the first try of video after a thin link recovers would be judged by the loss
 * that paused it. The loss of that first new report does not count either, only its round trip:
 * it covers the resumption itself, and Chromium reports one to three packets of the first few of a
 * resumed stream lost even on a clean link (measured: 50 % and 33 % "lost" right after a cap was
 * lifted, every later report 0), which failed the first try of video after every recovery. What
 * the previous report showed (LinkMemory) is passed back in. Pure.
 */
import type { StatsLike } from '../verify/fingerprints.js';
import type { LinkReading } from './ladder.js';

type Stat = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** What the last report showed of one stream we send. */
export interface StreamMemory {
  /** Packets sent so far. */
  packets: number;
  /** The receiver report it had while it was not sending (see reportKey), left out until a new one arrives. */
  stale?: string;
  /** The first report after it sent again: its round trip counts, its loss does not (see readLink). */
  resumed?: string;
}

/** Per outbound-rtp id. */
export type LinkMemory = ReadonlyMap<string, StreamMemory>;

/** What tells one receiver report from the next (Chromium and Firefox count round-trip measurements). */
function reportKey(s: Stat): string {
  return JSON.stringify([s.roundTripTimeMeasurements, s.totalRoundTripTime, s.packetsLost, s.fractionLost, s.roundTripTime]);
}

export function readLink(report: StatsLike, before: LinkMemory): { reading: LinkReading; memory: Map<string, StreamMemory> } {
  const stats = new Map<string, Stat>();
  report.forEach((value) => {
    const s = value as Stat;
    if (s && typeof s === 'object' && typeof s.id === 'string') stats.set(s.id, s);
  });
  const memory = new Map<string, StreamMemory>();
  const sending = new Set<string>();
  let availableBps: number | undefined;
  const rtts: number[] = [];
  for (const s of stats.values()) {
    if (s.type === 'outbound-rtp' && typeof s.id === 'string') {
      const packets = num(s.packetsSent) ?? 0;
      memory.set(s.id, { packets });
      if (packets > (before.get(s.id)?.packets ?? 0)) sending.add(s.id);
    } else if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      const pair = stats.get(s.selectedCandidatePairId);
      availableBps = num(pair?.availableOutgoingBitrate);
      const rtt = num(pair?.currentRoundTripTime);
      if (rtt !== undefined) rtts.push(rtt * 1000);
    }
  }
  const losses: number[] = [];
  for (const s of stats.values()) {
    if (s.type !== 'remote-inbound-rtp' || typeof s.localId !== 'string') continue;
    const stream = memory.get(s.localId);
    if (!stream) continue;
    const key = reportKey(s);
    const was = before.get(s.localId);
    if (!sending.has(s.localId) || was?.stale === key) {
      stream.stale = key;
      continue;
    }
    if (was?.stale !== undefined || was?.resumed === key) stream.resumed = key;
    const fraction = num(s.fractionLost);
    if (fraction !== undefined && stream.resumed === undefined) losses.push(Math.min(fraction, 1) * 100);
    const rtt = num(s.roundTripTime);
    if (rtt !== undefined) rtts.push(rtt * 1000);
  }
  const reading: LinkReading = {};
  if (availableBps !== undefined) reading.availableBps = availableBps;
  if (losses.length > 0) reading.lossPercent = Math.max(...losses);
  if (rtts.length > 0) reading.rttMs = Math.round(Math.max(...rtts));
  return { reading, memory };
}
