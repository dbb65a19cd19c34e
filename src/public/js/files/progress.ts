/**
 * Progress of one transfer: bytes so far, speed over the last few seconds and
 * the time left at that speed. Pure: the caller passes the clock's readings.
 */
export interface Progress {
  bytes: number;
  size: number;
  /** Bytes per second over the recent window; 0 until two readings exist. */
  bytesPerSecond: number;
  /** Seconds left at that speed; undefined while the speed is unknown. */
  secondsLeft: number | undefined;
}

export const SPEED_WINDOW_MS = 3000;
const READING_GAP_MS = 50; // keeps the window short however many chunks a second arrive

export interface ProgressMeter {
  /** Records `bytes` done at time `nowMs` and returns the progress. */
  update(bytes: number, nowMs: number): Progress;
  readonly current: Progress;
}

export function createProgressMeter(size: number, windowMs = SPEED_WINDOW_MS): ProgressMeter {
  const readings: Array<{ at: number; bytes: number }> = [];
  let current: Progress = { bytes: 0, size, bytesPerSecond: 0, secondsLeft: size === 0 ? 0 : undefined };
  return {
    update(bytes, nowMs) {
      const last = readings[readings.length - 1];
      if (!last || nowMs - last.at >= READING_GAP_MS) readings.push({ at: nowMs, bytes });
      while (readings.length > 2 && readings[0]!.at < nowMs - windowMs) readings.shift();
      const first = readings[0]!;
      const elapsed = (nowMs - first.at) / 1000;
      const bytesPerSecond = elapsed > 0 ? (bytes - first.bytes) / elapsed : 0;
      const left = size - bytes;
      const secondsLeft = left <= 0 ? 0 : bytesPerSecond > 0 ? left / bytesPerSecond : undefined;
      current = { bytes, size, bytesPerSecond, secondsLeft };
      return current;
    },
    get current() {
      return current;
    },
  };
}
