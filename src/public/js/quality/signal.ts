/**
 * The signal-strength indicator on the remote video: 0 to 4 bars from the
 * round-trip time and packet loss of the last few seconds, the worse of the two
 * deciding. Thresholds (docs/page.md): RTT under 150 / 300 / 500 / 1000 ms
 * and loss under 1 / 3 / 6 / 12 % give 4 / 3 / 2 / 1 bars; beyond, 0.
 */
import type { Sample } from './samples.js';

export type SignalLevel = 0 | 1 | 2 | 3 | 4;
export const RTT_STEPS_MS = [150, 300, 500, 1000] as const;
export const LOSS_STEPS_PERCENT = [1, 3, 6, 12] as const;
export const SIGNAL_WINDOW_MS = 5000;

/** 4 when `value` is below the first step, 3 below the second, … 0 at or beyond the last. */
export function levelFor(value: number, steps: readonly number[]): SignalLevel {
  const below = steps.findIndex((step) => value < step);
  return (below === -1 ? 0 : 4 - below) as SignalLevel;
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

/** The level over the samples of the last `windowMs` before the newest; undefined with nothing measured. */
export function signalLevel(samples: readonly Sample[], windowMs = SIGNAL_WINDOW_MS): SignalLevel | undefined {
  const newest = samples.at(-1)?.at;
  if (newest === undefined) return undefined;
  const recent = samples.filter((s) => s.at > newest - windowMs);
  const rtts = recent.map((s) => s.rttMs).filter((v): v is number => v !== undefined);
  const losses = recent.map((s) => s.lossPercent).filter((v): v is number => v !== undefined);
  if (rtts.length === 0 && losses.length === 0) return undefined;
  const byRtt = rtts.length > 0 ? levelFor(mean(rtts), RTT_STEPS_MS) : 4;
  const byLoss = losses.length > 0 ? levelFor(mean(losses), LOSS_STEPS_PERCENT) : 4;
  return Math.min(byRtt, byLoss) as SignalLevel;
}
