/**
 * Socket.IO's memory tip (https://socket.io/docs/v4/memory-usage/): Engine.IO
 * keeps the first HTTP request of every connection (the WebSocket upgrade or
 * the polling handshake) for as long as the connection lives. duet reads
 * nothing from it after the handshake: the address is copied into the
 * connection (`remoteAddress`), the Origin and caps are checked before, and
 * Socket.IO's `handshake` record falls back to empty headers without it. So
 * the reference is dropped once the connection is made. Engine.IO 6.6 still
 * reaches the upgrade request through a `close` listener on the TLS socket
 * (its WebSocketResponse), so its header lists are emptied too: they are the
 * bulk of what each idle connection would otherwise keep.
 */

/** The parts of an Engine.IO connection and its request this module touches. */
export interface HandshakeHolder {
  request: { headers?: object; rawHeaders?: string[] } | null;
}

export function dropHandshakeRequest(conn: HandshakeHolder): void {
  const request = conn.request;
  conn.request = null;
  if (!request) return;
  request.headers = {};
  request.rawHeaders = [];
}
