/**
 * The signaling client: Socket.IO to the same origin, speaking the tutorial
 * protocol. Joins the room on every (re)connection, so a dropped socket or a
 * restarted server puts us back in the same room.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ErrorCode, ServerToClientEvents, SignalData } from '../../server/events.js';

export type SignalSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export type LinkState = 'connecting' | 'connected' | 'lost' | 'unreachable';

export interface SignalingHandlers {
  /** We are in the room (after every successful join or rejoin). */
  joined(id: string): void;
  /** Someone joined after us: we make the offer. */
  otherjoin(id: string): void;
  full(): void;
  /** The other peer left or lost its signaling connection. */
  bye(id: string): void;
  message(data: unknown): void;
  link(state: LinkState): void;
  refused(code: ErrorCode, message: string): void;
}

export interface Signaling {
  send(data: SignalData): void;
  /** Leaves the room and closes the socket. */
  leave(): void;
  readonly id: string | undefined;
}

/** Failed attempts after which we tell the user the server is unreachable. */
const UNREACHABLE_AFTER = 2;

export function connectSignaling(room: string, on: SignalingHandlers): Signaling {
  const socket: SignalSocket = io({
    transports: ['websocket', 'polling'],
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
    randomizationFactor: 0.3,
    timeout: 5000,
  });
  let failures = 0;
  let leaving = false;
  on.link('connecting');

  socket.on('connect', () => {
    failures = 0;
    on.link('connected');
    socket.emit('join', room);
  });
  socket.on('disconnect', (reason) => {
    if (leaving) return;
    on.link('lost');
    // a server-side disconnect does not reconnect by itself
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', () => {
    if (++failures >= UNREACHABLE_AFTER) on.link('unreachable');
  });

  socket.on('joined', (r, id) => r === room && on.joined(id));
  socket.on('otherjoin', (r, id) => r === room && on.otherjoin(id));
  socket.on('full', (r) => r === room && on.full());
  socket.on('bye', (r, id) => r === room && on.bye(id));
  socket.on('message', (r, data) => r === room && on.message(data));
  socket.on('error', (error) => {
    if (error && typeof error === 'object' && typeof error.code === 'string') on.refused(error.code, String(error.message));
  });

  return {
    send(data) {
      if (socket.connected) socket.emit('message', room, data);
    },
    leave() {
      leaving = true;
      if (socket.connected) socket.emit('leave', room);
      setTimeout(() => socket.disconnect(), 100);
    },
    get id() {
      return socket.id;
    },
  };
}
