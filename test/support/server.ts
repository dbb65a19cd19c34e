/**
 * Test helpers: a real duet server on an ephemeral HTTPS port with the run's
 * certificate, and Socket.IO clients that trust its CA.
 */
import { readFileSync } from 'node:fs';
import { join as joinPath, resolve } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { inject, onTestFinished } from 'vitest';
import { createServer, type DuetInstance, type ServerConfig, type ServerDeps } from '../../src/server/app.js';
import type { ClientToServerEvents, ServerToClientEvents } from '../../src/shared/events.js';
import { silentLogger } from '../../src/server/log/logger.js';
import { EVENT_WAIT_MS } from './waits.js';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export const PUBLIC_DIR = resolve('dist/public');

export function testTls(): { ca: string; key: string; cert: string } {
  const dir = inject('certsDir');
  return {
    ca: readFileSync(joinPath(dir, 'ca.pem'), 'utf8'),
    key: readFileSync(joinPath(dir, 'key.pem'), 'utf8'),
    cert: readFileSync(joinPath(dir, 'cert.pem'), 'utf8'),
  };
}

export interface ClientOptions {
  transports?: string[];
  /** Connect from this local address (any 127.x.y.z works on Linux), to act as another client address. */
  localAddress?: string;
  extraHeaders?: Record<string, string>;
  /** The handshake's `auth` payload (ACCESS_CODE: `{code}`). */
  auth?: Record<string, unknown>;
}

export interface Running {
  server: DuetInstance;
  url: string;
  port: number;
  ca: string;
  /** The server certificate chain (PEM), e.g. for a browser's SPKI allow-list. */
  cert: string;
  clients: Client[];
  client(options?: ClientOptions): Promise<Client>;
  close(): Promise<void>;
}

export async function startServer(deps: Partial<ServerDeps> = {}, config: Partial<ServerConfig> = {}): Promise<Running> {
  const tls = testTls();
  const server = createServer(
    { port: 0, host: '127.0.0.1', ...config },
    { logger: silentLogger, tls: { key: tls.key, cert: tls.cert }, ca: tls.ca, publicDir: PUBLIC_DIR, ...deps },
  );
  const { url, port } = await server.listen();
  const clients: Client[] = [];
  return {
    server,
    url,
    port,
    ca: tls.ca,
    cert: tls.cert,
    clients,
    async client(options = {}) {
      const socket: Client = connect(url, {
        ca: tls.ca,
        transports: options.transports ?? ['websocket'],
        localAddress: options.localAddress,
        extraHeaders: options.extraHeaders,
        ...(options.auth && { auth: options.auth }),
        reconnection: false,
        forceNew: true,
        timeout: EVENT_WAIT_MS,
      } as Parameters<typeof connect>[1]);
      clients.push(socket);
      await new Promise<void>((ok, fail) => {
        const timer = setTimeout(() => fail(new Error(`client did not connect within ${EVENT_WAIT_MS / 1000} s`)), EVENT_WAIT_MS);
        socket.once('connect', () => (clearTimeout(timer), ok()));
        socket.once('connect_error', (error) => (clearTimeout(timer), fail(error)));
      });
      return socket;
    },
    async close() {
      for (const socket of clients) socket.disconnect();
      await server.close();
    },
  };
}

/**
 * A server for the running test only: it is closed when the test finishes, passed or failed, after
 * the test's own afterEach hooks (hocuspocus's newHocuspocus registers its teardown the same way).
 */
export async function newServer(deps: Partial<ServerDeps> = {}, config: Partial<ServerConfig> = {}): Promise<Running> {
  const running = await startServer(deps, config);
  onTestFinished(() => running.close());
  return running;
}

/** Resolves with the arguments of the next `event` on `socket`, or rejects after `ms`. */
export function next<E extends keyof ServerToClientEvents>(socket: Client, event: E, ms = EVENT_WAIT_MS): Promise<Parameters<ServerToClientEvents[E]>> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => {
      socket.off(event, handler as never);
      fail(new Error(`no "${String(event)}" within ${ms} ms`));
    }, ms);
    const handler = (...args: unknown[]) => {
      clearTimeout(timer);
      ok(args as Parameters<ServerToClientEvents[E]>);
    };
    socket.once(event, handler as never);
  });
}

/** Collects every `event` on `socket` from now on. */
export function record<E extends keyof ServerToClientEvents>(socket: Client, event: E): Array<Parameters<ServerToClientEvents[E]>> {
  const seen: Array<Parameters<ServerToClientEvents[E]>> = [];
  socket.on(event, ((...args: unknown[]) => seen.push(args as Parameters<ServerToClientEvents[E]>)) as never);
  return seen;
}

/** Waits `ms` so that anything the server might wrongly send has time to arrive. */
export const settle = (ms = 150) => new Promise((ok) => setTimeout(ok, ms));

/** A room no test joins: a message to it is refused with an acknowledgement and changes nothing. */
const ROUND_TRIP_ROOM = 'round-trip-barrier';

/**
 * A round-trip barrier instead of a sleep, for asserting that nothing arrived: each
 * socket in turn sends a message the server refuses with an ack. Once a socket's ack
 * is back, everything the server sent it before has arrived (one connection keeps its
 * order), and the server has handled what that socket sent before. Put the socket
 * whose event would cause the unwanted delivery first, the receivers after it.
 */
export async function roundTrip(...sockets: Client[]): Promise<void> {
  for (const socket of sockets) await socket.timeout(EVENT_WAIT_MS).emitWithAck('message', ROUND_TRIP_ROOM, null);
}

/** Joins `room` with an acknowledgement and returns the reply. */
export function joinRoom(socket: Client, room: string): Promise<unknown> {
  return socket.timeout(EVENT_WAIT_MS).emitWithAck('join', room as never) as Promise<unknown>;
}
