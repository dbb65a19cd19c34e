/**
 * The bare Socket.IO baseline (bench-only): express + socket.io 4.8 with the
 * Socket.IO options of src/server/app.ts and the tutorial's room protocol,
 * with no checks at all: no origin check, no connection caps, no rate limits,
 * no payload checks, no backpressure, no logging. Membership is a Map of two
 * seats and relays go straight to the other seat's socket, the cheapest way
 * Socket.IO offers, so this is the floor duet's server is measured against.
 * It also serves the plain tutorial page (bench/plain-page.ts) at /plain/<room>.
 */
import { createServer, type Server as HttpsServer } from 'node:https';
import express from 'express';
import { Server, type Socket } from 'socket.io';
import { loadConfig } from '../src/server/config/config.js';
import { PLAIN_PAGE } from './plain-page.js';

export function createSioRelay(tls: { key: string; cert: string }): { server: HttpsServer; connections(): number } {
  const app = express();
  app.get('/plain/:room', (_req, res) => void res.type('html').send(PLAIN_PAGE));
  app.get('/', (_req, res) => void res.type('html').send('<!doctype html><title>relay</title>'));
  const httpsServer = createServer(tls, app);
  const limits = loadConfig(process.env).limits; // PING_INTERVAL_MS etc. apply to both, as to duet
  const io = new Server(httpsServer, {
    allowEIO3: true,
    maxHttpBufferSize: limits.maxMessageBytes + 16 * 1024,
    perMessageDeflate: false,
    pingInterval: limits.pingIntervalMs,
    pingTimeout: limits.pingTimeoutMs,
    connectTimeout: 10_000,
    serveClient: true,
  });
  const rooms = new Map<string, Set<Socket>>();
  io.on('connection', (socket) => {
    const mine = new Set<string>();
    const leave = (room: string) => {
      const seats = rooms.get(room);
      seats?.delete(socket);
      mine.delete(room);
      if (seats?.size === 0) rooms.delete(room);
      else for (const other of seats ?? []) other.emit('bye', room, socket.id);
    };
    socket.on('join', (room: string) => {
      const seats = rooms.get(room) ?? new Set<Socket>();
      if (seats.size >= 2 && !seats.has(socket)) return void socket.emit('full', room, socket.id);
      for (const other of seats) other.emit('otherjoin', room, socket.id);
      seats.add(socket);
      rooms.set(room, seats);
      mine.add(room);
      socket.emit('joined', room, socket.id);
    });
    socket.on('message', (room: string, data: unknown) => {
      for (const other of rooms.get(room) ?? []) if (other !== socket) other.emit('message', room, data);
    });
    socket.on('leave', (room: string) => {
      leave(room);
      socket.emit('leaved', room, socket.id);
    });
    socket.on('disconnect', () => {
      for (const room of [...mine]) leave(room);
    });
  });
  return { server: httpsServer, connections: () => io.engine.clientsCount };
}
