/**
 * The Socket.IO layer: turns the tutorial's events into calls on the room state
 * and relays messages between the two peers of a room. No listener throws.
 */
import type { ErrorCode } from '../../shared/events.js';
import type { DuetServer, DuetSocket } from '../socket/types.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import { checkCongestion, dropConnection, type CongestionLimits, type QueuedConnection } from '../socket/backpressure.js';
import type { RoomStore } from './store.js';
import type { SignalingMetrics } from '../metrics/metrics.js';
import { ERROR_TEXT } from '../../shared/errors.js';
import { isRoomName } from '../../shared/room-name.js';
import { checkSignal, splitAck, type Ack } from '../socket/validate.js';

export interface SignalingDeps {
  /** Who sits in which room (the in-memory store by default; async, so a shared store fits). */
  store: RoomStore;
  logger: Logger;
  /** Largest relayed payload, in bytes (estimated JSON size). */
  maxMessageBytes: number;
  /** Cap on what may wait for one peer; none when left out. */
  congestion?: CongestionLimits;
  /** Peers may be connected to other nodes (a shared store): reach those through the Socket.IO adapter. */
  remote?: boolean;
  /** Counts relays and refusals (metrics.ts); nothing is counted when left out. */
  metrics?: SignalingMetrics;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `string of ${value.length} chars ${escapeForLog(value, 32)}`;
  if (Array.isArray(value)) return 'array';
  return value === null ? 'null' : typeof value;
}

