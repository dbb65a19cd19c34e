import { connect, type Socket } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { connectionCap } from '../../src/server/admission/connection-caps.js';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { newServer } from '../support/server.js';

/** A TCP connection that never sends a TLS ClientHello, destroyed when the test finishes. */
function idle(port: number, localAddress: string): Promise<Socket> {
  return new Promise((ok, fail) => {
    const socket = connect({ host: '127.0.0.1', port, localAddress }, () => ok(socket));
    onTestFinished(() => void socket.destroy());
    socket.on('error', fail);
  });
}

/** Resolves with how long `socket` took to close, or Infinity if still open after `ms`. */
function closedWithin(socket: Socket, ms: number): Promise<number> {
  const started = Date.now();
  if (socket.destroyed) return Promise.resolve(0);
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(Infinity), ms);
    socket.once('close', () => (clearTimeout(timer), ok(Date.now() - started)));
    socket.resume();
  });
}

describe('connections that never finish TLS', () => {
  it('closes a TCP connection that sends no ClientHello once the handshake timeout passes', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, tlsHandshakeTimeoutMs: 500 } });
    const socket = await idle(running.port, '127.0.6.1');
    expect(await closedWithin(socket, 5000)).toBeLessThan(5000);
  });

  it('refuses an address its connection past the pending-TLS cap while another address still gets in', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, maxPendingTlsPerAddress: 64 } });
    const pending: Socket[] = [];
    for (let i = 0; i < 64; i++) pending.push(await idle(running.port, '127.0.6.2'));
    const extra = await idle(running.port, '127.0.6.2');
    expect(await closedWithin(extra, 3000)).toBeLessThan(3000);
    const neighbour = await idle(running.port, '127.0.6.3');
    expect(await closedWithin(neighbour, 500)).toBe(Infinity);
    await expect(running.client({ localAddress: '127.0.6.4' })).resolves.toBeDefined();
    // once the idle ones go, the address gets in again
    for (const socket of pending) socket.destroy();
    const deadline = Date.now() + 3000;
    let again = Infinity as number;
    while (Date.now() < deadline) {
      const socket = await idle(running.port, '127.0.6.2');
      again = await closedWithin(socket, 300);
      if (again === Infinity) break;
    }
    expect(again).toBe(Infinity);
  });

  it('derives the total connection cap from the open-file limit unless MAX_CONNECTIONS is set', () => {
    expect(connectionCap(500, 1024)).toBe(500);
    expect(connectionCap(0, 1024)).toBe(716);
    expect(connectionCap(0, undefined)).toBe(0);
  });
});
