/**
 * The in-memory RoomStore: the async membership model the handlers use, over the room state.
 */
import { describe, expect, it } from 'vitest';
import { createMemoryRoomStore } from '../../src/server/rooms/store.js';
import { createSeatTable } from '../../src/server/rooms/seat-table.js';

describe('the in-memory room store', () => {
  it('seats two, refuses a third and names the other seat', async () => {
    const store = createMemoryRoomStore(createSeatTable());
    expect(await store.seat('kitchen', 'a')).toEqual({ kind: 'joined', peers: [] });
    expect(await store.seat('kitchen', 'b')).toEqual({ kind: 'joined', peers: ['a'] });
    expect(await store.seat('kitchen', 'c')).toEqual({ kind: 'full' });
    expect(await store.others('kitchen', 'a')).toEqual(['b']);
    expect(await store.isMember('kitchen', 'c')).toBe(false);
    expect(await store.others('kitchen', '').then((seated) => seated.length)).toBe(2);
  });

  it('frees seats one room at a time or all at once, and forgets empty rooms', async () => {
    const rooms = createSeatTable();
    const store = createMemoryRoomStore(rooms);
    await store.seat('kitchen', 'a');
    await store.seat('kitchen', 'b');
    await store.seat('garden', 'a');
    expect(await store.unseat('kitchen', 'b')).toEqual({ kind: 'left', remaining: ['a'] });
    expect(await store.unseat('kitchen', 'b')).toEqual({ kind: 'not-in-room' });
    expect(await store.unseatAll('a')).toEqual([
      { room: 'kitchen', remaining: [] },
      { room: 'garden', remaining: [] },
    ]);
    expect(await store.others('kitchen', '').then((seated) => seated.length)).toBe(0);
    expect(rooms.roomCount).toBe(0);
  });
});