export function attachSignaling(io: DuetServer, deps: SignalingDeps): void {
  const { store, logger, metrics } = deps;

  /**
   * Sends to the other seats by socket id, from the room state: duet uses no
   * Socket.IO rooms, so a room named like a socket id reaches nobody.
   */
  function tellPeers(peers: readonly string[], event: 'otherjoin' | 'bye', room: string, id: string): void {
    for (const peer of peers) {
      const local = io.sockets.sockets.get(peer);
      if (local) local.emit(event, room, id);
      else if (deps.remote) io.to(peer).emit(event, room, id); // its own Socket.IO room, on whichever node it is
    }
  }

  function refuse(socket: DuetSocket, event: string, code: ErrorCode, ack: Ack | undefined, detail: string): void {
    logger.warn(`refused ${event} from ${socket.id}: ${code} (${detail})`);
    metrics?.refused(code);
    if (ack) ack({ ok: false, error: code });
    else socket.emit('error', { code, event, message: ERROR_TEXT[code] });
  }

  // The listeners are made once and shared by every socket (Socket.IO calls them with
  // `this` = the socket), so an idle connection carries no closures of ours but one.
  async function onJoin(this: DuetSocket, ...args: unknown[]): Promise<void> {
    const { params, ack } = splitAck(args);
    const room = params[0];
    const id = this.id;
    if (!isRoomName(room)) return refuse(this, 'join', 'invalid-room', ack, describe(room));
    const result = await store.seat(room, id, this.data.address);
    switch (result.kind) {
      case 'joined':
        logger.info(`join ${id} room ${escapeForLog(room)} (${result.peers.length + 1}/2)`);
        this.emit('joined', room, id);
        tellPeers(result.peers, 'otherjoin', room, id);
        ack?.({ ok: true, room, id, peers: result.peers.length });
        return;
      case 'already-in-room':
        return refuse(this, 'join', 'already-in-room', ack, `room ${escapeForLog(room)}`);
      case 'full':
        logger.info(`full ${id} room ${escapeForLog(room)}`);
        this.emit('full', room, id);
        metrics?.refused('room-full');
        ack?.({ ok: false, error: 'room-full' });
        return;
      case 'too-many-rooms':
        return refuse(this, 'join', 'too-many-rooms', ack, `room ${escapeForLog(room)}`);
    }
  }

  async function onLeave(this: DuetSocket, ...args: unknown[]): Promise<void> {
    const { params, ack } = splitAck(args);
    const room = params[0];
    const id = this.id;
    if (!isRoomName(room)) return refuse(this, 'leave', 'invalid-room', ack, describe(room));
    const result = await store.unseat(room, id);
    if (result.kind === 'not-in-room') return refuse(this, 'leave', 'not-in-room', ack, `room ${escapeForLog(room)}`);
    tellPeers(result.remaining, 'bye', room, id);
    this.emit('leaved', room, id);
    logger.info(`leave ${id} room ${escapeForLog(room)}`);
    ack?.({ ok: true, room });
  }

  async function onMessage(this: DuetSocket, ...args: unknown[]): Promise<void> {
    const { params, ack } = splitAck(args);
    const [room, data] = params;
    const id = this.id;
    if (!isRoomName(room)) return refuse(this, 'message', 'invalid-room', ack, describe(room));
    if (!(await store.isMember(room, id))) return refuse(this, 'message', 'not-in-room', ack, `room ${escapeForLog(room)}`);
    if (data === undefined) return refuse(this, 'message', 'invalid-message', ack, 'no data');
    const check = checkSignal(data, deps.maxMessageBytes);
    if (!check.ok) return refuse(this, 'message', check.error, ack, describe(data));
    // straight to the other seat: cheaper than a room broadcast, which builds operators and sets per message
    let congested = false;
    for (const peerId of await store.others(room, id)) {
      const peer = io.sockets.sockets.get(peerId);
      if (!peer) {
        // on another node: the adapter carries it there (that node's congestion check is not seen from here)
        if (deps.remote) io.to(peerId).emit('message', room, data as never);
        continue;
      }
      const state = deps.congestion ? checkCongestion(peer.conn as unknown as QueuedConnection, peer.data, deps.congestion, Date.now()) : 'ok';
      if (state === 'ok') {
        peer.emit('message', room, data as never);
        metrics?.relayed(data);
      } else congested = true;
      if (state === 'stuck') {
        logger.warn(`dropping ${peerId}: more than ${deps.congestion!.maxQueuedBytes} bytes waited for it for ${deps.congestion!.graceMs} ms`);
        dropConnection(peer.conn as unknown as QueuedConnection);
      }
    }
    if (congested) return refuse(this, 'message', 'peer-congested', ack, `room ${escapeForLog(room)}`);
    if (logger.debugEnabled !== false) logger.debug(`message ${id} room ${escapeForLog(room)} type ${messageType(data)} ${check.bytes}B`);
    ack?.({ ok: true });
  }

  async function onDisconnect(this: DuetSocket, reason: string): Promise<void> {
    const id = this.id;
    for (const { room, remaining } of await store.unseatAll(id)) {
      tellPeers(remaining, 'bye', room, id);
    }
    logger.info(`disconnect ${id} (${reason})`);
  }

  /**
   * A listener that never rejects: a failing store (Redis unreachable) is logged and
   * the request answered `unavailable`, never an unhandled rejection.
   */
  function settled<A extends unknown[]>(event: string, handler: (this: DuetSocket, ...args: A) => Promise<void>) {
    return function (this: DuetSocket, ...args: A): void {
      handler.apply(this, args).catch((error: unknown) => {
        const detail = escapeForLog(error instanceof Error ? error.message : String(error), 200);
        if (event === 'disconnect' || !this.connected) logger.error(`${event} from ${this.id} failed: ${detail}`);
        else refuse(this, event, 'unavailable', splitAck(args).ack, detail);
      });
    };
  }
  const joinListener = settled('join', onJoin);
  const leaveListener = settled('leave', onLeave);
  const messageListener = settled('message', onMessage);
  const disconnectListener = settled('disconnect', onDisconnect);

  io.on('connection', (socket) => {
    logger.info(`connect ${socket.id} from ${escapeForLog(socket.data.address, 64)} (EIO${socket.conn.protocol})`);
    socket.on('join', joinListener);
    socket.on('leave', leaveListener);
    socket.on('message', messageListener);
    socket.on('disconnect', disconnectListener);
  });
}

/** The `type` field of a signaling payload, for debug logs (never its contents). */
function messageType(data: unknown): string {
  if (typeof data === 'string') return escapeForLog(data, 16);
  if (data && typeof data === 'object' && 'type' in data) return escapeForLog((data as { type: unknown }).type, 16);
  return describe(data);
}
