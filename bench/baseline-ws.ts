/**
 * The plain `ws` baseline (bench-only): the smallest relay with duet's two-seat
 * room rules, over TLS like duet. JSON frames:
 *   -> {"type":"join","room":r}            <- joined / otherjoin (to the other) / full
 *   -> {"type":"message","room":r,"data":d} <- {"type":"message","room":r,"data":d} to the other seat
 * It parses and re-serialises each frame, as duet and peerjs-server do.
 */
import { createServer, type Server } from 'node:https';
import { WebSocketServer, type WebSocket } from 'ws';

const ROOM = /^[\w.-]{1,64}$/;

export function createWsRelay(tls: { key: string; cert: string }): { server: Server; connections(): number } {
  const httpsServer = createServer(tls);
  const wss = new WebSocketServer({ server: httpsServer, perMessageDeflate: false, maxPayload: 80 * 1024 });
  const rooms = new Map<string, Set<WebSocket>>();
  const joined = new WeakMap<WebSocket, Set<string>>();

  wss.on('connection', (socket) => {
    const mine = new Set<string>();
    joined.set(socket, mine);
    socket.on('error', () => socket.terminate());
    socket.on('message', (raw, isBinary) => {
      if (isBinary) return;
      let frame: { type?: unknown; room?: unknown; data?: unknown };
      try {
        frame = JSON.parse(raw.toString()) as typeof frame;
      } catch {
        return;
      }
      const room = frame.room;
      if (typeof room !== 'string' || !ROOM.test(room)) return;
      if (frame.type === 'join') {
        const seats = rooms.get(room) ?? new Set<WebSocket>();
        if (seats.size >= 2 && !seats.has(socket)) return socket.send(JSON.stringify({ type: 'full', room }));
        for (const other of seats) other.send(JSON.stringify({ type: 'otherjoin', room }));
        seats.add(socket);
        rooms.set(room, seats);
        mine.add(room);
        socket.send(JSON.stringify({ type: 'joined', room }));
      } else if (frame.type === 'message' && mine.has(room)) {
        const out = JSON.stringify({ type: 'message', room, data: frame.data });
        for (const other of rooms.get(room) ?? []) if (other !== socket) other.send(out);
      }
    });
    socket.on('close', () => {
      for (const room of mine) {
        const seats = rooms.get(room);
        seats?.delete(socket);
        if (seats?.size === 0) rooms.delete(room);
        else for (const other of seats ?? []) other.send(JSON.stringify({ type: 'bye', room }));
      }
    });
  });
  httpsServer.on('close', () => wss.close());
  return { server: httpsServer, connections: () => wss.clients.size };
}
