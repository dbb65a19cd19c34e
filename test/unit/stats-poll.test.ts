/**
 * The call's one stats poll: one getStats() at a time, every interval, the
 * same report to every subscriber, undefined without a connection, and
 * nothing after stop(). Timers and clock are injected.
 */
import { describe, expect, it } from 'vitest';
import { createStatsPoll, type StatsPollDeps } from '../../src/public/js/session/stats-poll.js';

function fakeTimers() {
  let now = 0;
  const pending: Array<{ run: () => void; at: number; id: number }> = [];
  let ids = 0;
  const deps: StatsPollDeps = {
    now: () => now,
    setTimer: (run, ms) => {
      pending.push({ run, at: now + ms, id: ++ids });
      return ids;
    },
    clearTimer: (id) => void pending.splice(pending.findIndex((p) => p.id === id) >>> 0, 1),
  };
  /** Moves the clock on, running what falls due (and lets the awaited reports settle). */
  const advance = async (ms: number) => {
    now += ms;
    for (;;) {
      const due = pending.findIndex((p) => p.at <= now);
      if (due === -1) break;
      pending.splice(due, 1)[0]!.run();
      await new Promise((r) => setTimeout(r, 0));
    }
  };
  return { deps, advance, pending };
}

const fakeReport = (n: number) => ({ n }) as unknown as RTCStatsReport;
const settled = () => new Promise((r) => setTimeout(r, 0));

describe('the stats poll', () => {
  it('asks every interval and hands each report, with its time, to every subscriber', async () => {
    const timers = fakeTimers();
    let asked = 0;
    const poll = createStatsPoll(() => Promise.resolve(fakeReport(++asked)), 1000, timers.deps);
    const one: unknown[] = [];
    const two: unknown[] = [];
    poll.on((report, at) => one.push([report, at]));
    poll.on((report) => two.push(report));
    poll.start();
    await settled();
    await timers.advance(1000);
    await timers.advance(1000);
    expect(asked).toBe(3);
    expect(one).toEqual([
      [{ n: 1 }, 0],
      [{ n: 2 }, 1000],
      [{ n: 3 }, 2000],
    ]);
    expect(two).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
  });

  it('hands undefined while there is no connection, and when getStats() fails', async () => {
    const timers = fakeTimers();
    const sources: Array<() => Promise<RTCStatsReport> | undefined> = [() => undefined, () => Promise.reject(new Error('closed'))];
    const poll = createStatsPoll(() => sources.shift()?.(), 1000, timers.deps);
    const seen: unknown[] = [];
    poll.on((report) => seen.push(report));
    poll.start();
    await settled();
    await timers.advance(1000);
    expect(seen).toEqual([undefined, undefined]);
  });

  it('never starts a second getStats() while one is still running', async () => {
    const timers = fakeTimers();
    let finish: (r: RTCStatsReport) => void = () => undefined;
    let asked = 0;
    const poll = createStatsPoll(() => (asked++, new Promise<RTCStatsReport>((r) => (finish = r))), 1000, timers.deps);
    poll.start();
    poll.start();
    await timers.advance(5000);
    expect(asked).toBe(1);
    finish(fakeReport(1));
    await settled();
    await timers.advance(1000);
    expect(asked).toBe(2);
  });

  it('stops: no timer left, and a report still on its way is not handed out', async () => {
    const timers = fakeTimers();
    let finish: (r: RTCStatsReport) => void = () => undefined;
    const poll = createStatsPoll(() => new Promise<RTCStatsReport>((r) => (finish = r)), 1000, timers.deps);
    const seen: unknown[] = [];
    poll.on((report) => seen.push(report));
    poll.start();
    finish(fakeReport(1));
    await settled();
    poll.stop();
    expect(timers.pending).toEqual([]);
    poll.start();
    poll.stop();
    finish(fakeReport(2));
    await settled();
    expect(seen).toEqual([{ n: 1 }]);
  });
});
