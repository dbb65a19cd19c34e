/**
 * Bad input gets a clear error and nothing else: the server stays up and other
 * clients are not disturbed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { memoryLogger } from '../../src/server/log/logger.js';
import { MAX_MESSAGE_BYTES } from '../../src/server/config/security-config.js';
import { joinRoom, next, record, roundTrip, startServer, type Client, type Running } from '../support/server.js';
import { EVENT_WAIT_MS } from '../support/waits.js';

let duet: Running;
let logger: ReturnType<typeof memoryLogger>;
let a: Client;
let b: Client;
beforeAll(async () => {
  logger = memoryLogger();
  // this file is about validation, not rate limits: allow its burst of joins from one address
  duet = await startServer({ logger }, { limits: { ...DEFAULT_LIMITS, joinBurst: 1000, addressJoinBurst: 1000 } });
  a = await duet.client();
  b = await duet.client();
  await joinRoom(a, 'calm');
  await joinRoom(b, 'calm');
});
afterAll(async () => {
  await duet.close();
});

/**
 * Resolves once the server has handled every frame sent on `raw` before: it answers an acknowledged
 * message (in a room no one joins) only after those, or it has closed the connection over one of them.
 */
function rawRoundTrip(raw: WebSocket): Promise<void> {
  if (raw.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`no answer or close within ${EVENT_WAIT_MS} ms`)), EVENT_WAIT_MS);
    const done = () => (clearTimeout(timer), ok());
    raw.on('message', (data) => void (String(data).startsWith('4399') && done()));
    raw.once('close', done);
    raw.send('4299["message","round-trip-barrier",null]');
  });
}

/** The call in room "calm" still relays both ways. */
async function callStillWorks(): Promise<void> {
  const offer = { type: 'offer', sdp: `v=0 ${Math.random()}` };
  const atB = next(b, 'message');
  a.emit('message', 'calm', offer);
  expect(await atB).toEqual(['calm', offer]);
  const atA = next(a, 'message');
  b.emit('message', 'calm', 'pong');
  expect(await atA).toEqual(['calm', 'pong']);
}

const badRooms: Array<[string, unknown]> = [
  ['a number', 42],
  ['an object', { room: 'calm' }],
  ['an array', ['calm']],
  ['null', null],
  ['a boolean', true],
  ['an empty string', ''],
  ['a huge string', 'x'.repeat(10_000)],
  ['control characters', 'a\u0000b'],
  ['a line break', 'calm\r\nINFO forged'],
  ['a terminal escape', '\u001b]0;pwned\u0007'],
  ['a path', '../../etc/passwd'],
  ['__proto__ as an object key', JSON.parse('{"__proto__": {"polluted": true}}')],
];

describe.each(['join', 'leave', 'message'] as const)('%s with a bad room name', (event) => {
  it.each(badRooms)('answers invalid-room for %s and keeps the call up', async (_label, room) => {
    const c = await duet.client();
    const error = next(c, 'error');
    (c.emit as (e: string, ...args: unknown[]) => void)(event, room, { type: 'offer', sdp: 'v=0' });
    expect((await error)[0]).toMatchObject({ code: 'invalid-room', event });
    const reply = await (c.timeout(3000).emitWithAck as (e: string, ...args: unknown[]) => Promise<unknown>)(event, room, 'x');
    expect(reply).toEqual({ ok: false, error: 'invalid-room' });
    c.disconnect();
    await callStillWorks();
  });
});

describe('other bad input', () => {
  it('ignores events with no arguments at all', async () => {
    const c = await duet.client();
    const errors = record(c, 'error');
    (c.emit as (e: string) => void)('join');
    (c.emit as (e: string) => void)('message');
    await expect.poll(() => errors.length).toBe(2);
    expect(errors.map(([e]) => e.code)).toEqual(['invalid-room', 'invalid-room']);
    c.disconnect();
    await callStillWorks();
  });

  it('ignores unknown events without answering', async () => {
    const c = await duet.client();
    const errors = record(c, 'error');
    (c.emit as (e: string, ...args: unknown[]) => void)('create or join', 'calm');
    (c.emit as (e: string, ...args: unknown[]) => void)('__proto__', 'calm');
    await roundTrip(c);
    expect(errors).toEqual([]);
    c.disconnect();
    await callStillWorks();
  });

  it('refuses a message with no data', async () => {
    expect(await (a.timeout(3000).emitWithAck as (e: string, r: string) => Promise<unknown>)('message', 'calm')).toEqual({
      ok: false,
      error: 'invalid-message',
    });
  });

  it('refuses a message over 64 KiB with message-too-large and relays nothing', async () => {
    const bGot = record(b, 'message');
    const big = { type: 'offer', sdp: 'x'.repeat(MAX_MESSAGE_BYTES) };
    expect(await a.timeout(3000).emitWithAck('message', 'calm', big)).toEqual({ ok: false, error: 'message-too-large' });
    await roundTrip(a, b);
    expect(bGot).toEqual([]);
    expect(a.connected).toBe(true);
    await callStillWorks();
  });

  it('drops the connection of a client whose frame is far over the limit, and only that one', async () => {
    const c = await duet.client();
    const gone = new Promise<string>((ok) => c.once('disconnect', ok));
    c.emit('message', 'calm', 'x'.repeat(MAX_MESSAGE_BYTES * 4));
    expect(await gone).toBe('transport close');
    await callStillWorks();
  });

  it('survives malformed raw Socket.IO frames from a plain WebSocket', async () => {
    const raw = new WebSocket(`${duet.url.replace('https', 'wss')}/socket.io/?EIO=4&transport=websocket`, { ca: duet.ca });
    await new Promise((ok, fail) => (raw.once('open', ok), raw.once('error', fail)));
    for (const frame of [
      '40',
      '42["join"',
      '42[1,2,3]',
      '42{"a":1}',
      '4x',
      '451-["message",{"_placeholder":true,"num":9}]',
      '42["join",{"__proto__":1}]',
      '\u0000\u0001',
    ])
      raw.send(frame);
    await rawRoundTrip(raw);
    raw.terminate();
    await callStillWorks();
  });

  it('never writes a raw room name into the log', async () => {
    const c = await duet.client();
    await c
      .timeout(3000)
      .emitWithAck('join', 'calm\r\nINFO forged line' as never)
      .catch(() => undefined);
    await c
      .timeout(3000)
      .emitWithAck('join', '家\u001b[2J' as never)
      .catch(() => undefined);
    c.disconnect();
    for (const line of logger.lines) expect(line).not.toMatch(/[\r\n\u001b]/);
    expect(logger.lines.some((line) => line.includes('refused join') && line.includes('invalid-room'))).toBe(true);
  });
});
