/**
 * Caps on raw connections, below Socket.IO: a TCP connection costs a file
 * descriptor before it sends a byte. Connections that never finish TLS are
 * capped per address (the TLS handshake timeout closes them after a while), and
 * the total is capped below the process's open-file limit with one log line.
 */
import type { Server as NetServer, Socket } from 'node:net';
import type { Server as TlsServer, TLSSocket } from 'node:tls';
import { escapeForLog, type Logger } from '../log/logger.js';
import { clientKey } from '../limits/client-address.js';

/** Refuses (closes at once) a connection from an address that has `max` TLS handshakes unfinished. */
export function capPendingTls(server: TlsServer, max: number, logger: Logger): void {
  const pending = new Map<string, number>();
  const unfinished = new WeakSet<Socket>();
  function settle(socket: Socket): void {
    if (!unfinished.delete(socket)) return;
    const address = clientKey(socket.remoteAddress);
    const left = (pending.get(address) ?? 0) - 1;
    if (left > 0) pending.set(address, left);
    else pending.delete(address);
  }
  server.on('connection', (socket: Socket) => {
    const address = clientKey(socket.remoteAddress);
    const count = pending.get(address) ?? 0;
    if (count >= max) {
      logger.warn(`refused a connection from ${escapeForLog(address, 64)}: ${max} TLS handshakes unfinished`);
      socket.destroy();
      return;
    }
    pending.set(address, count + 1);
    unfinished.add(socket);
    socket.once('close', () => settle(socket));
  });
  // the TLS socket wraps the raw one (`_parent`, set by Node for server-side sockets)
  server.on('secureConnection', (tlsSocket: TLSSocket) => {
    const raw = (tlsSocket as TLSSocket & { _parent?: Socket })._parent;
    if (raw) settle(raw);
  });
}

/** Caps open connections at `max` (0: no cap) and logs, at most once a minute, when one is refused. */
export function capConnections(server: NetServer, max: number, logger: Logger, name: string): void {
  if (max <= 0) return;
  server.maxConnections = max;
  let lastLogged = -Infinity;
  server.on('drop', () => {
    if (Date.now() - lastLogged < 60_000) return;
    lastLogged = Date.now();
    logger.warn(`${name}: refusing connections, ${max} are open (MAX_CONNECTIONS; the process may open only so many files)`);
  });
}

/** The total connection cap from MAX_CONNECTIONS, or (0) derived from the open-file limit, leaving room for files and the helper. */
export function connectionCap(configured: number, openFileLimit: number | undefined): number {
  if (configured > 0) return configured;
  if (!openFileLimit || !Number.isFinite(openFileLimit)) return 0;
  return Math.max(64, Math.floor((openFileLimit - 128) * 0.8));
}
