import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { createGuard } from '../../src/server/admission/guard.js';
import { createBucket, createKeyedBuckets } from '../../src/server/limits/ratelimit.js';

/** A clock the test moves by hand. */
function manualClock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

describe('token bucket', () => {
  it('allows a burst, then refuses until time refills it', () => {
    const clock = manualClock();
    const bucket = createBucket({ burst: 3, perSecond: 2 }, clock.now);
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false]);
    clock.advance(499);
    expect(bucket.take()).toBe(false);
    clock.advance(1);
    expect(bucket.take()).toBe(true);
    expect(bucket.take()).toBe(false);
  });

  it('never holds more than its burst however long it waits', () => {
    const clock = manualClock();
    const bucket = createBucket({ burst: 2, perSecond: 10 }, clock.now);
    clock.advance(3_600_000);
    expect(bucket.level()).toBe(2);
    expect(bucket.full()).toBe(true);
  });

  it('gains nothing when the clock steps backwards', () => {
    const clock = manualClock();
    const bucket = createBucket({ burst: 1, perSecond: 1 }, clock.now);
    expect(bucket.take()).toBe(true);
    clock.advance(-10_000);
    expect(bucket.take()).toBe(false);
  });

  it('forgets keys whose buckets are full again, but not busy ones', () => {
    const clock = manualClock();
    const buckets = createKeyedBuckets({ burst: 1, perSecond: 1 }, clock.now);
    buckets.take('a');
    buckets.take('b');
    buckets.prune();
    expect(buckets.size).toBe(2);
    clock.advance(1000);
    buckets.prune((key) => key === 'b');
    expect(buckets.size).toBe(1);
    expect(buckets.take('a')).toBe(true);
  });
});

describe('guard', () => {
  it('lets a whole negotiation with ICE restarts through at default limits', () => {
    const clock = manualClock();
    const guard = createGuard(DEFAULT_LIMITS, clock.now);
    guard.track('a');
    // within one second: join, offer, answer, 60 candidates, then an ICE restart with 60 more
    expect(guard.check('a', '10.0.0.1', 'join')).toBe('ok');
    for (let i = 0; i < 2 + 60 + 2 + 60; i++) {
      expect(guard.check('a', '10.0.0.1', 'message')).toBe('ok');
      clock.advance(5);
    }
  });

  it('limits one socket and then asks for its disconnection when it keeps going', () => {
    const clock = manualClock();
    const limits = { ...DEFAULT_LIMITS, messageBurst: 5, messagePerSecond: 1, abuseStrikes: 3 };
    const guard = createGuard(limits, clock.now);
    ['a', 'b'].forEach(guard.track);
    const verdicts = Array.from({ length: 10 }, () => guard.check('a', '10.0.0.1', 'message'));
    expect(verdicts).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'limited', 'limited', 'limited', 'disconnect', 'disconnect']);
    expect(guard.check('b', '10.0.0.2', 'message')).toBe('ok');
  });

  it('counts joins and messages separately', () => {
    const clock = manualClock();
    const guard = createGuard({ ...DEFAULT_LIMITS, joinBurst: 1 }, clock.now);
    guard.track('a');
    expect(guard.check('a', 'x', 'join')).toBe('ok');
    expect(guard.check('a', 'x', 'join')).toBe('limited');
    expect(guard.check('a', 'x', 'message')).toBe('ok');
  });

  it('shares the address budget among the sockets of one address', () => {
    const clock = manualClock();
    const guard = createGuard({ ...DEFAULT_LIMITS, addressJoinBurst: 3 }, clock.now);
    ['a', 'b', 'c', 'd', 'e'].forEach(guard.track);
    expect(['a', 'b', 'c', 'd'].map((id) => guard.check(id, '10.0.0.9', 'join'))).toEqual(['ok', 'ok', 'ok', 'limited']);
    expect(guard.check('e', '10.0.0.10', 'join')).toBe('ok');
  });

  it('caps open connections per address and frees a slot on close', () => {
    const guard = createGuard({ ...DEFAULT_LIMITS, maxConnectionsPerAddress: 2 });
    guard.opened('x');
    expect(guard.admits('x')).toBe(true);
    guard.opened('x');
    expect(guard.admits('x')).toBe(false);
    expect(guard.admits('y')).toBe(true);
    guard.closed('x');
    expect(guard.admits('x')).toBe(true);
    expect(guard.connections('x')).toBe(1);
  });

  it('remembers a bounded number of sockets and addresses', () => {
    const clock = manualClock();
    const guard = createGuard(DEFAULT_LIMITS, clock.now);
    for (let i = 0; i < 5000; i++) {
      const address = `10.1.${i >> 8}.${i & 255}`;
      guard.opened(address);
      guard.track(`s${i}`);
      guard.check(`s${i}`, address, 'message');
      guard.forget(`s${i}`);
      guard.check(`s${i}`, address, 'message'); // a packet handled after the disconnect
      guard.closed(address);
      clock.advance(10);
    }
    expect(guard.tracked.sockets).toBe(0);
    expect(guard.tracked.addresses).toBeLessThanOrEqual(1100);
  });

  it('answers gone, and keeps nothing, for a socket it does not track or has forgotten', () => {
    const guard = createGuard(DEFAULT_LIMITS);
    expect(guard.check('never', 'x', 'message')).toBe('gone');
    guard.track('s');
    expect(guard.check('s', 'x', 'join')).toBe('ok');
    guard.forget('s');
    expect(guard.check('s', 'x', 'join')).toBe('gone');
    expect(guard.tracked.sockets).toBe(0);
  });
});
