/**
 * Graceful shutdown of the real entry point: the built server, on the port it picks
 * (PORT=0) with its own certificate folder, is sent SIGTERM / SIGINT.
 */
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnDuet, type Entry } from '../support/entry.js';
import type { Client } from '../support/server.js';
import { joinRoom, next } from '../support/server.js';

interface Spawned {
  child: ChildProcess;
  url: string;
  ca: string;
  exit: Promise<{ code: number | null; at: number }>;
}

describe('graceful shutdown', () => {
  const certsDir = mkdtempSync(join(tmpdir(), 'duet-shutdown-'));
  const entries: Entry[] = [];
  const clients: Client[] = [];

  afterEach(() => {
    for (const socket of clients.splice(0)) socket.disconnect();
    for (const entry of entries.splice(0)) entry.kill();
  });
  afterAll(() => rmSync(certsDir, { recursive: true, force: true }));

  async function spawnServer(env: Record<string, string> = {}): Promise<Spawned> {
    const entry = await spawnDuet({ HOST: '127.0.0.1', CERTS_DIR: certsDir, LOG_LEVEL: 'warn', ...env });
    entries.push(entry);
    const { child, port } = entry;
    const exit = once(child, 'exit').then(([code]) => ({ code: code as number | null, at: Date.now() }));
    return { child, url: `https://127.0.0.1:${port}`, ca: readFileSync(join(certsDir, 'ca.pem'), 'utf8'), exit };
  }

  async function client(server: Spawned): Promise<Client> {
    const socket: Client = connect(server.url, { ca: server.ca, transports: ['websocket'], reconnection: false, forceNew: true } as Parameters<
      typeof connect
    >[1]);
    clients.push(socket);
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error('no connection within 5 s')), 5000);
      socket.once('connect', () => (clearTimeout(timer), ok()));
      socket.once('connect_error', (error) => (clearTimeout(timer), fail(error)));
    });
    return socket;
  }

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'tells connected clients and exits 0 within 5 s on %s',
    async (signal) => {
      const server = await spawnServer();
      const alice = await client(server);
      const bob = await client(server);
      await joinRoom(alice, 'closing-room');
      await joinRoom(bob, 'closing-room');
      const told = Promise.all([next(alice, 'error', 5000), next(bob, 'error', 5000)]);
      const dropped = Promise.all([alice, bob].map((s) => new Promise((ok) => s.once('disconnect', ok))));
      const sentAt = Date.now();
      server.child.kill(signal);
      const messages = await told;
      expect(messages.map(([e]) => e.code)).toEqual(['server-shutting-down', 'server-shutting-down']);
      await dropped;
      const { code, at } = await server.exit;
      expect(code).toBe(0);
      expect(at - sentAt).toBeLessThan(5000);
    },
    40_000,
  );

  it('exits at once on a second signal', async () => {
    const server = await spawnServer({ SHUTDOWN_GRACE_MS: '4000' });
    const alice = await client(server);
    const told = next(alice, 'error', 5000);
    server.child.kill('SIGTERM');
    await told; // shutdown has begun: it waits for clients to hear it
    const secondAt = Date.now();
    server.child.kill('SIGTERM');
    const { code, at } = await server.exit;
    expect(code).toBe(143);
    expect(at - secondAt).toBeLessThan(2000); // not the 4 s grace period
  }, 40_000);
});
