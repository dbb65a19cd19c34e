/**
 * Raw malformed Engine.IO / Socket.IO frames over a plain WebSocket (and a few
 * malformed polling requests): no client library cleaning them up first. The
 * server must stay up, hold bounded state and keep another call relaying.
 */
import { request } from 'node:https';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCall, type Call } from '../support/signal-call.js';
import { startServer, type Running } from '../support/server.js';
import { EVENT_WAIT_MS } from '../support/waits.js';

/** Frames that have broken parsers before: bad attachments, placeholders, namespaces, ids, JSON. */
const NASTY = [
  '',
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '9',
  '40',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '47',
  '42[',
  '42["message"',
  '42[]',
  '42[1]',
  '42[null]',
  '42{}',
  '42"join"',
  '42["__proto__"]',
  '42["constructor",{}]',
  '42["join","a",{"__proto__":{"polluted":1}}]',
  '42["message","fuzz",{"constructor":{"prototype":{"polluted":1}}}]',
  '451-["message","fuzz",{"_placeholder":true,"num":0}]',
  '451-["message","fuzz",{"_placeholder":true,"num":7}]',
  '45999999999-["x"]',
  '45-1-["x"]',
  '450-["x"]',
  '45a-["x"]',
  '461-[]',
  '4612345678901234567890["x"]',
  '40/admin,{}',
  '40/nope',
  '42/nope,["x"]',
  '41/nope,',
  '44{"message":"x"}',
  '43999[]',
  '431[]',
  `42${'['.repeat(5000)}${']'.repeat(5000)}`,
  `42["message","fuzz",${'{"a":'.repeat(3000)}1${'}'.repeat(3000)}]`,
  '42["connect"]',
  '42["disconnect"]',
  '42["newListener","x"]',
  '42["error","boom"]',
  '42["join",null]',
  `42["join","${'x'.repeat(10_000)}"]`,
  '4\u0000',
  '4\ud800',
  'ping',
  'probe',
  '2probe',
  '5',
];

const frame = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.tuple(fc.constantFrom('4', '40', '42', '43', '45', '46', '2', '3', '6'), fc.string({ maxLength: 40 })).map(([a, b]) => a + b),
  fc.uint8Array({ minLength: 0, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  fc.constant(Buffer.alloc(200_000)), // over maxPayload: the server closes this socket
);

describe('fuzzing raw frames', () => {
  let running: Running;
  let call: Call;

  beforeAll(async () => {
    running = await startServer();
    call = await startCall(running, 'steady-call');
  });
  afterAll(() => running?.close());

  /** A raw WebSocket that has done the Engine.IO handshake and joined the main namespace. */
  async function rawSocket(eio: 3 | 4): Promise<WebSocket> {
    const url = `wss://127.0.0.1:${running.port}/socket.io/?EIO=${eio}&transport=websocket`;
    const ws = new WebSocket(url, { ca: running.ca });
    ws.on('error', () => undefined);
    await new Promise<void>((ok, fail) => {
      const timer = setTimeout(() => fail(new Error(`no handshake within ${EVENT_WAIT_MS} ms`)), EVENT_WAIT_MS);
      ws.on('message', (data) => {
        const text = data.toString();
        if (text.startsWith('0')) ws.send('40');
        if (text.startsWith('40')) {
          clearTimeout(timer);
          ok();
        }
      });
      ws.once('close', () => (clearTimeout(timer), fail(new Error('closed during handshake'))));
    });
    return ws;
  }

  it('stays up and keeps another call relaying whatever frames arrive', async () => {
    let ws = await rawSocket(4);
    let closes = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(3, 4) as fc.Arbitrary<3 | 4>, fc.array(frame, { minLength: 1, maxLength: 4 }), async (eio, frames) => {
        if (ws.readyState !== WebSocket.OPEN) {
          closes++;
          ws.terminate();
          ws = await rawSocket(eio);
        }
        for (const f of frames) if (ws.readyState === WebSocket.OPEN) ws.send(f);
        await new Promise((ok) => setTimeout(ok, 2));
        if (++runs % 60 === 0) {
          await call.negotiate(5);
          expect(call.problems).toEqual([]);
        }
      }),
      { seed: 424242, numRuns: 300, endOnFailure: true },
    );
    ws.terminate();
    await call.negotiate(10);
    expect(call.problems).toEqual([]);
    expect(closes).toBeGreaterThan(0);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await new Promise((ok) => setTimeout(ok, 300));
    expect(running.server.io.engine.clientsCount).toBe(2);
    expect(running.server.rooms!.roomCount).toBe(1);
  });

  it('answers malformed polling requests with errors and stays up', async () => {
    const statuses: number[] = [];
    const send = (method: string, path: string, body?: Buffer | string, type = 'text/plain') =>
      new Promise<number>((ok, fail) => {
        const req = request(
          { host: '127.0.0.1', port: running.port, method, path, ca: running.ca, headers: { 'content-type': type } },
          (res) => (res.resume(), ok(res.statusCode ?? 0)),
        );
        req.on('error', fail);
        req.end(body);
      });
    const open = await new Promise<string>((ok, fail) => {
      const req = request({ host: '127.0.0.1', port: running.port, path: '/socket.io/?EIO=4&transport=polling', ca: running.ca }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => ok(text));
      });
      req.on('error', fail);
      req.end();
    });
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const base = `/socket.io/?EIO=4&transport=polling&sid=${sid}`;
    statuses.push(await send('POST', base, Buffer.from([0xff, 0x00, 0x42, 0x13]), 'application/octet-stream'));
    statuses.push(await send('POST', `/socket.io/?EIO=4&transport=polling&sid=${sid}x`, '40'));
    statuses.push(await send('POST', '/socket.io/?EIO=4&transport=polling', '40'));
    statuses.push(await send('PUT', base, '40'));
    statuses.push(await send('GET', '/socket.io/?EIO=99&transport=polling'));
    statuses.push(await send('GET', '/socket.io/?EIO=4&transport=carrier-pigeon'));
    statuses.push(await send('POST', base, 'x'.repeat(200_000)));
    expect(statuses.every((s) => s >= 200 && s < 500)).toBe(true);
    expect(statuses.filter((s) => s >= 400).length).toBeGreaterThanOrEqual(5);
    await call.negotiate(5);
    expect(call.problems).toEqual([]);
  });
});
