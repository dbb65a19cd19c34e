import { describe, expect, it } from 'vitest';
import { createWakeTimer } from '../../src/server/people/wake-timer.js';
import { fakeClock } from '../support/fake-clock.js';

function setup(wakes: Array<number | undefined>) {
  const time = fakeClock(0);
  const ticks: number[] = [];
  const errors: unknown[] = [];
  let answer = 0;
  const timer = createWakeTimer({
    nextWake: async () => wakes[Math.min(answer++, wakes.length - 1)],
    tick: async () => void ticks.push(time.clock()),
    clock: time.clock,
    timers: time.timers,
    onError: (error) => errors.push(error),
  });
  return { time, ticks, errors, timer };
}

const flush = () => new Promise((ok) => setTimeout(ok, 0));

describe('the one wake-up timer of calls by name', () => {
  it('keeps a single timer, set for the latest nextWake, and ticks when it falls due', async () => {
    const { time, ticks, timer } = setup([500, 300, undefined]);
    await timer.reschedule();
    await timer.reschedule();
    expect(time.pending).toBe(1);
    time.advance(299);
    expect(ticks).toEqual([]);
    time.advance(1);
    await flush();
    expect(ticks).toEqual([300]);
    expect(time.pending).toBe(0);
  });

  it('sets no timer when nothing is due, and none after close', async () => {
    const { time, timer } = setup([undefined, 100]);
    await timer.reschedule();
    expect(time.pending).toBe(0);
    await timer.reschedule();
    expect(time.pending).toBe(1);
    timer.close();
    expect(time.pending).toBe(0);
    await timer.reschedule();
    expect(time.pending).toBe(0);
  });

  it('reports a failing backend instead of throwing', async () => {
    const time = fakeClock(0);
    const errors: unknown[] = [];
    const timer = createWakeTimer({
      nextWake: () => Promise.reject(new Error('redis down')),
      tick: async () => undefined,
      clock: time.clock,
      timers: time.timers,
      onError: (error) => errors.push(error),
    });
    await timer.reschedule();
    expect(errors).toEqual([new Error('redis down')]);
  });
});
