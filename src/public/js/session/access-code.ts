/**
 * The server's access code (ACCESS_CODE), client side: remembered in localStorage and sent as
 * Socket.IO `auth: {code}` on every connection attempt. A handshake refused with the
 * `connect_error` message `access-denied` forgets the remembered code (it is wrong or missing),
 * asks the person once through `ask`, remembers the answer and connects again.
 */
import type { Socket } from 'socket.io-client';
import { safeGet, safeRemove, safeSet } from '../store/storage.js';

const CODE_KEY = 'duet.accessCode';

/** The `connect_error` message of a handshake without the right code. */
export const ACCESS_DENIED = 'access-denied';

/** Asks the person for the code; resolves with what they typed. */
export type AskCode = () => Promise<string>;

/** The handshake's `auth`: the remembered code, if any. */
export function accessAuth(callback: (auth: { code?: string }) => void): void {
  const code = safeGet(CODE_KEY);
  callback(code ? { code } : {});
}

/** Asks for the code whenever `socket` is refused for the lack of it, then reconnects. */
export function handleAccessDenied(socket: Socket, ask: AskCode): void {
  let asking = false;
  socket.on('connect_error', (error) => {
    if (error.message !== ACCESS_DENIED || asking) return;
    asking = true;
    safeRemove(CODE_KEY);
    void ask().then((code) => {
      asking = false;
      safeSet(CODE_KEY, code);
      socket.connect();
    });
  });
}
