/**
 * What one getStats() report says about our side of the link, for the ladder (ladder.ts): the
 * bandwidth estimate of the selected candidate pair (availableOutgoingBitrate), the loss the other
 * side reports of the streams we are still sending (remote-inbound-rtp fractionLost) and the longest
 * round trip (remote-inbound-rtp roundTripTime, the pair's currentRoundTripTime). A stream whose
 * packet count stopped (paused video) keeps its last receiver report, so it is left out: the counts
 * of the previous report are passed back in. Pure.
 */
import type { StatsLike } from '../verify/fingerprints.js';
import type { LinkReading } from './ladder.js';

type Stat = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined);

/** Packets sent so far per outbound-rtp id. */
export type SentCounts = ReadonlyMap<string, number>;

export function readLink(report: StatsLike, before: SentCounts): { reading: LinkReading; sent: Map<string, number> } {
  const stats = new Map<string, Stat>();
  report.forEach((value) => {
    const s = value as Stat;
    if (s && typeof s === 'object' && typeof s.id === 'string') stats.set(s.id, s);
  });
  const sent = new Map<string, number>();
  const sending = new Set<string>();
  let availableBps: number | undefined;
  const rtts: number[] = [];
  for (const s of stats.values()) {
    if (s.type === 'outbound-rtp' && typeof s.id === 'string') {
      const packets = num(s.packetsSent) ?? 0;
      sent.set(s.id, packets);
      if (packets > (before.get(s.id) ?? 0)) sending.add(s.id);
    } else if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      const pair = stats.get(s.selectedCandidatePairId);
      availableBps = num(pair?.availableOutgoingBitrate);
      const rtt = num(pair?.currentRoundTripTime);
      if (rtt !== undefined) rtts.push(rtt * 1000);
    }
  }
  const losses: number[] = [];
  for (const s of stats.values()) {
    if (s.type !== 'remote-inbound-rtp' || typeof s.localId !== 'string' || !sending.has(s.localId)) continue;
    const fraction = num(s.fractionLost);
    if (fraction !== undefined) losses.push(Math.min(fraction, 1) * 100);
    const rtt = num(s.roundTripTime);
    if (rtt !== undefined) rtts.push(rtt * 1000);
  }
  const reading: LinkReading = {};
  if (availableBps !== undefined) reading.availableBps = availableBps;
  if (losses.length > 0) reading.lossPercent = Math.max(...losses);
  if (rtts.length > 0) reading.rttMs = Math.round(Math.max(...rtts));
  return { reading, sent };
}
