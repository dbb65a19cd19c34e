import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createPeople, type People } from '../../src/server/people/people.js';
import { EMPTY_PEOPLE_STATE, type PeopleState } from '../../src/server/people/state.js';

const sockets = ['s1', 's2', 's3', 's4', 's5'] as const;
const names = ['Ann', 'bob', 'BOB', 'Cat', 'dan'] as const;
const socket = fc.constantFrom(...sockets);
const name = fc.constantFrom(...names);
const op = fc.oneof(
  fc.record({ kind: fc.constant('login' as const), who: socket, name, useToken: fc.boolean() }),
  fc.record({ kind: fc.constant('call' as const), who: socket, name }),
  fc.record({ kind: fc.constantFrom('accept' as const, 'decline' as const), who: socket, name }),
  fc.record({ kind: fc.constantFrom('cancel' as const, 'hangup' as const, 'logout' as const, 'disconnect' as const), who: socket }),
  fc.record({ kind: fc.constant('room' as const), who: socket, inRoom: fc.boolean() }),
  fc.record({ kind: fc.constant('wait' as const), ms: fc.constantFrom(1, 100, 250, 5_000, 15_001, 30_000) }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

function apply(people: People, o: Op, tokens: Map<string, string>): unknown {
  switch (o.kind) {
    case 'login': {
      const step = people.login(o.who, o.name, o.useToken ? tokens.get(o.name.toLowerCase()) : undefined);
      if (step.reply.ok) tokens.set(o.name.toLowerCase(), step.reply.token);
      return step;
    }
    case 'call':
      return people.call(o.who, o.name);
    case 'accept':
      return people.accept(o.who, o.name);
    case 'decline':
      return people.decline(o.who, o.name);
    case 'cancel':
      return people.cancel(o.who);
    case 'hangup':
      return people.hangup(o.who);
    case 'logout':
      return people.logout(o.who);
    case 'disconnect':
      return people.disconnect(o.who);
    case 'room':
      return people.room(o.who, 'some-room', o.inRoom);
    case 'wait':
      return people.tick();
  }
}

describe('the state of calls by name as JSON', () => {
  it('a service rebuilt from its JSON snapshot before every request answers exactly like one that kept running', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        let now = 1_000_000;
        let counter = 0;
        const randomBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i === 0 ? ++counter % 256 : i));
        const options = { clock: () => now, randomBytes, ringTimeoutMs: 20_000 };
        const kept = createPeople(options);
        let state: PeopleState = EMPTY_PEOPLE_STATE;
        const tokensKept = new Map<string, string>();
        const tokensRebuilt = new Map<string, string>();
        for (const o of ops) {
          if (o.kind === 'wait') now += o.ms;
          // the rebuilt one uses the same random bytes: replay the counter
          const before = counter;
          const a = apply(kept, o, tokensKept);
          counter = before;
          const rebuilt = createPeople({ ...options, state: JSON.parse(JSON.stringify(state)) as PeopleState });
          const b = apply(rebuilt, o, tokensRebuilt);
          expect(b).toEqual(a);
          expect(rebuilt.nextWake()).toEqual(kept.nextWake());
          state = rebuilt.snapshot();
          expect(JSON.parse(JSON.stringify(state))).toEqual(kept.snapshot());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('starts empty and keeps what a login and a ring hold', () => {
    const people = createPeople({ clock: () => 5, randomBytes: (n) => new Uint8Array(n).fill(7) });
    expect(people.snapshot()).toEqual({ ...EMPTY_PEOPLE_STATE, pacer: { lastSent: [], waiting: [] } });
    people.login('a', 'Ann');
    people.login('b', 'Bob');
    people.call('a', 'bob');
    const restored = createPeople({ clock: () => 6, randomBytes: (n) => new Uint8Array(n).fill(8), state: JSON.parse(JSON.stringify(people.snapshot())) });
    expect(restored.isBusy('a')).toBe(true);
    expect(restored.accept('b', 'Ann').reply).toMatchObject({ ok: true, peer: 'Ann' });
    expect(restored.hangup('a').events).toEqual([{ to: 'b', event: 'hangup', args: ['Ann'] }]);
  });
});
