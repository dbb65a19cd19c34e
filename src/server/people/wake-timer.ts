/**
 * The one timer of calls by name: set to the backend's `nextWake()` after every step, it runs
 * `tick()` when due. Reschedules are queued so a stale answer never overrides a newer one;
 * `close()` clears it for good. Clock and timer functions are injected (fake ones in tests).
 */

/** setTimeout and clearTimeout, injectable so tests can drive time. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const REAL_TIMERS: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WakeTimer {
  /** Asks the backend when to wake next and sets the timer for then. */
  reschedule(): Promise<void>;
  close(): void;
}

export interface WakeTimerDeps {
  nextWake(): Promise<number | undefined>;
  /** Runs the due work; it is followed by a reschedule. */
  tick(): Promise<void>;
  clock: () => number;
  timers: Timers;
  onError(error: unknown): void;
}

export function createWakeTimer(deps: WakeTimerDeps): WakeTimer {
  let handle: unknown;
  let closed = false;
  let queue: Promise<void> = Promise.resolve();

  function clear(): void {
    if (handle !== undefined) deps.timers.clearTimeout(handle);
    handle = undefined;
  }

  async function set(): Promise<void> {
    const wake = await deps.nextWake();
    clear();
    if (closed || wake === undefined) return;
    handle = deps.timers.setTimeout(fire, Math.max(0, wake - deps.clock()));
  }

  function fire(): void {
    handle = undefined;
    if (closed) return;
    deps
      .tick()
      .catch(deps.onError)
      .finally(() => void reschedule());
  }

  function reschedule(): Promise<void> {
    queue = queue.then(set).catch(deps.onError);
    return queue;
  }

  return {
    reschedule,
    close() {
      closed = true;
      clear();
    },
  };
}
