/**
 * The room protocol's handlers for the socket pipeline: `join` and `leave` ask the seat owner
 * (seats.ts), which tells the other seat; `message` is relayed to the other seat of a room the
 * sender sits in, under backpressure. A disconnect frees the socket's seats.
 */
import type { DuetServer } from '../socket/types.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { SignalingMetrics } from '../metrics/metrics.js';
import { isRoomName } from '../../shared/room-name.js';
import { handler, type ArgsRefusal, type Pipeline, type SocketFeature } from '../socket/pipeline.js';
import { checkSignal } from '../socket/validate.js';
import type { Seats } from './seats.js';

export interface SignalingDeps {
  io: DuetServer;
  seats: Seats;
  pipeline: Pick<Pipeline, 'pressure'>;
  logger: Logger;
  /** Largest relayed payload, in bytes (estimated JSON size). */
  maxMessageBytes: number;
  /** Counts relays (metrics.ts); nothing is counted when left out. */
  metrics?: Pick<SignalingMetrics, 'relayed'>;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `string of ${value.length} chars ${escapeForLog(value, 32)}`;
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

/** The first argument must be a room name (the rest is kept for `message`). */
function room(params: unknown[]): [string, ...unknown[]] | ArgsRefusal {
  return isRoomName(params[0]) ? (params as [string, ...unknown[]]) : { refuse: 'invalid-room', detail: describe(params[0]) };
}

export function roomEvents(deps: SignalingDeps): SocketFeature {
  const { io, seats, logger, metrics } = deps;

  const join = handler({
    event: 'join',
    rateClass: 'join',
    args: room,
    async handle(ctx, [name], ack) {
      const { socket } = ctx;
      const result = await seats.join(name, socket.id, socket.data.address);
      switch (result.kind) {
        case 'joined':
          logger.info(`join ${socket.id} room ${escapeForLog(name)} (${result.peers.length + 1}/2)`);
          ack?.({ ok: true, room: name, id: socket.id, peers: result.peers.length });
          return;
        case 'full':
          socket.emit('full', name, socket.id); // the tutorial's answer, with or without an ack
          return ctx.refuse('room-full', { detail: `room ${escapeForLog(name)}`, level: 'info', silent: true });
        case 'already-in-room':
        case 'too-many-rooms':
          return ctx.refuse(result.kind, { detail: `room ${escapeForLog(name)}` });
      }
    },
  });

  const leave = handler({
    event: 'leave',
    rateClass: 'join',
    args: room,
    async handle(ctx, [name], ack) {
      const { socket } = ctx;
      const result = await seats.leave(name, socket.id);
      if (result.kind === 'not-in-room') return ctx.refuse('not-in-room', { detail: `room ${escapeForLog(name)}` });
      socket.emit('leaved', name, socket.id);
      logger.info(`leave ${socket.id} room ${escapeForLog(name)}`);
      ack?.({ ok: true, room: name });
    },
  });

  const message = handler({
    event: 'message',
    rateClass: 'message',
    args: room,
    async handle(ctx, [name, data], ack) {
      const id = ctx.socket.id;
      if (!(await seats.isMember(name, id))) return ctx.refuse('not-in-room', { detail: `room ${escapeForLog(name)}` });
      if (data === undefined) return ctx.refuse('invalid-message', { detail: 'no data' });
      const check = checkSignal(data, deps.maxMessageBytes);
      if (!check.ok) return ctx.refuse(check.error, { detail: describe(data) });
      // straight to the other seat: cheaper than a room broadcast, which builds operators and sets per message
      let congested = false;
      for (const peerId of await seats.others(name, id)) {
        const peer = io.sockets.sockets.get(peerId);
        if (!peer) {
          // on another node: the adapter carries it there (that node's congestion check is not seen from here)
          io.to(peerId).emit('message', name, data as never);
          continue;
        }
        if (deps.pipeline.pressure(peer) === 'ok') {
          peer.emit('message', name, data as never);
          metrics?.relayed(data);
        } else congested = true;
      }
      if (congested) return ctx.refuse('peer-congested', { detail: `room ${escapeForLog(name)}` });
      if (logger.debugEnabled !== false) logger.debug(`message ${id} room ${escapeForLog(name)} type ${messageType(data)} ${check.bytes}B`);
      ack?.({ ok: true });
    },
  });

  return {
    handlers: [join, leave, message],
    disconnect: (socket) => seats.leaveAll(socket.id),
  };
}

/** The `type` field of a signaling payload, for debug logs (never its contents). */
function messageType(data: unknown): string {
  if (typeof data === 'string') return escapeForLog(data, 16);
  if (data && typeof data === 'object' && 'type' in data) return escapeForLog((data as { type: unknown }).type, 16);
  return describe(data);
}
