/**
 * The guard on every wait for something a page shows. A guard is not a target:
 * the wait ends on the event (a selector appears, a polled value arrives); the
 * guard only stops a broken test from hanging. On a loaded 2-core machine a
 * page can take tens of seconds to draw what it draws in 200 ms on a quiet one,
 * so no UI wait is guarded by less than this.
 */
export const UI_WAIT_MS = 60_000;

/** `{ timeout }` for playwright's waitFor and vitest's expect.poll. */
export const UI_WAIT = { timeout: UI_WAIT_MS } as const;

/**
 * The guard on a socket-level wait (an event, an acknowledgement, a connection). On a quiet
 * machine these come in milliseconds; under load a server in the test process can be starved
 * for seconds, so a guard of a few seconds failed tests that were right.
 */
export const EVENT_WAIT_MS = 30_000;
