/**
 * Property-based fuzzing of every event through a real socket.io-client: random
 * event names, argument counts, types, nesting, prototype keys and binary
 * attachments. The server must stay up with bounded state, and a call in
 * another room must keep relaying throughout.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { startCall, type Call } from '../support/signal-call.js';
import { startServer, type Client, type Running } from '../support/server.js';

const GENEROUS = {
  ...DEFAULT_LIMITS,
  messageBurst: 1e6,
  addressMessageBurst: 1e6,
  joinBurst: 1e6,
  addressJoinBurst: 1e6,
};

const KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'type', 'sdp', 'candidate', 'label', 'id', '_placeholder', 'num'];
const ROOMS = ['fuzz-room', 'steady-call', '', 'a'.repeat(65), 'room\r\nINFO forged', '\u001b[31mred', '__proto__', 'constructor'];

/** An object with these own keys, `__proto__` included (an own property, as JSON.parse makes it). */
function objectOf(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of entries) Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  return out;
}

function nest(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { d: value };
  return value;
}

const leaf = fc.oneof(
  fc.string({ maxLength: 20 }),
  fc.constantFrom(...ROOMS),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.uint8Array({ maxLength: 32 }).map((bytes) => Buffer.from(bytes)),
  fc.constantFrom('x'.repeat(70_000), 'v=0\r\n'.repeat(100)),
  fc.integer({ min: 1, max: 40 }).map(nest),
);

const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })), tie('value')), { maxLength: 5 }).map(objectOf),
}));

/** The requests of calls by name, fuzzed like the room events. */
const PEOPLE_EVENTS = ['login', 'logout', 'call', 'cancel', 'accept', 'decline', 'hangup'];
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);
const eventName = fc
  .oneof(
    fc.constantFrom('join', 'leave', 'message', 'error', '__proto__', 'constructor', 'toString', 'hasOwnProperty', ...PEOPLE_EVENTS),
    fc.string({ maxLength: 12 }),
  )
  .filter((name) => !RESERVED.has(name));

const binaryBomb = fc.integer({ min: 9, max: 40 }).map((n) => Array.from({ length: n }, () => Buffer.alloc(4)));

const event = fc.record({
  name: eventName,
  args: fc.oneof({ weight: 9, arbitrary: fc.array(value, { maxLength: 6 }) }, { weight: 1, arbitrary: binaryBomb.map((b) => [b]) }),
  ack: fc.boolean(),
});

describe('fuzzing every event', () => {
  let running: Running;
  let call: Call;
  let fuzzer: Client;

  beforeAll(async () => {
    running = await startServer({}, { limits: GENEROUS });
    call = await startCall(running, 'steady-call');
    fuzzer = await running.client();
  });
  afterAll(() => running?.close());

  it('stays up, keeps bounded state and keeps another call relaying, whatever a client emits', async () => {
    const heapBefore = process.memoryUsage().heapUsed;
    let runs = 0;
    let reconnects = 0;
    await fc.assert(
      fc.asyncProperty(event, async ({ name, args, ack }) => {
        if (!fuzzer.connected) {
          reconnects++;
          fuzzer = await running.client();
        }
        const known = name === 'join' || name === 'leave' || name === 'message';
        if (known && ack) {
          await (fuzzer.timeout(3000).emitWithAck as (...a: unknown[]) => Promise<unknown>)(name, ...args).catch(() => undefined);
        } else {
          (fuzzer.emit as (...a: unknown[]) => void)(name, ...args);
        }
        // a round trip: the server has handled the event (or dropped this client for it)
        if (fuzzer.connected)
          await fuzzer
            .timeout(3000)
            .emitWithAck('leave', 'sync' as never)
            .catch(() => undefined);
        if (++runs % 50 === 0) {
          await call.negotiate(5);
          expect(call.problems).toEqual([]);
        }
      }),
      { seed: 20260601, numRuns: 300, endOnFailure: true },
    );
    await call.negotiate(10);
    expect(call.problems).toEqual([]);
    fuzzer.disconnect();
    await new Promise((ok) => setTimeout(ok, 200));
    expect(running.server.rooms!.roomCount).toBe(1); // only the steady call is left
    expect(running.server.guard.tracked.sockets).toBeLessThanOrEqual(2);
    expect(running.server.io.engine.clientsCount).toBe(2);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(200 * 1024 * 1024);
    expect(reconnects).toBeGreaterThan(0); // binary bombs and oversized frames did cost the fuzzer its connection
  });
});
