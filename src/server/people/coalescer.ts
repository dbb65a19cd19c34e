/**
 * Paces the `people` broadcast: each viewer gets at most one list per `intervalMs`,
 * and the list is computed when it is sent, so the last state wins. No timers: the socket layer
 * sends to `due()` and sets its one timer for `nextAt()`.
 */
import type { Clock } from './directory.js';
import type { PacerState } from './state.js';

/** At most one list a second per viewer: a list is up to MAX_LISTED_PEOPLE names, and every change marks every viewer. */
export const PEOPLE_INTERVAL_MS = 1000;

export interface Coalescer {
  /** `viewer` should see a changed list (the first one goes out at once). */
  mark(viewer: string): void;
  /** `viewer` signed out or left: nothing more is due to them. */
  forget(viewer: string): void;
  /** The viewers to send a list to now; each counts as sent now. */
  due(): string[];
  /** When the next viewer falls due, if any is waiting. */
  nextAt(): number | undefined;
  /** Everything held, as plain JSON. */
  snapshot(): PacerState;
}

export function createCoalescer(options: { clock: Clock; intervalMs?: number; state?: PacerState }): Coalescer {
  const { clock } = options;
  const intervalMs = options.intervalMs ?? PEOPLE_INTERVAL_MS;
  const lastSent = new Map<string, number>(options.state?.lastSent ?? []);
  const waiting = new Set<string>(options.state?.waiting ?? []);

  const readyAt = (viewer: string) => (lastSent.get(viewer) ?? -Infinity) + intervalMs;

  return {
    mark(viewer) {
      waiting.add(viewer);
    },
    forget(viewer) {
      waiting.delete(viewer);
      lastSent.delete(viewer);
    },
    due() {
      const now = clock();
      const out: string[] = [];
      for (const viewer of waiting) {
        if (readyAt(viewer) > now) continue;
        waiting.delete(viewer);
        lastSent.set(viewer, now);
        out.push(viewer);
      }
      return out;
    },
    snapshot: () => ({ lastSent: [...lastSent], waiting: [...waiting] }),
    nextAt() {
      let next: number | undefined;
      for (const viewer of waiting) next = Math.min(next ?? Infinity, Math.max(readyAt(viewer), clock()));
      return next;
    },
  };
}
