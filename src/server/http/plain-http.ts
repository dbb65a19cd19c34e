/**
 * Plain HTTP on the HTTPS port (someone typed `http://host:8443`): the first byte
 * of every connection is checked; a TLS handshake starts with 0x16 and goes to
 * the HTTPS server as usual, anything else is read as HTTP and answered with a
 * redirect to the same URL over HTTPS. Installing it opens nothing.
 */
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Server as HttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { redirectLocation } from '../lan/lan.js';

const TLS_HANDSHAKE = 0x16;

export interface PlainHttpRedirect {
  /** Closes the plain-HTTP connections it holds. */
  close(): void;
}

function redirect(https: HttpsServer) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const address = https.address();
    const port = address && typeof address !== 'string' ? address.port : 443;
    const location = redirectLocation(req.headers.host, req.url ?? '/', port);
    res.setHeader('Connection', 'close');
    if (!location) {
      res.writeHead(400, { 'Content-Type': 'text/plain' }).end('This port speaks HTTPS: open it with https://\n');
      return;
    }
    res.writeHead(308, { Location: location, 'Content-Type': 'text/plain' }).end(`This port speaks HTTPS: ${location}\n`);
  };
}

/** Puts the first-byte check in front of `https`'s own connection handling. */
export function redirectPlainHttp(https: HttpsServer, firstByteTimeoutMs = 10_000): PlainHttpRedirect {
  const plain = createHttpServer(redirect(https));
  plain.requestTimeout = 10_000;
  plain.headersTimeout = 5_000;
  const undecided = new Set<Socket>();
  const tlsListeners = https.listeners('connection') as ((socket: Socket) => void)[];
  https.removeAllListeners('connection');
  https.on('connection', (socket: Socket) => {
    undecided.add(socket);
    socket.setTimeout(firstByteTimeoutMs, () => socket.destroy()); // a connection that never speaks
    socket.once('close', () => undecided.delete(socket));
    socket.once('readable', () => {
      undecided.delete(socket);
      socket.setTimeout(0);
      const first = socket.read(1) as Buffer | null;
      if (first === null) {
        socket.destroy(); // closed before saying anything
        return;
      }
      socket.unshift(first);
      if (first[0] === TLS_HANDSHAKE) for (const listener of tlsListeners) listener.call(https, socket);
      else plain.emit('connection', socket);
    });
  });
  return {
    close() {
      for (const socket of undecided) socket.destroy();
      plain.closeAllConnections();
    },
  };
}
