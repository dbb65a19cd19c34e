/**
 * Preparing the offer while waiting alone in the room (src/public/js/session/standby.ts),
 * with fake timers and plain objects standing in for the peer connections.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Peer } from '../../src/public/js/session/peer.js';
import { createStandby, WARM_AFTER_MS, WARM_REFRESH_MS, type Prepared } from '../../src/public/js/session/standby.js';

function setup() {
  const made: Array<Prepared & { closed: boolean }> = [];
  const state = { waiting: true };
  const standby = createStandby(
    () => {
      const prepared = { closed: false, stream: {} as MediaStream, peer: undefined as unknown as Peer };
      (prepared as { peer: Peer }).peer = { close: () => void (prepared.closed = true) } as unknown as Peer;
      made.push(prepared);
      return prepared;
    },
    () => state.waiting,
  );
  return { standby, made, state };
}

describe('the offer prepared while waiting alone', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('is prepared once we have waited alone for a moment, and handed over when the other person arrives', () => {
    const { standby, made } = setup();
    standby.schedule();
    vi.advanceTimersByTime(WARM_AFTER_MS - 1);
    expect(made).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(made).toHaveLength(1);
    expect(standby.take()).toBe(made[0]);
    expect(made[0]!.closed).toBe(false);
    expect(standby.take()).toBeUndefined();
    vi.advanceTimersByTime(WARM_REFRESH_MS * 2);
    expect(made).toHaveLength(1); // taken: no refresh any more
  });

  it('is not prepared when the offer from the other person comes first', () => {
    const { standby, made } = setup();
    standby.schedule();
    vi.advanceTimersByTime(WARM_AFTER_MS / 2);
    standby.cancel();
    vi.advanceTimersByTime(WARM_REFRESH_MS);
    expect(made).toHaveLength(0);
  });

  it('is not prepared when we are no longer waiting alone by then', () => {
    const { standby, made, state } = setup();
    standby.schedule();
    state.waiting = false;
    vi.advanceTimersByTime(WARM_AFTER_MS);
    expect(made).toHaveLength(0);
  });

  it('is replaced by a fresh one while the wait goes on, and closed when cancelled', () => {
    const { standby, made } = setup();
    standby.schedule();
    vi.advanceTimersByTime(WARM_AFTER_MS + WARM_REFRESH_MS);
    expect(made).toHaveLength(2);
    expect(made[0]!.closed).toBe(true);
    expect(made[1]!.closed).toBe(false);
    standby.cancel();
    expect(made[1]!.closed).toBe(true);
    expect(standby.take()).toBeUndefined();
  });
});
