import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { startCall } from '../support/signal-call.js';
import { type Client, newServer, record } from '../support/server.js';

/** Resolves with the disconnect reason, or 'still connected' after `ms`. */
function disconnected(socket: Client, ms: number): Promise<string> {
  if (!socket.connected) return Promise.resolve('already disconnected');
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('still connected'), ms);
    socket.once('disconnect', (reason) => (clearTimeout(timer), resolve(reason)));
  });
}

describe('rate limits', () => {
  it('limits a client flooding joins and messages while a call in another room is never throttled', async () => {
    const running = await newServer();
    const call = await startCall(running, 'steady-call');
    const flooder = await running.client({ localAddress: '127.0.0.2' });
    const errors = record(flooder, 'error');
    const gone = disconnected(flooder, 8000);

    // the flood: thousands of events without waiting, joins to many rooms and messages to them
    for (let i = 0; i < 3000; i++) {
      if (i % 10 === 0) flooder.emit('join', `flood-${i}`);
      else flooder.emit('message', `flood-${i - (i % 10)}`, { type: 'offer', sdp: 'v=0' });
    }
    // meanwhile: a full negotiation and three ICE restarts, each with 40 candidates each way at once
    for (let round = 0; round < 4; round++) await call.negotiate(40);

    expect(await gone).toBe('io server disconnect');
    const limited = errors.filter(([e]) => e.code === 'rate-limited');
    expect(new Set(limited.map(([e]) => e.event))).toEqual(new Set(['join', 'message']));
    expect(limited.length).toBeLessThanOrEqual(DEFAULT_LIMITS.abuseStrikes + 5);
    expect(call.problems).toEqual([]);
    await call.negotiate(40);
    expect(call.problems).toEqual([]);
  });

  it('answers an over-limit event with a rate-limited acknowledgement and drops it', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, joinBurst: 2, joinPerSecond: 0.001 } });
    const socket = await running.client();
    const replies = [];
    for (const room of ['r1', 'r2', 'r3']) replies.push(await socket.timeout(3000).emitWithAck('join', room as never));
    expect(replies.map((r) => (r as { ok: boolean; error?: string }).error ?? 'ok')).toEqual(['ok', 'ok', 'rate-limited']);
    expect(running.server.rooms!.roomsOf(socket.id!)).toEqual(['r1', 'r2']);
  });

  it('shares one budget among all the connections of one client address', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, addressJoinBurst: 4, addressJoinPerSecond: 0.001 } });
    const sockets = await Promise.all([1, 2, 3].map(() => running!.client({ localAddress: '127.0.0.3' })));
    const replies = [];
    for (const [i, socket] of sockets.entries()) {
      for (const room of [`s${i}-a`, `s${i}-b`]) replies.push(await socket.timeout(3000).emitWithAck('join', room as never));
    }
    const codes = replies.map((r) => (r as { error?: string }).error ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'rate-limited', 'rate-limited']);
    const neighbour = await running.client({ localAddress: '127.0.0.4' });
    expect(await neighbour.timeout(3000).emitWithAck('join', 'n' as never)).toMatchObject({ ok: true });
  });

  it('refuses connections over the per-address cap and accepts them again once one closes', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, maxConnectionsPerAddress: 2 } });
    const first = await running.client({ localAddress: '127.0.0.5' });
    await running.client({ localAddress: '127.0.0.5' });
    await expect(running.client({ localAddress: '127.0.0.5' })).rejects.toThrow();
    await expect(running.client({ localAddress: '127.0.0.6' })).resolves.toBeDefined();
    first.disconnect();
    const deadline = Date.now() + 3000;
    while (running.server.guard.connections('127.0.0.5') > 1 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
    await expect(running.client({ localAddress: '127.0.0.5' })).resolves.toBeDefined();
  });

  it('refuses a new room once the server holds the most rooms allowed', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, maxRooms: 2 } });
    const socket = await running.client();
    const codes = [];
    for (const room of ['m1', 'm2', 'm3']) codes.push(((await socket.timeout(3000).emitWithAck('join', room as never)) as { error?: string }).error ?? 'ok');
    expect(codes).toEqual(['ok', 'ok', 'too-many-rooms']);
  });

  it('refuses a socket a fifth room and an address its sixty-fifth seat, while another address still joins', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, joinBurst: 100, addressJoinBurst: 1000, maxConnectionsPerAddress: 64 } });
    const code = async (socket: Client, room: string) => ((await socket.timeout(3000).emitWithAck('join', room as never)) as { error?: string }).error ?? 'ok';
    const one = await running.client({ localAddress: '127.0.2.1' });
    const codes = [];
    for (const room of ['a1', 'a2', 'a3', 'a4', 'a5']) codes.push(await code(one, room));
    expect(codes).toEqual(['ok', 'ok', 'ok', 'ok', 'too-many-rooms']);
    // fifteen more sockets of the same address: 4 + 15 * 4 = 64 seats, then no more
    const more = await Promise.all(Array.from({ length: 16 }, () => running!.client({ localAddress: '127.0.2.1' })));
    const seats = [];
    for (const [i, socket] of more.entries()) for (let r = 0; r < 4; r++) seats.push(await code(socket, `b${i}-${r}`));
    expect(seats.filter((c) => c === 'ok')).toHaveLength(60);
    expect(seats.slice(60)).toEqual(['too-many-rooms', 'too-many-rooms', 'too-many-rooms', 'too-many-rooms']);
    const other = await running.client({ localAddress: '127.0.2.2' });
    expect(await code(other, 'b0-0')).toBe('ok');
    one.disconnect();
    const deadline = Date.now() + 3000;
    while (running.server.rooms!.seatsOfAddress('127.0.2.1') > 60 && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
    expect(await code(more[15]!, 'again')).toBe('ok');
  }, 30_000);
});
