import { beforeEach, describe, expect, it } from 'vitest';
import { joinRoom, newServer, next, record, roundTrip, type Running } from '../support/server.js';

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };
const answer = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 127.0.0.1\r\n' };
const candidate = { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 2122260223 192.168.1.2 54400 typ host' };

describe('joining a room', () => {
  it('tells the first person joined(room, their id)', async () => {
    const a = await duet.client();
    const joined = next(a, 'joined');
    a.emit('join', 'kitchen');
    expect(await joined).toEqual(['kitchen', a.id]);
  });

  it('tells the second person joined and the first person otherjoin with the newcomer id', async () => {
    const a = await duet.client();
    const b = await duet.client();
    await joinRoom(a, 'kitchen');
    const otherjoin = next(a, 'otherjoin');
    const joined = next(b, 'joined');
    b.emit('join', 'kitchen');
    expect(await joined).toEqual(['kitchen', b.id]);
    expect(await otherjoin).toEqual(['kitchen', b.id]);
  });

  it('tells a third person full(room, their id) and does not admit them', async () => {
    const [a, b, c] = [await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'kitchen');
    const first = next(a, 'otherjoin');
    await joinRoom(b, 'kitchen');
    await first;
    const aSaw = record(a, 'otherjoin');
    const full = next(c, 'full');
    const cJoined = record(c, 'joined');
    c.emit('join', 'kitchen');
    expect(await full).toEqual(['kitchen', c.id]);
    await roundTrip(c, a);
    expect(cJoined).toEqual([]);
    expect(aSaw).toEqual([]);
    expect(duet.server.rooms!.isMember('kitchen', c.id!)).toBe(false);
  });

  it('answers an acknowledgement with ok, the room, the id and the number of peers already inside', async () => {
    const a = await duet.client();
    const b = await duet.client();
    expect(await joinRoom(a, 'kitchen')).toEqual({ ok: true, room: 'kitchen', id: a.id, peers: 0 });
    expect(await joinRoom(b, 'kitchen')).toEqual({ ok: true, room: 'kitchen', id: b.id, peers: 1 });
    const c = await duet.client();
    expect(await joinRoom(c, 'kitchen')).toEqual({ ok: false, error: 'room-full' });
  });

  it('accepts Chinese room names', async () => {
    const a = await duet.client();
    const b = await duet.client();
    await joinRoom(a, '家庭会议');
    const otherjoin = next(a, 'otherjoin');
    b.emit('join', '家庭会议');
    expect(await otherjoin).toEqual(['家庭会议', b.id]);
  });
});

describe('relaying messages', () => {
  it('relays offer, answer and candidates verbatim both ways without echo', async () => {
    const a = await duet.client();
    const b = await duet.client();
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    const aGot = record(a, 'message');
    const bGot = record(b, 'message');
    a.emit('message', 'kitchen', offer);
    a.emit('message', 'kitchen', candidate);
    b.emit('message', 'kitchen', answer);
    b.emit('message', 'kitchen', candidate);
    await expect.poll(() => aGot.length + bGot.length, { timeout: 3000 }).toBe(4);
    await roundTrip(a, b);
    expect(bGot).toEqual([
      ['kitchen', offer],
      ['kitchen', candidate],
    ]);
    expect(aGot).toEqual([
      ['kitchen', answer],
      ['kitchen', candidate],
    ]);
  });

  it('relays any JSON-like payload the tutorial lets peers send, such as a plain string', async () => {
    const a = await duet.client();
    const b = await duet.client();
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    const got = next(b, 'message');
    a.emit('message', 'kitchen', 'got user media');
    expect(await got).toEqual(['kitchen', 'got user media']);
  });

  it('acknowledges a relayed message with ok', async () => {
    const a = await duet.client();
    await joinRoom(a, 'kitchen');
    expect(await a.timeout(3000).emitWithAck('message', 'kitchen', offer)).toEqual({ ok: true });
  });

  it('drops a message from an outsider who never joined the room', async () => {
    const [a, b, outsider] = [await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    const aGot = record(a, 'message');
    const bGot = record(b, 'message');
    const error = next(outsider, 'error');
    outsider.emit('message', 'kitchen', offer);
    expect((await error)[0]).toMatchObject({ code: 'not-in-room', event: 'message' });
    expect(await outsider.timeout(3000).emitWithAck('message', 'kitchen', offer)).toEqual({ ok: false, error: 'not-in-room' });
    await roundTrip(outsider, a, b);
    expect(aGot).toEqual([]);
    expect(bGot).toEqual([]);
  });

  it('drops a message from a refused third person', async () => {
    const [a, b, c] = [await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    await joinRoom(c, 'kitchen');
    const aGot = record(a, 'message');
    const bGot = record(b, 'message');
    expect(await c.timeout(3000).emitWithAck('message', 'kitchen', offer)).toEqual({ ok: false, error: 'not-in-room' });
    await roundTrip(c, a, b);
    expect(aGot).toEqual([]);
    expect(bGot).toEqual([]);
  });

  it('keeps rooms isolated from each other', async () => {
    const [a, b, c, d] = [await duet.client(), await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'one');
    await joinRoom(b, 'one');
    await joinRoom(c, 'two');
    await joinRoom(d, 'two');
    const cGot = record(c, 'message');
    const dGot = record(d, 'message');
    const bGot = next(b, 'message');
    a.emit('message', 'one', offer);
    await bGot;
    await roundTrip(a, c, d);
    expect(cGot).toEqual([]);
    expect(dGot).toEqual([]);
  });

  it('does not relay into a room the sender is in under another name', async () => {
    const [a, b, c] = [await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'one');
    await joinRoom(b, 'two');
    await joinRoom(c, 'two');
    const bGot = record(b, 'message');
    const cGot = record(c, 'message');
    expect(await a.timeout(3000).emitWithAck('message', 'two', offer)).toEqual({ ok: false, error: 'not-in-room' });
    await roundTrip(a, b, c);
    expect(bGot).toEqual([]);
    expect(cGot).toEqual([]);
  });
});

describe('leaving', () => {
  it('sends leaved to the leaver and bye to the other person', async () => {
    const a = await duet.client();
    const b = await duet.client();
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    const leaved = next(a, 'leaved');
    const bye = next(b, 'bye');
    a.emit('leave', 'kitchen');
    expect(await leaved).toEqual(['kitchen', a.id]);
    expect(await bye).toEqual(['kitchen', a.id]);
  });

  it('stops relaying to someone who left and gives their seat to the next person', async () => {
    const [a, b, c] = [await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    expect(await a.timeout(3000).emitWithAck('leave', 'kitchen')).toEqual({ ok: true, room: 'kitchen' });
    const aGot = record(a, 'message');
    b.emit('message', 'kitchen', offer);
    const otherjoin = next(b, 'otherjoin');
    expect(await joinRoom(c, 'kitchen')).toMatchObject({ ok: true, peers: 1 });
    expect(await otherjoin).toEqual(['kitchen', c.id]);
    await roundTrip(b, a);
    expect(aGot).toEqual([]);
  });

  it('answers not-in-room when leaving a room one is not in', async () => {
    const a = await duet.client();
    expect(await a.timeout(3000).emitWithAck('leave', 'kitchen')).toEqual({ ok: false, error: 'not-in-room' });
  });
});

describe('disconnecting', () => {
  it('tells the other person bye at once when a peer disconnects, and frees the seat', async () => {
    const [a, b, c] = [await duet.client(), await duet.client(), await duet.client()];
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    const bye = next(b, 'bye', 2000);
    const aId = a.id;
    a.disconnect();
    expect(await bye).toEqual(['kitchen', aId]);
    expect(await joinRoom(c, 'kitchen')).toMatchObject({ ok: true, peers: 1 });
  });

  it('deletes the room when its last person disconnects', async () => {
    const a = await duet.client();
    await joinRoom(a, 'kitchen');
    expect(duet.server.rooms!.roomCount).toBe(1);
    a.disconnect();
    await expect.poll(() => duet.server.rooms!.roomCount, { timeout: 3000 }).toBe(0);
  });
});

describe('transports', () => {
  it('works over HTTP long-polling as well as WebSocket', async () => {
    const a = await duet.client({ transports: ['polling'] });
    const b = await duet.client({ transports: ['polling'] });
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    const got = next(b, 'message');
    a.emit('message', 'kitchen', offer);
    expect(await got).toEqual(['kitchen', offer]);
  });
});
