/**
 * The tutorial's own client is built on Socket.IO 2.x (Engine.IO 3): it must
 * connect and work unchanged.
 */
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { joinRoom, newServer, next, type Running } from '../support/server.js';

interface LegacySocket {
  id: string;
  connected: boolean;
  on(event: string, listener: (...args: unknown[]) => void): void;
  once(event: string, listener: (...args: unknown[]) => void): void;
  emit(event: string, ...args: unknown[]): void;
  close(): void;
}
const require = createRequire(import.meta.url);
const legacyIo = require('socket.io-client-v2') as (url: string, options: object) => LegacySocket;

function nextLegacy(socket: LegacySocket, event: string, ms = 3000): Promise<unknown[]> {
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no "${event}" within ${ms} ms`)), ms);
    socket.once(event, (...args) => (clearTimeout(timer), ok(args)));
  });
}

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

/** A 2.x client of the running test's server, closed when the test finishes (before the server). */
async function legacyClient(transports: string[]): Promise<LegacySocket> {
  const socket = legacyIo(duet.url, { ca: duet.ca, transports, forceNew: true, reconnection: false });
  onTestFinished(() => socket.close());
  await nextLegacy(socket, 'connect');
  return socket;
}

describe.each([['websocket'], ['polling']])('a Socket.IO 2.x client over %s', (transport) => {
  it('joins, receives otherjoin and relays both ways with a 4.x client', async () => {
    const old = await legacyClient([transport]);
    const joined = nextLegacy(old, 'joined');
    old.emit('join', 'tutorial');
    expect(await joined).toEqual(['tutorial', old.id]);

    const modern = await duet.client();
    const otherjoin = nextLegacy(old, 'otherjoin');
    await joinRoom(modern, 'tutorial');
    expect(await otherjoin).toEqual(['tutorial', modern.id]);

    const offer = { type: 'offer', sdp: 'v=0\r\n' };
    const atModern = next(modern, 'message');
    old.emit('message', 'tutorial', offer);
    expect(await atModern).toEqual(['tutorial', offer]);

    const answer = { type: 'answer', sdp: 'v=0\r\n' };
    const atOld = nextLegacy(old, 'message');
    modern.emit('message', 'tutorial', answer);
    expect(await atOld).toEqual(['tutorial', answer]);
  });
});

it('tells a 2.x client leaved and its peer bye when it leaves', async () => {
  const old = await legacyClient(['websocket']);
  const modern = await duet.client();
  await joinRoom(modern, 'tutorial');
  const joined = nextLegacy(old, 'joined');
  old.emit('join', 'tutorial');
  await joined;
  const leaved = nextLegacy(old, 'leaved');
  const bye = next(modern, 'bye');
  old.emit('leave', 'tutorial');
  expect(await leaved).toEqual(['tutorial', old.id]);
  expect(await bye).toEqual(['tutorial', old.id]);
});
