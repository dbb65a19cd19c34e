/**
 * The room-name rule, one for the server (which refuses other names) and the page
 * (which offers only names the server takes). Pure: no I/O, no imports.
 */

export const MAX_ROOM_LENGTH = 64;

/** Letters, marks and digits of any script plus - _ . ; 1 to 64 characters. */
const ROOM_PATTERN = /^[\p{L}\p{M}\p{N}_.-]+$/u;
/** `.` and `..` are dot-segments: a browser resolves `/r/..` to `/`, so names of dots only have no link. */
const ONLY_DOTS = /^\.+$/;

/**
 * The valid room name nearest to what someone typed: each run of characters the rule refuses
 * becomes one "-", with none at either end, cut to 64 characters ("Grandma & me!" gives
 * "Grandma-me"). Undefined when nothing usable is left (only symbols or dots).
 */
export function nearestRoomName(value: string): string | undefined {
  const cleaned = value
    .normalize('NFC')
    .replace(/[^\p{L}\p{M}\p{N}_.-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...cleaned].slice(0, MAX_ROOM_LENGTH).join('').replace(/-+$/, '');
  return isRoomName(cut) ? cut : undefined;
}

export function isRoomName(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ROOM_LENGTH * 2) return false;
  // count characters (code points), not UTF-16 units, so 64 Chinese characters fit
  let count = 0;
  for (const _ of value) if (++count > MAX_ROOM_LENGTH) return false;
  return ROOM_PATTERN.test(value) && !ONLY_DOTS.test(value);
}
