/**
 * A fake clock with fake timers for createServer's `clock` and `timers` deps (calls by name):
 * time moves only when a test calls `advance`, which runs the timers that fell due, in order.
 */
import type { Timers } from '../../src/server/people/wake-timer.js';

export interface FakeClock {
  clock: () => number;
  timers: Timers;
  /** Moves time on by `ms` and runs every timer due by then. */
  advance(ms: number): void;
  /** Timers set and not yet run or cleared. */
  readonly pending: number;
}

export function fakeClock(start = 1_000_000): FakeClock {
  let now = start;
  let seq = 0;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    clock: () => now,
    timers: {
      setTimeout(fn, ms) {
        due.set(++seq, { at: now + ms, fn });
        return seq;
      },
      clearTimeout(handle) {
        due.delete(handle as number);
      },
    },
    advance(ms) {
      now += ms;
      for (const [id, timer] of [...due].sort((a, b) => a[1].at - b[1].at)) {
        if (timer.at > now || !due.has(id)) continue;
        due.delete(id);
        timer.fn();
      }
    },
    get pending() {
      return due.size;
    },
  };
}
