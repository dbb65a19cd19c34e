/**
 * The valid room name offered for one the rule refuses: the nearest the server takes.
 */
import { describe, expect, it } from 'vitest';
import { isRoomName, nearestRoomName } from '../../src/shared/room-name.js';

describe('the nearest valid room name', () => {
  it('turns each run of refused characters into one hyphen, none at the ends', () => {
    expect(nearestRoomName('Grandma & me!')).toBe('Grandma-me');
    expect(nearestRoomName('  sunday call  ')).toBe('sunday-call');
    expect(nearestRoomName('奶奶 和 我')).toBe('奶奶-和-我');
  });

  it('cuts to 64 characters and always gives a name the rule takes', () => {
    const long = `${'a'.repeat(63)} b c`;
    expect(nearestRoomName(long)).toBe('a'.repeat(63));
    for (const typed of ['a/b', 'x?y#z', '🎉party🎉', '..a..', 'a'.repeat(200)]) expect(isRoomName(nearestRoomName(typed))).toBe(true);
  });

  it('offers nothing when no letter or digit is left', () => {
    expect(nearestRoomName('!!!')).toBeUndefined();
    expect(nearestRoomName('...')).toBeUndefined();
    expect(nearestRoomName('')).toBeUndefined();
  });
});
