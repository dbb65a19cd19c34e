/**
 * The Socket.IO layer: turns the tutorial's events into calls on the room state
 * and relays messages between the two peers of a room. No listener throws.
 */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ErrorCode, InterServerEvents, ServerToClientEvents, SocketData } from './events.js';
import { escapeForLog, type Logger } from './logger.js';
import type { Guard } from './guard.js';
import type { RoomState } from './rooms.js';
import { checkSignal, isRoomName, splitAck, type Ack } from './validate.js';

export type DuetServer = Server<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;
export type DuetSocket = Socket<ClientToServerEvents, ServerToClientEvents, InterServerEvents, SocketData>;

export interface SignalingDeps {
  rooms: RoomState;
  logger: Logger;
  /** Largest relayed payload, in bytes (estimated JSON size). */
  maxMessageBytes: number;
  /** Rate limits; none when left out. */
  guard?: Guard;
}

const ERROR_TEXT: Record<ErrorCode, string> = {
  'invalid-room': 'Room names are 1-64 letters, digits, "-", "_" or ".".',
  'room-full': 'This room already has two people in it.',
  'not-in-room': 'You are not in that room.',
  'already-in-room': 'You are already in that room.',
  'invalid-message': 'That message is not valid.',
  'message-too-large': 'That message is too large.',
  'rate-limited': 'Too many requests; slow down.',
  'too-many-rooms': 'The server has too many rooms open; try again later.',
  'server-shutting-down': 'The server is shutting down.',
};

function describe(value: unknown): string {
  if (typeof value === 'string') return `string of ${value.length} chars ${escapeForLog(value, 32)}`;
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

export function attachSignaling(io: DuetServer, deps: SignalingDeps): void {
  const { rooms, logger } = deps;

  io.on('connection', (socket) => {
    socket.data.address = socket.handshake.address;
    const id = socket.id;
    logger.info(`connect ${id} from ${escapeForLog(socket.data.address, 64)} (EIO${socket.conn.protocol})`);

    function refuse(event: string, code: ErrorCode, ack: Ack | undefined, detail: string): void {
      logger.warn(`refused ${event} from ${id}: ${code} (${detail})`);
      if (ack) ack({ ok: false, error: code });
      else socket.emit('error', { code, event, message: ERROR_TEXT[code] });
    }

    if (deps.guard) limitRate(socket, deps.guard, logger);

    socket.on('join', (...args: unknown[]) => {
      const { params, ack } = splitAck(args);
      const room = params[0];
      if (!isRoomName(room)) return refuse('join', 'invalid-room', ack, describe(room));
      const result = rooms.join(room, id);
      switch (result.kind) {
        case 'joined':
          void socket.join(room);
          logger.info(`join ${id} room ${escapeForLog(room)} (${result.peers.length + 1}/2)`);
          socket.emit('joined', room, id);
          if (result.peers.length > 0) socket.to(room).emit('otherjoin', room, id);
          ack?.({ ok: true, room, id, peers: result.peers.length });
          return;
        case 'already-in-room':
          return refuse('join', 'already-in-room', ack, `room ${escapeForLog(room)}`);
        case 'full':
          logger.info(`full ${id} room ${escapeForLog(room)}`);
          socket.emit('full', room, id);
          ack?.({ ok: false, error: 'room-full' });
          return;
        case 'too-many-rooms':
          return refuse('join', 'too-many-rooms', ack, `room ${escapeForLog(room)}`);
      }
    });

    socket.on('leave', (...args: unknown[]) => {
      const { params, ack } = splitAck(args);
      const room = params[0];
      if (!isRoomName(room)) return refuse('leave', 'invalid-room', ack, describe(room));
      const result = rooms.leave(room, id);
      if (result.kind === 'not-in-room') return refuse('leave', 'not-in-room', ack, `room ${escapeForLog(room)}`);
      socket.to(room).emit('bye', room, id);
      void socket.leave(room);
      socket.emit('leaved', room, id);
      logger.info(`leave ${id} room ${escapeForLog(room)}`);
      ack?.({ ok: true, room });
    });

    socket.on('message', (...args: unknown[]) => {
      const { params, ack } = splitAck(args);
      const [room, data] = params;
      if (!isRoomName(room)) return refuse('message', 'invalid-room', ack, describe(room));
      if (!rooms.isMember(room, id)) return refuse('message', 'not-in-room', ack, `room ${escapeForLog(room)}`);
      if (data === undefined) return refuse('message', 'invalid-message', ack, 'no data');
      const check = checkSignal(data, deps.maxMessageBytes);
      if (!check.ok) return refuse('message', check.error, ack, describe(data));
      // straight to the other seat: cheaper than a room broadcast, which builds operators and sets per message
      for (const peer of rooms.others(room, id)) io.sockets.sockets.get(peer)?.emit('message', room, data as never);
      if (logger.debugEnabled !== false) logger.debug(`message ${id} room ${escapeForLog(room)} type ${messageType(data)} ${check.bytes}B`);
      ack?.({ ok: true });
    });

    socket.on('disconnect', (reason) => {
      for (const { room, remaining } of rooms.leaveAll(id)) {
        if (remaining.length > 0) io.to(room).emit('bye', room, id);
      }
      deps.guard?.forget(id);
      logger.info(`disconnect ${id} (${reason})`);
    });
  });
}

/**
 * Counts every incoming event against the socket's and its address's buckets.
 * Over the limit the event is dropped and answered with `rate-limited`; a socket
 * that keeps going after its strikes run out is disconnected.
 */
function limitRate(socket: DuetSocket, guard: Guard, logger: Logger): void {
  const { id } = socket;
  let throttled = false;
  socket.use((packet, next) => {
    const [event] = packet;
    const kind = event === 'join' || event === 'leave' ? 'join' : 'message';
    const verdict = guard.check(id, socket.data.address, kind);
    if (verdict === 'ok') {
      throttled = false;
      return next();
    }
    const name = typeof event === 'string' ? event : String(event);
    if (!throttled) logger.warn(`rate-limited ${id} on ${escapeForLog(name, 32)}`);
    throttled = true;
    const { ack } = splitAck(packet);
    if (ack) ack({ ok: false, error: 'rate-limited' });
    else socket.emit('error', { code: 'rate-limited', event: name.slice(0, 32), message: ERROR_TEXT['rate-limited'] });
    if (verdict === 'disconnect') {
      logger.warn(`disconnecting ${id}: kept flooding after being rate-limited`);
      socket.disconnect(true);
    }
  });
}

/** The `type` field of a signaling payload, for debug logs (never its contents). */
function messageType(data: unknown): string {
  if (typeof data === 'string') return escapeForLog(data, 16);
  if (data && typeof data === 'object' && 'type' in data) return escapeForLog((data as { type: unknown }).type, 16);
  return describe(data);
}
