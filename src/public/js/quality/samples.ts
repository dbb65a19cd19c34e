/**
 * The last minute of call quality from successive getStats() reports: each
 * report gives running totals; two totals give one sample (bitrate each way,
 * round-trip time, packet loss over that interval), kept in a ring buffer.
 * Pure: the caller passes the report and the time it was taken.
 */
import type { StatsLike } from '../verify/fingerprints.js';

export interface Totals {
  at: number;
  bytesOut: number;
  bytesIn: number;
  /** Packets the other side says it lost of ours (remote-inbound-rtp) and we sent. */
  lostOut: number;
  sentOut: number;
  /** Packets we lost of theirs and received (inbound-rtp). */
  lostIn: number;
  receivedIn: number;
  rttMs: number | undefined;
}

export interface Sample {
  at: number;
  kbpsOut: number;
  kbpsIn: number;
  rttMs: number | undefined;
  /** The worse direction's loss over the interval, in percent; undefined when no packets moved. */
  lossPercent: number | undefined;
  /** Video was paused by a poor link (either side) at the end of the interval (quality/ladder.ts). */
  videoPaused?: boolean;
}

type Stat = Record<string, unknown>;
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

export function readTotals(report: StatsLike, at: number): Totals {
  const totals: Totals = { at, bytesOut: 0, bytesIn: 0, lostOut: 0, sentOut: 0, lostIn: 0, receivedIn: 0, rttMs: undefined };
  let pairRtt: number | undefined;
  report.forEach((value) => {
    const s = value as Stat;
    if (!s || typeof s !== 'object') return;
    if (s.type === 'outbound-rtp') {
      totals.bytesOut += num(s.bytesSent);
      totals.sentOut += num(s.packetsSent);
    } else if (s.type === 'inbound-rtp') {
      totals.bytesIn += num(s.bytesReceived);
      totals.lostIn += num(s.packetsLost);
      totals.receivedIn += num(s.packetsReceived);
    } else if (s.type === 'remote-inbound-rtp') {
      totals.lostOut += num(s.packetsLost);
    } else if (s.type === 'transport' && typeof s.selectedCandidatePairId === 'string') {
      const pair = report.get(s.selectedCandidatePairId) as Stat | undefined;
      if (pair && typeof pair.currentRoundTripTime === 'number' && Number.isFinite(pair.currentRoundTripTime)) pairRtt = pair.currentRoundTripTime * 1000;
    }
  });
  totals.rttMs = pairRtt === undefined ? undefined : Math.round(pairRtt);
  return totals;
}

const loss = (lost: number, delivered: number) => (lost + delivered > 0 ? (100 * lost) / (lost + delivered) : undefined);

/** One sample from two totals; undefined when time did not advance or a counter went back (a new connection). */
export function sampleBetween(prev: Totals, now: Totals): Sample | undefined {
  const ms = now.at - prev.at;
  const d = (field: 'bytesOut' | 'bytesIn' | 'lostOut' | 'sentOut' | 'lostIn' | 'receivedIn') => now[field] - prev[field];
  const fields = ['bytesOut', 'bytesIn', 'lostOut', 'sentOut', 'lostIn', 'receivedIn'] as const;
  if (!(ms > 0) || fields.some((f) => d(f) < 0)) return undefined;
  const lostOut = Math.min(d('lostOut'), d('sentOut'));
  const directions = [loss(lostOut, d('sentOut') - lostOut), loss(d('lostIn'), d('receivedIn'))].filter((v): v is number => v !== undefined);
  return {
    at: now.at,
    kbpsOut: (d('bytesOut') * 8) / ms,
    kbpsIn: (d('bytesIn') * 8) / ms,
    rttMs: now.rttMs,
    lossPercent: directions.length > 0 ? Math.max(...directions) : undefined,
  };
}

export const HISTORY_MS = 60_000;
export const HISTORY_CAPACITY = 240; // a sample every 250 ms at the most

export interface QualityHistory {
  /** Adds a report's totals (and whether video is paused by a poor link now); returns the new sample, if any. */
  add(totals: Totals, videoPaused?: boolean): Sample | undefined;
  /** Samples of the last minute before the newest, oldest first. */
  samples(): Sample[];
  clear(): void;
}

export function createQualityHistory(windowMs = HISTORY_MS, capacity = HISTORY_CAPACITY): QualityHistory {
  const ring: Array<Sample | undefined> = new Array<Sample | undefined>(capacity).fill(undefined);
  let next = 0;
  let last: Totals | undefined;
  return {
    add(totals, videoPaused = false) {
      const sample = last ? sampleBetween(last, totals) : undefined;
      last = totals;
      if (sample && videoPaused) sample.videoPaused = true;
      if (sample) {
        ring[next] = sample;
        next = (next + 1) % capacity;
      }
      return sample;
    },
    samples() {
      const ordered = [...ring.slice(next), ...ring.slice(0, next)].filter((s): s is Sample => s !== undefined);
      const newest = ordered.at(-1)?.at ?? 0;
      return ordered.filter((s) => s.at > newest - windowMs);
    },
    clear() {
      ring.fill(undefined);
      next = 0;
      last = undefined;
    },
  };
}
