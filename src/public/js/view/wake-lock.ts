/**
 * Keeps the screen on while a call is connected (Screen Wake Lock API): asked for when the call
 * connects, asked for again when the page becomes visible (the browser drops the lock whenever
 * the page is hidden), and released when the call stops being connected. Browsers without the
 * API, or that refuse it (battery saver), simply let the screen sleep.
 */
import type { Session } from '../session/session-types.js';
import type { Status } from '../session/status.js';

/** While the call is up: connected, or reconnecting to the same person. */
const AWAKE: ReadonlySet<Status> = new Set<Status>(['connected', 'reconnecting', 'offline']);

export interface WakeLockHold {
  /** Releases the lock for good (the call view is going away). */
  stop(): void;
}

export function holdScreenAwake(session: Session): WakeLockHold {
  let wanted = false;
  let lock: WakeLockSentinel | undefined;
  let asking = false;

  const acquire = async () => {
    if (!wanted || asking || (lock && !lock.released) || document.visibilityState !== 'visible' || !navigator.wakeLock) return;
    asking = true;
    try {
      const got = await navigator.wakeLock.request('screen');
      if (wanted) lock = got;
      else void got.release();
    } catch {
      /* refused (hidden page, battery saver, policy): the screen may sleep */
    } finally {
      asking = false;
    }
  };
  const release = () => {
    const held = lock;
    lock = undefined;
    if (held && !held.released) void held.release().catch(() => undefined);
  };
  const want = (next: boolean) => {
    wanted = next;
    if (next) void acquire();
    else release();
  };

  const off = session.on('status', ({ status }) => want(AWAKE.has(status)));
  const onVisible = () => void acquire();
  document.addEventListener('visibilitychange', onVisible);
  return {
    stop() {
      off();
      document.removeEventListener('visibilitychange', onVisible);
      want(false);
    },
  };
}
