import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDirectory } from '../../src/server/people/directory.js';
import { RING_TIMEOUT_MS, createRings, type PeopleEvent } from '../../src/server/people/rings.js';

const people = ['ann', 'bob', 'cat', 'dan'] as const;
const person = fc.constantFrom(...people);
const op = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('call' as const), who: person, other: person }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constantFrom('accept' as const, 'decline' as const), who: person, pick: fc.nat(3) }) },
  fc.record({ kind: fc.constantFrom('cancel' as const, 'hangup' as const, 'logout' as const, 'disconnect' as const, 'login' as const), who: person }),
  fc.record({ kind: fc.constant('room' as const), who: person, inRoom: fc.boolean() }),
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(1, 5_000, 10_000, RING_TIMEOUT_MS / 2, RING_TIMEOUT_MS - 1) }) },
);

/** What each person's page would believe from the events it was sent. */
class Pages {
  outgoing = new Map<string, string>(); // caller → callee name
  since = new Map<string, number>(); // caller → when the ring started
  constructor(private readonly clock: () => number) {}
  incoming = new Map<string, Set<string>>(); // callee → caller names
  calls = new Map<string, string>(); // person → peer name

  apply(events: PeopleEvent[], initiator: string, kind: string): void {
    for (const { to, event, args } of events) {
      const rung = this.incoming.get(to) ?? new Set<string>();
      this.incoming.set(to, rung);
      switch (event) {
        case 'ringing':
          expect(this.outgoing.has(to), `${to} rings twice`).toBe(false);
          this.outgoing.set(to, args[0]);
          this.since.set(to, this.clock());
          break;
        case 'incoming':
          expect(rung.has(args[0]), `${to} rung twice by ${args[0]}`).toBe(false);
          rung.add(args[0]);
          break;
        case 'unavailable':
          if (kind === 'call' && to === initiator && !this.outgoing.has(to)) break; // the immediate answer to a call
          expect(this.outgoing.get(to), `${to} told ${args[1]} about a ring that was not on`).toBe(args[0]);
          this.outgoing.delete(to);
          break;
        case 'cancelled':
          expect(rung.delete(args[0]), `${to} told a ring from ${args[0]} ended that was not on`).toBe(true);
          break;
        case 'accepted':
          if (this.outgoing.get(to) === args[1]) this.outgoing.delete(to);
          else expect(rung.delete(args[1]), `${to} accepted a ring that was not on`).toBe(true);
          expect(this.calls.has(to)).toBe(false);
          this.calls.set(to, args[1]);
          break;
        case 'hangup':
          expect(this.calls.get(to)).toBe(args[0]);
          this.calls.delete(to);
          break;
        default:
          throw new Error(`unexpected event ${event}`);
      }
    }
  }
}

describe('rings, whatever happens', () => {
  it('ends every ring exactly once and keeps every page in step with the server', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 50 }), (ops) => {
        let now = 0;
        let counter = 0;
        const clock = () => now;
        const randomBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i < 4 ? (++counter >> (8 * i)) & 255 : 0));
        const directory = createDirectory({ clock, randomBytes });
        const rings = createRings({ lookup: directory, clock, randomBytes });
        const pages = new Pages(clock);
        for (const name of people) directory.login(name, name);
        const leave = (who: string, gone: boolean) => {
          pages.apply(rings.release(who, gone).events, who, 'release');
          pages.outgoing.delete(who);
          pages.incoming.delete(who);
          pages.calls.delete(who);
        };
        for (const step of ops) {
          if (step.kind === 'wait') {
            now += step.ms;
            pages.apply(rings.expire(), '', 'expire');
            continue;
          }
          const { who } = step;
          switch (step.kind) {
            case 'call': {
              const result = rings.call(who, step.other);
              if (result.ok) pages.apply(result.events, who, 'call');
              break;
            }
            case 'accept':
            case 'decline': {
              // mostly someone who is ringing them, else anyone
              const callers = [...(pages.incoming.get(who) ?? [])];
              const other = callers[step.pick % Math.max(callers.length, 1)] ?? people[step.pick]!;
              const result = rings[step.kind](who, other);
              if (!result.ok) break;
              if (step.kind === 'decline') pages.incoming.get(who)!.delete(other);
              else pages.outgoing.delete(who); // accepting withdraws your own ring
              pages.apply(result.events, who, step.kind);
              break;
            }
            case 'cancel': {
              const result = rings.cancel(who);
              if (result.ok) pages.outgoing.delete(who);
              if (result.ok) pages.apply(result.events, who, 'cancel');
              break;
            }
            case 'hangup': {
              const result = rings.hangup(who);
              if (result.ok) pages.calls.delete(who);
              if (result.ok) pages.apply(result.events, who, 'hangup');
              break;
            }
            case 'logout':
            case 'disconnect':
              if (!directory.whoIs(who)) break;
              leave(who, step.kind === 'disconnect');
              directory[step.kind](who);
              break;
            case 'login':
              directory.login(who, who);
              break;
            case 'room': {
              const events = rings.setInRoom(who, step.inRoom);
              if (step.inRoom) pages.outgoing.delete(who);
              pages.apply(events, who, 'room');
              break;
            }
          }
          for (const p of people) {
            const onPage = pages.outgoing.has(p) || (pages.incoming.get(p)?.size ?? 0) > 0 || pages.calls.has(p);
            if (onPage) expect(rings.isBusy(p), `${p} busy`).toBe(true);
            expect(rings.callOf(p)?.peer).toBe(pages.calls.get(p));
            if (pages.calls.has(p)) expect(pages.outgoing.has(p) || (pages.incoming.get(p)?.size ?? 0) > 0, `${p} rings in a call`).toBe(false);
            if (pages.outgoing.has(p)) expect(now - pages.since.get(p)!, `${p} rang too long`).toBeLessThan(RING_TIMEOUT_MS);
          }
        }
        now += RING_TIMEOUT_MS;
        pages.apply(rings.expire(), '', 'expire');
        expect(rings.nextExpiry()).toBeUndefined();
        expect([...pages.outgoing]).toEqual([]);
        expect([...pages.incoming.values()].flatMap((s) => [...s])).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
