/**
 * The call's one getStats() loop: every second, asks the session for its
 * connection's report and hands it (or undefined: no connection now) to every
 * subscriber: the statistics panel, the quality graph, the signal indicator and
 * the verification code. The next tick is scheduled only once the previous one
 * finished, so a slow getStats() never piles up. No DOM: timers are injected.
 */

export const POLL_EVERY_MS = 1000;

export type StatsListener = (report: RTCStatsReport | undefined, at: number) => void;

export interface StatsPollDeps {
  now(): number;
  setTimer(run: () => void, ms: number): unknown;
  clearTimer(timer: unknown): void;
}

export const DEFAULT_POLL_DEPS: StatsPollDeps = {
  now: () => performance.now(),
  setTimer: (run, ms) => setTimeout(run, ms),
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export interface StatsPoll {
  on(listener: StatsListener): void;
  start(): void;
  stop(): void;
}

/** `source` is the session's `stats()`: the current connection's report, or undefined without one. */
export function createStatsPoll(
  source: () => Promise<RTCStatsReport> | undefined,
  everyMs = POLL_EVERY_MS,
  deps: StatsPollDeps = DEFAULT_POLL_DEPS,
): StatsPoll {
  const listeners: StatsListener[] = [];
  let timer: unknown;
  let running = false;

  const deliver = (report: RTCStatsReport | undefined) => {
    const at = deps.now();
    for (const listener of listeners) listener(report, at);
  };

  async function tick(): Promise<void> {
    timer = undefined;
    const pending = source();
    const report = pending ? await pending.catch(() => undefined) : undefined; // a connection closing under us
    if (!running) return;
    try {
      deliver(report);
    } finally {
      timer = deps.setTimer(() => void tick(), everyMs); // a listener that throws does not stop the poll
    }
  }

  return {
    on: (listener) => void listeners.push(listener),
    start() {
      if (running) return;
      running = true;
      void tick();
    },
    stop() {
      running = false;
      if (timer !== undefined) deps.clearTimer(timer);
      timer = undefined;
    },
  };
}
