/**
 * A client device on the LAN: plain HTTP(S) requests and one Socket.IO client,
 * driven by the test over IPC. Every event the socket receives is queued, so a
 * `next` call cannot miss one that arrived before it was asked for.
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/shared/events.js';
import { fetchOnce } from '../support/http.js';
import { serveCalls } from './calls.js';
import { UI_WAIT_MS } from '../support/waits.js';

/** A `get` answer as the test reads it (the body as UTF-8 text). */
export interface Got {
  status: number;
  headers: Record<string, string | undefined>;
  body: string;
}

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;
let socket: Client | undefined;
const queues = new Map<string, unknown[][]>();
const waiters = new Map<string, Array<(args: unknown[]) => void>>();

function deliver(event: string, args: unknown[]): void {
  const waiting = waiters.get(event)?.shift();
  if (waiting) return waiting(args);
  queues.set(event, [...(queues.get(event) ?? []), args]);
}

serveCalls({
  async get(url: string, options: { ca?: string; host?: string } = {}) {
    const reply = await fetchOnce(url, options);
    return { status: reply.status, headers: reply.headers, body: reply.body.toString('base64') };
  },
  connect(url: string, ca: string) {
    return new Promise<string>((ok, fail) => {
      socket = connect(url, { ca, transports: ['websocket'], reconnection: false, forceNew: true, timeout: UI_WAIT_MS } as Parameters<typeof connect>[1]);
      socket.onAny((event: string, ...args: unknown[]) => deliver(event, args));
      socket.once('connect', () => ok(socket!.id ?? ''));
      socket.once('connect_error', (error) => fail(error));
    });
  },
  emit(event: keyof ClientToServerEvents, ...args: unknown[]) {
    const emitter = socket!.timeout(UI_WAIT_MS) as unknown as { emitWithAck(e: string, ...a: unknown[]): Promise<unknown> };
    return emitter.emitWithAck(event, ...args);
  },
  next(event: string, ms = UI_WAIT_MS) {
    const queued = queues.get(event)?.shift();
    if (queued) return queued;
    return new Promise<unknown[]>((ok, fail) => {
      const list = waiters.get(event) ?? [];
      const waiter = (args: unknown[]) => (clearTimeout(timer), ok(args));
      const timer = setTimeout(() => {
        list.splice(list.indexOf(waiter), 1);
        fail(new Error(`no "${event}" within ${ms} ms`));
      }, ms);
      list.push(waiter);
      waiters.set(event, list);
    });
  },
  disconnect() {
    socket?.disconnect();
    return true;
  },
});
process.send?.({ ready: true });
