/**
 * Red-team round 2, D7 (docs/security.md): Socket.IO puts every socket in a room named by its own id, and a
 * valid duet room name can equal that id. duet uses no Socket.IO rooms: a room
 * named like a socket id must never reach that socket.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { isRoomName } from '../../src/shared/room-name.js';
import { joinRoom, newServer, next, roundTrip, type Client, type Running } from '../support/server.js';

let duet: Running;
beforeEach(async () => {
  duet = await newServer();
});

/** Every event the victim receives. */
function everything(socket: Client): unknown[][] {
  const seen: unknown[][] = [];
  socket.onAny((...args: unknown[]) => seen.push(args));
  return seen;
}

describe('a room named like a socket id', () => {
  it('never sends otherjoin or bye to the socket of that id', async () => {
    const victim = await duet.client();
    const heard = everything(victim);
    const [a, b] = [await duet.client(), await duet.client()];
    const room = victim.id!;
    expect(isRoomName(room)).toBe(true);
    await joinRoom(a, room);
    const otherjoin = next(a, 'otherjoin');
    await joinRoom(b, room);
    expect(await otherjoin).toEqual([room, b.id]);
    const bye = next(a, 'bye');
    await b.timeout(3000).emitWithAck('leave', room);
    expect(await bye).toEqual([room, b.id]);
    await joinRoom(b, room);
    const byeOnDisconnect = next(a, 'bye');
    const bId = b.id;
    b.disconnect();
    expect(await byeOnDisconnect).toEqual([room, bId]);
    await roundTrip(a, victim);
    expect(heard).toEqual([]);
  });

  it('keeps duet rooms out of Socket.IO rooms: each socket is only in its own id room', async () => {
    const a = await duet.client();
    const b = await duet.client();
    await joinRoom(a, 'kitchen');
    await joinRoom(b, 'kitchen');
    for (const socket of duet.server.io.sockets.sockets.values()) expect([...socket.rooms]).toEqual([socket.id]);
    expect(duet.server.io.sockets.adapter.rooms.has('kitchen')).toBe(false);
  });
});
