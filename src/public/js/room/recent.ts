/**
 * The rooms joined lately on this device (newest first), kept in localStorage
 * for the home page's list.
 */
import { safeGet, safeSet } from '../store/storage.js';
import { isRoomName } from './roomname.js';

const RECENT_KEY = 'duet.recentRooms';
const RECENT_MAX = 8;

export function recentRooms(): string[] {
  try {
    const list: unknown = JSON.parse(safeGet(RECENT_KEY) ?? '[]');
    return Array.isArray(list) ? list.filter(isRoomName).slice(0, RECENT_MAX) : [];
  } catch {
    return [];
  }
}

export function rememberRoom(room: string): void {
  const list = [room, ...recentRooms().filter((r) => r !== room)].slice(0, RECENT_MAX);
  safeSet(RECENT_KEY, JSON.stringify(list));
}
