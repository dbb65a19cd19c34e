/**
 * A fake of the people page's socket for unit tests of the DOM-free controller and call link:
 * the test fires server events and reads what the page sent (acks answered by `reply`).
 */
import type { PeopleSocket } from '../../src/public/js/people/people-socket.js';

type Listener = (...args: unknown[]) => void;

export interface FakeSocket {
  socket: PeopleSocket;
  /** Every emit of the page: event and arguments (without the ack). */
  sent: Array<[string, ...unknown[]]>;
  /** The acknowledgement the fake server gives to `event` (default `{ok:true}`). */
  reply: Map<string, unknown>;
  /** The server sends `event`. */
  fire(event: string, ...args: unknown[]): void;
  listeners(event: string): number;
}

export function fakeSocket(): FakeSocket {
  const on = new Map<string, Set<Listener>>();
  const fake: FakeSocket = {
    sent: [],
    reply: new Map(),
    fire: (event, ...args) => [...(on.get(event) ?? [])].forEach((fn) => fn(...args)),
    listeners: (event) => on.get(event)?.size ?? 0,
    socket: undefined as unknown as PeopleSocket,
  };
  const socket = {
    connected: true,
    id: 'me',
    on(event: string, fn: Listener) {
      on.set(event, (on.get(event) ?? new Set()).add(fn));
      return socket;
    },
    off(event: string, fn: Listener) {
      on.get(event)?.delete(fn);
      return socket;
    },
    emit(event: string, ...args: unknown[]) {
      const ack = typeof args.at(-1) === 'function' ? (args.pop() as (reply: unknown) => void) : undefined;
      fake.sent.push([event, ...args]);
      ack?.(fake.reply.get(event) ?? { ok: true });
      return socket;
    },
  };
  fake.socket = socket as unknown as PeopleSocket;
  return fake;
}
