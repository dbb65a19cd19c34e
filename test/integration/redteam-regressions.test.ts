/**
 * Attacks from the red-team round that the server withstood, kept as
 * regression tests where the fuzz, bad-input and flood tests did not cover them:
 * extreme frames over EIO3 and EIO4 WebSocket and polling, the per-address cap
 * under 200 concurrent handshakes, and join/leave/disconnect races.
 */
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { openPollingSession, poll } from '../support/poll-request.js';
import { startCall } from '../support/signal-call.js';
import { type Client, newServer, type Running } from '../support/server.js';
import { EVENT_WAIT_MS } from '../support/waits.js';

const EXTREME = [
  `42["message","r",${Array.from({ length: 20_000 }, (_, i) => i).join(',')}]`, // 20,000 arguments
  `42["join",${'['.repeat(30_000)}${']'.repeat(30_000)}]`, // 30,000-deep nesting
  `42["message","r",${'{"a":'.repeat(30_000)}1${'}'.repeat(30_000)}]`,
  ...[-1, 0, 1, 10, 11, 1000, 1e9].map((n) => `45${n}-["message","r",{"_placeholder":true,"num":0}]`), // attachment counts
  '4299999999999999999999["join","r"]',
  '42-1["join","r"]',
  '421e9["join","r"]',
  `42${'9'.repeat(400)}["join","r"]`, // ack ids
  '42["__proto__","r"]',
  '42["constructor","r"]',
  '42["hasOwnProperty","r"]',
  '42[{"toString":1},"r"]',
  '42[["join"],"r"]',
  '42["join"]',
  '42["join","r","r","r",{},[],null,1]',
  '42["leave",{"length":1}]',
  '42["message",["r"],{}]',
];
function rawSocket(server: Running, eio: 3 | 4): Promise<WebSocket> {
  const ws = new WebSocket(`wss://127.0.0.1:${server.port}/socket.io/?EIO=${eio}&transport=websocket`, { ca: server.ca });
  ws.on('error', () => undefined);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no handshake within ${EVENT_WAIT_MS} ms`)), EVENT_WAIT_MS);
    ws.on('message', (data) => {
      const text = data.toString();
      if (text.startsWith('0')) ws.send('40');
      if (text.startsWith('40')) {
        clearTimeout(timer);
        ok(ws);
      }
    });
  });
}

describe('red-team regressions', () => {
  it('stays up and keeps a call relaying after extreme frames over EIO3 and EIO4 WebSocket and polling', async () => {
    const running = await newServer();
    const call = await startCall(running, 'steady');
    for (const eio of [3, 4] as const) {
      const ws = await rawSocket(running, eio);
      for (const frame of EXTREME) if (ws.readyState === WebSocket.OPEN) ws.send(frame);
      // invalid UTF-8 in a text frame: ws closes this connection (1007), nobody else's
      if (ws.readyState === WebSocket.OPEN) ws.send(Buffer.from([0x34, 0x32, 0xff, 0xfe, 0xc0]), { binary: false });
      ws.terminate();
    }
    for (const frame of EXTREME) {
      const sid = await openPollingSession(running).catch(() => undefined);
      if (sid) await poll(running, 'POST', `&sid=${sid}`, frame).catch(() => undefined);
    }
    const sid = await openPollingSession(running);
    await poll(running, 'POST', `&sid=${sid}`, Buffer.from([0x34, 0x32, 0xff, 0xfe]).toString('latin1')).catch(() => undefined);
    await call.negotiate(3);
    expect(call.problems).toEqual([]);
    expect(running.server.rooms!.roomCount).toBeLessThanOrEqual(2);
  }, 60_000);

  it('holds the per-address connection cap under 200 concurrent handshakes', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, maxConnectionsPerAddress: 8 } });
    const server = running;
    const results = await Promise.allSettled(Array.from({ length: 200 }, () => server.client({ localAddress: '127.0.0.9', transports: ['websocket'] })));
    const connected = results.filter((r) => r.status === 'fulfilled').length;
    expect(connected).toBeGreaterThan(0);
    expect(connected).toBeLessThanOrEqual(8);
    expect(server.server.guard.connections('127.0.0.9')).toBeLessThanOrEqual(8);
    await expect(server.client({ localAddress: '127.0.0.10' })).resolves.toBeDefined();
  }, 60_000);

  it('never seats three nor leaks a seat when joins, leaves and disconnects race', async () => {
    const running = await newServer(
      {},
      { limits: { ...DEFAULT_LIMITS, maxConnectionsPerAddress: 100, joinBurst: 100, addressJoinBurst: 1000, addressJoinPerSecond: 1000 } },
    );
    const server = running;
    for (let round = 0; round < 10; round++) {
      const room = `race-${round}`;
      const clients: Client[] = await Promise.all(Array.from({ length: 4 }, () => server.client()));
      await Promise.all(
        clients.flatMap((c, i) => [
          c
            .timeout(3000)
            .emitWithAck('join', room)
            .catch(() => undefined),
          i % 2 === 0
            ? c
                .timeout(3000)
                .emitWithAck('leave', room)
                .catch(() => undefined)
            : Promise.resolve(),
          c
            .timeout(3000)
            .emitWithAck('join', room)
            .catch(() => undefined),
        ]),
      );
      const seated = clients.filter((c) => server.server.rooms!.isMember(room, c.id!)).length;
      expect(seated).toBeLessThanOrEqual(2);
      clients[round % 4]!.disconnect();
      clients[(round + 1) % 4]!.emit('leave', room);
      for (const c of clients) c.disconnect();
      const deadline = Date.now() + 5000;
      while (server.server.rooms!.roomCount > 0 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
      expect(server.server.rooms!.roomCount).toBe(0);
    }
  }, 120_000);
});
