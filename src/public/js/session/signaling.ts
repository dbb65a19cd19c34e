/**
 * The signaling client: Socket.IO to the same origin, speaking the tutorial
 * protocol. The socket opens with the page (`openSocket`), so that clicking
 * Join costs only the `join` round trip; a seat is taken only by
 * `connectSignaling`, which joins the room then and on every reconnection, so
 * a dropped socket or a restarted server puts us back in the same room.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ErrorCode, ServerToClientEvents, SignalData } from '../../../shared/events.js';
import { ACCESS_DENIED, accessAuth, handleAccessDenied, type AskCode } from './access-code.js';

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

/** The room protocol's events about one room. */
export type RoomHandlers = Pick<SignalingHandlers, 'joined' | 'otherjoin' | 'full' | 'bye' | 'message'>;

/**
 * Hands the room protocol's events about the rooms `ours` accepts to `on` (a room link's room, or
 * the private room of a call by name); returns what stops listening.
 */
export function listenToRoom(socket: SignalSocket, ours: (room: string) => boolean, on: RoomHandlers): () => void {
  const joined = (r: string, id: string) => void (ours(r) && on.joined(id));
  const otherjoin = (r: string, id: string) => void (ours(r) && on.otherjoin(id));
  const full = (r: string) => void (ours(r) && on.full());
  const bye = (r: string, id: string) => void (ours(r) && on.bye(id));
  const message = (r: string, data: unknown) => void (ours(r) && on.message(data));
  socket.on('joined', joined);
  socket.on('otherjoin', otherjoin);
  socket.on('full', full);
  socket.on('bye', bye);
  socket.on('message', message);
  return () => {
    socket.off('joined', joined);
    socket.off('otherjoin', otherjoin);
    socket.off('full', full);
    socket.off('bye', bye);
    socket.off('message', message);
  };
}

/** Failed attempts after which we tell the user the server is unreachable. */
const UNREACHABLE_AFTER = 2;

/** A socket opened before joining, and how many connection attempts in a row failed so far. */
export interface OpenSocket {
  readonly socket: SignalSocket;
  readonly failures: number;
}

/**
 * Opens the connection to the server (WebSocket first, no polling round trips) without joining any
 * room; `askCode` asks the person for the server's access code when the server wants one.
 */
export function openSocket(askCode?: AskCode): OpenSocket {
  const socket: SignalSocket = io({
    auth: accessAuth,
    transports: ['websocket', 'polling'],
    reconnectionDelay: 300,
    reconnectionDelayMax: 2000,
    randomizationFactor: 0.3,
    timeout: 5000,
  });
  const open = { socket, failures: 0 };
  socket.on('connect', () => void (open.failures = 0));
  // a missing access code is not an unreachable server
  socket.on('connect_error', (error) => void (error.message !== ACCESS_DENIED && open.failures++));
  if (askCode) handleAccessDenied(socket, askCode);
  return open;
}

export function connectSignaling(room: string, on: SignalingHandlers, open: OpenSocket = openSocket()): Signaling {
  const { socket } = open;
  let leaving = false;

  const join = () => {
    on.link('connected');
    socket.emit('join', room);
  };
  socket.on('connect', join);
  if (socket.connected) join();
  else on.link(open.failures >= UNREACHABLE_AFTER ? 'unreachable' : 'connecting');
  socket.on('disconnect', (reason) => {
    if (leaving) return;
    on.link('lost');
    // a server-side disconnect does not reconnect by itself
    if (reason === 'io server disconnect') socket.connect();
  });
  socket.on('connect_error', () => {
    if (open.failures >= UNREACHABLE_AFTER) on.link('unreachable');
  });

  listenToRoom(socket, (r) => r === room, on);
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
