/**
 * D4 against the built entry point: while six readers stop reading and their
 * senders relay the largest payloads (six pairs) within the rate limits, the server process's RSS
 * (read from /proc) grows by less than 100 MB, and a legitimate call still completes.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, spawnEntry, type Entry } from '../support/entry.js';
import { next, type Client } from '../support/server.js';

const certsDir = mkdtempSync(join(tmpdir(), 'duet-rss-'));
const clients: Client[] = [];
let entry: Entry | undefined;
afterAll(() => {
  for (const client of clients) client.close();
  entry?.kill();
  rmSync(certsDir, { recursive: true, force: true });
});

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return Number(line!.split(/\s+/)[1]) / 1024;
}

async function connect(port: number, ca: string, localAddress: string): Promise<Client> {
  const client = io(`https://localhost:${port}`, { ca, localAddress, transports: ['websocket'], reconnection: false, forceNew: true } as never) as Client;
  clients.push(client);
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${localAddress} did not connect within 20 s`)), 20_000);
    client.once('connect', () => (clearTimeout(timer), ok()));
    client.once('connect_error', (error) => (clearTimeout(timer), fail(error)));
  });
  return client;
}

function enter(client: Client, room: string): Promise<unknown> {
  return client.timeout(20_000).emitWithAck('join', room as never) as Promise<unknown>;
}

/** Stops reading the client's WebSocket for good, as a peer that stops reading would. */
function pauseReading(client: Client): void {
  const socket = (client.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): unknown } } }).ws._socket;
  socket.pause();
  socket.resume = () => socket; // ws resumes a paused socket once its parser drains; this reader never does
}

const BLOB = 'x'.repeat(20_000); // about the largest string MAX_MESSAGE_BYTES lets through

describe('a peer that stops reading, against the built server', () => {
  it('keeps the server process under 100 MB of RSS growth and a legitimate call working', async () => {
    const port = await freePort();
    entry = spawnEntry({ PORT: String(port), HOST: '127.0.0.1', CERTS_DIR: certsDir });
    await entry.waitFor('duet is running', 60_000);
    const ca = readFileSync(join(certsDir, 'ca.pem'), 'utf8');
    const pid = entry.child.pid!;
    const pairs = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(async (n) => {
        const reader = await connect(port, ca, `127.0.3.${n}`);
        const sender = await connect(port, ca, `127.0.4.${n}`);
        await enter(reader, `stalled-${n}`);
        await enter(sender, `stalled-${n}`);
        return { reader, sender, room: `stalled-${n}` };
      }),
    );
    const before = rssMb(pid);
    let peak = before;
    for (const { reader } of pairs) pauseReading(reader);
    // within the rate limits (400 at once, 100 a second): a burst of 350, then 90 a second, for 12 s
    const started = Date.now();
    let sent = 0;
    while (Date.now() - started < 12_000) {
      const due = 350 + Math.floor(((Date.now() - started) / 1000) * 90);
      for (; sent < due; sent++) for (const { sender, room } of pairs) sender.emit('message', room, { type: 'blob', blob: BLOB });
      peak = Math.max(peak, rssMb(pid));
      await new Promise((ok) => setTimeout(ok, 50));
    }
    // a legitimate call meanwhile: join, then a few relays each way
    const a = await connect(port, ca, '127.0.9.1');
    const b = await connect(port, ca, '127.0.9.2');
    expect(await enter(a, 'legit')).toMatchObject({ ok: true });
    expect(await enter(b, 'legit')).toMatchObject({ ok: true });
    for (let i = 0; i < 3; i++) {
      const atB = next(b, 'message', 20_000);
      a.emit('message', 'legit', { type: 'offer', sdp: `v=0 ${i}` });
      expect((await atB)[1]).toEqual({ type: 'offer', sdp: `v=0 ${i}` });
      const atA = next(a, 'message', 20_000);
      b.emit('message', 'legit', { type: 'answer', sdp: `v=0 ${i}` });
      expect((await atA)[1]).toEqual({ type: 'answer', sdp: `v=0 ${i}` });
    }
    peak = Math.max(peak, rssMb(pid));
    expect(entry.child.exitCode).toBeNull();
    expect(peak - before).toBeLessThan(100);
  }, 180_000);
});
