import { describe, expect, it } from 'vitest';
import { createSeatTable } from '../../src/server/rooms/seat-table.js';

describe('room state', () => {
  it('admits the first person into an empty room with nobody else inside', () => {
    const rooms = createSeatTable();
    expect(rooms.join('kitchen', 'a')).toEqual({ kind: 'joined', peers: [] });
    expect(rooms.isMember('kitchen', 'a')).toBe(true);
    expect(rooms.roomCount).toBe(1);
  });

  it('admits a second person and tells who was already inside', () => {
    const rooms = createSeatTable();
    rooms.join('kitchen', 'a');
    expect(rooms.join('kitchen', 'b')).toEqual({ kind: 'joined', peers: ['a'] });
    expect(rooms.others('kitchen', 'b')).toEqual(['a']);
  });

  it('refuses a third person and leaves the two inside untouched', () => {
    const rooms = createSeatTable();
    rooms.join('kitchen', 'a');
    rooms.join('kitchen', 'b');
    expect(rooms.join('kitchen', 'c')).toEqual({ kind: 'full' });
    expect(rooms.isMember('kitchen', 'c')).toBe(false);
    expect(rooms.others('kitchen', 'c').sort()).toEqual(['a', 'b']);
  });

  it('does not seat the same person twice', () => {
    const rooms = createSeatTable();
    rooms.join('kitchen', 'a');
    expect(rooms.join('kitchen', 'a')).toEqual({ kind: 'already-in-room', peers: [] });
    expect(rooms.join('kitchen', 'b')).toEqual({ kind: 'joined', peers: ['a'] });
  });

  it('frees a seat on leave and deletes a room once it is empty', () => {
    const rooms = createSeatTable();
    rooms.join('kitchen', 'a');
    rooms.join('kitchen', 'b');
    expect(rooms.leave('kitchen', 'a')).toEqual({ kind: 'left', remaining: ['b'] });
    expect(rooms.join('kitchen', 'c')).toEqual({ kind: 'joined', peers: ['b'] });
    rooms.leave('kitchen', 'b');
    rooms.leave('kitchen', 'c');
    expect(rooms.roomCount).toBe(0);
  });

  it('answers not-in-room when someone leaves a room they are not in', () => {
    const rooms = createSeatTable();
    rooms.join('kitchen', 'a');
    expect(rooms.leave('kitchen', 'z')).toEqual({ kind: 'not-in-room' });
    expect(rooms.leave('garden', 'a')).toEqual({ kind: 'not-in-room' });
  });

  it('removes a disconnected person from every room and reports who remains', () => {
    const rooms = createSeatTable();
    rooms.join('one', 'a');
    rooms.join('one', 'b');
    rooms.join('two', 'a');
    expect(rooms.leaveAll('a')).toEqual([
      { room: 'one', remaining: ['b'] },
      { room: 'two', remaining: [] },
    ]);
    expect(rooms.roomsOf('a')).toEqual([]);
    expect(rooms.roomCount).toBe(1);
  });

  it('keeps rooms named like Object.prototype members apart from the prototype', () => {
    const rooms = createSeatTable();
    expect(rooms.join('__proto__', 'a')).toEqual({ kind: 'joined', peers: [] });
    expect(rooms.join('constructor', 'b')).toEqual({ kind: 'joined', peers: [] });
    expect(rooms.isMember('toString', 'a')).toBe(false);
  });

  it('refuses to open a new room past the room cap but still fills existing ones', () => {
    const rooms = createSeatTable({ maxRooms: 1 });
    rooms.join('one', 'a');
    expect(rooms.join('two', 'b')).toEqual({ kind: 'too-many-rooms' });
    expect(rooms.join('one', 'b')).toEqual({ kind: 'joined', peers: ['a'] });
  });

  it('refuses a member a room past its per-member cap until it leaves one', () => {
    const rooms = createSeatTable({ maxRoomsPerMember: 2 });
    rooms.join('one', 'a');
    rooms.join('two', 'a');
    expect(rooms.join('three', 'a')).toEqual({ kind: 'too-many-rooms' });
    expect(rooms.join('three', 'b')).toEqual({ kind: 'joined', peers: [] });
    rooms.leave('one', 'a');
    expect(rooms.join('three', 'a')).toEqual({ kind: 'joined', peers: ['b'] });
  });

  it('caps the seats of one address over all its members and frees them when they go', () => {
    const rooms = createSeatTable({ maxRoomsPerAddress: 3 });
    expect(['r1', 'r2', 'r3'].map((room, i) => rooms.join(room, `m${i}`, '10.0.0.1').kind)).toEqual(['joined', 'joined', 'joined']);
    expect(rooms.join('r4', 'm9', '10.0.0.1')).toEqual({ kind: 'too-many-rooms' });
    expect(rooms.join('r1', 'm9', '10.0.0.1')).toEqual({ kind: 'too-many-rooms' }); // a seat in an existing room too
    expect(rooms.join('r4', 'x', '10.0.0.2').kind).toBe('joined');
    rooms.leaveAll('m1');
    expect(rooms.seatsOfAddress('10.0.0.1')).toBe(2);
    expect(rooms.join('r4', 'm9', '10.0.0.1').kind).toBe('joined');
    for (const member of ['m0', 'm2', 'm9', 'x']) rooms.leaveAll(member);
    expect(rooms.seatsOfAddress('10.0.0.1')).toBe(0);
    expect(rooms.seatsOfAddress('10.0.0.2')).toBe(0);
  });
});
