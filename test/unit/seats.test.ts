/**
 * The seat owner: every change of seats, and the joined / otherjoin / bye it causes, on the
 * in-memory store with a recording stand-in for the sockets.
 */
import { describe, expect, it } from 'vitest';
import { createSeats, type SeatPeers } from '../../src/server/rooms/seats.js';
import { createSeatTable } from '../../src/server/rooms/seat-table.js';
import { createMemoryRoomStore } from '../../src/server/rooms/store.js';

function setUp(gone: string[] = []) {
  const told: string[] = [];
  const roomCalls: string[] = [];
  const peers: SeatPeers = {
    tell: (to, event, room, id) => {
      for (const socket of typeof to === 'string' ? [to] : to) told.push(`${socket} ${event} ${room} ${id}`);
    },
    addressOf: () => '10.0.0.1',
    connected: async (id) => !gone.includes(id),
  };
  const table = createSeatTable();
  const seats = createSeats({ store: createMemoryRoomStore(table), peers });
  seats.onRoomCall((member, room, inRoom) => roomCalls.push(`${member} ${inRoom ? 'in' : 'out'} ${room}`));
  return { seats, table, told, roomCalls };
}

describe('the seat owner', () => {
  it('tells the joiner joined and the person inside otherjoin, and calls by name of the room call', async () => {
    const { seats, told, roomCalls } = setUp();
    expect(await seats.join('kitchen', 'a', undefined)).toEqual({ kind: 'joined', peers: [] });
    expect(await seats.join('kitchen', 'b', undefined)).toEqual({ kind: 'joined', peers: ['a'] });
    expect(await seats.join('kitchen', 'c', undefined)).toEqual({ kind: 'full' });
    expect(told).toEqual(['a joined kitchen a', 'b joined kitchen b', 'a otherjoin kitchen b']);
    expect(roomCalls).toEqual(['a in kitchen', 'b in kitchen']);
  });

  it('tells who remains bye when one leaves, and nobody when the leaver sat nowhere', async () => {
    const { seats, told, roomCalls } = setUp();
    await seats.join('kitchen', 'a', undefined);
    await seats.join('kitchen', 'b', undefined);
    told.length = 0;
    expect(await seats.leave('kitchen', 'a')).toEqual({ kind: 'left', remaining: ['b'] });
    expect(await seats.leave('kitchen', 'a')).toEqual({ kind: 'not-in-room' });
    expect(told).toEqual(['b bye kitchen a']);
    expect(roomCalls.at(-1)).toBe('a out kitchen');
  });

  it('frees every seat of a socket that disconnected, telling bye in each room', async () => {
    const { seats, table, told, roomCalls } = setUp();
    await seats.join('kitchen', 'a', undefined);
    await seats.join('kitchen', 'b', undefined);
    await seats.join('garden', 'a', undefined);
    told.length = 0;
    roomCalls.length = 0;
    await seats.leaveAll('a');
    expect(told).toEqual(['b bye kitchen a']);
    expect(table.roomsOf('a')).toEqual([]);
    expect(roomCalls).toEqual([]); // calls by name hear of a disconnect from the socket itself
  });

  it('seats a call by name caller first, so the caller hears otherjoin, and frees it with bye', async () => {
    const { seats, table, told, roomCalls } = setUp();
    expect(await seats.seatCall('call-x', 'caller', 'callee')).toEqual({ ok: true });
    expect(told).toEqual(['caller joined call-x caller', 'callee joined call-x callee', 'caller otherjoin call-x callee']);
    expect(table.seatsOfAddress('10.0.0.1')).toBe(2);
    told.length = 0;
    await seats.freeCall('call-x', 'callee');
    expect(told).toEqual(['caller bye call-x callee']);
    expect(table.roomCount).toBe(0);
    expect(roomCalls).toEqual([]);
  });

  it('frees a call room at once when one of the two is already gone', async () => {
    const { seats, table, told } = setUp(['caller']);
    expect(await seats.seatCall('call-y', 'caller', 'callee')).toEqual({ ok: true });
    expect(told.at(-1)).toBe('callee bye call-y caller');
    expect(table.roomCount).toBe(0);
  });

  it('tells bye for seats freed elsewhere (a dead node), only to those who remain', () => {
    const { seats, told } = setUp();
    seats.freed([
      { room: 'kitchen', member: 'a', remaining: ['b'] },
      { room: 'garden', member: 'c', remaining: [] },
    ]);
    expect(told).toEqual(['b bye kitchen a']);
  });
});
