import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PEOPLE_INTERVAL_MS, createCoalescer } from '../../src/server/people/coalescer.js';

function setup(intervalMs?: number) {
  let now = 1_000;
  const coalescer = createCoalescer({ clock: () => now, ...(intervalMs !== undefined && { intervalMs }) });
  return { coalescer, advance: (ms: number) => (now += ms), now: () => now };
}

describe('people list pacing', () => {
  it('sends the first list at once', () => {
    const { coalescer, now } = setup();
    coalescer.mark('ann');
    expect(coalescer.nextAt()).toBe(now());
    expect(coalescer.due()).toEqual(['ann']);
    expect(coalescer.due()).toEqual([]);
    expect(coalescer.nextAt()).toBeUndefined();
  });

  it('folds a burst of changes into one list per interval per viewer', () => {
    const { coalescer, advance, now } = setup();
    coalescer.mark('ann');
    coalescer.due();
    for (let i = 0; i < 10; i++) coalescer.mark('ann');
    expect(coalescer.due()).toEqual([]);
    expect(coalescer.nextAt()).toBe(now() + PEOPLE_INTERVAL_MS);
    advance(PEOPLE_INTERVAL_MS - 1);
    expect(coalescer.due()).toEqual([]);
    advance(1);
    expect(coalescer.due()).toEqual(['ann']);
    expect(coalescer.due()).toEqual([]);
  });

  it('paces each viewer on their own clock', () => {
    const { coalescer, advance, now } = setup(100);
    coalescer.mark('ann');
    coalescer.due();
    advance(60);
    coalescer.mark('ann');
    coalescer.mark('bob');
    expect(coalescer.due()).toEqual(['bob']);
    expect(coalescer.nextAt()).toBe(now() + 40);
    advance(40);
    expect(coalescer.due()).toEqual(['ann']);
  });

  it('sends nothing more to a viewer who is forgotten, and starts afresh if they come back', () => {
    const { coalescer } = setup();
    coalescer.mark('ann');
    coalescer.due();
    coalescer.mark('ann');
    coalescer.forget('ann');
    expect(coalescer.nextAt()).toBeUndefined();
    coalescer.mark('ann');
    expect(coalescer.due()).toEqual(['ann']);
  });

  it('never sends one viewer two lists within an interval, and never leaves a change unsent', () => {
    const step = fc.oneof(fc.record({ mark: fc.constantFrom('ann', 'bob') }), fc.record({ wait: fc.integer({ min: 0, max: 300 }) }));
    fc.assert(
      fc.property(fc.array(step, { maxLength: 80 }), (steps) => {
        const { coalescer, advance, now } = setup();
        const sent = new Map<string, number>();
        const pending = new Set<string>();
        const flush = () => {
          for (const viewer of coalescer.due()) {
            const last = sent.get(viewer);
            if (last !== undefined) expect(now() - last).toBeGreaterThanOrEqual(PEOPLE_INTERVAL_MS);
            sent.set(viewer, now());
            pending.delete(viewer);
          }
        };
        for (const s of steps) {
          if ('mark' in s) {
            coalescer.mark(s.mark);
            pending.add(s.mark);
          } else advance(s.wait);
          flush();
        }
        for (let next = coalescer.nextAt(); next !== undefined; next = coalescer.nextAt()) {
          advance(next - now());
          flush();
        }
        expect([...pending]).toEqual([]);
      }),
    );
  });
});
