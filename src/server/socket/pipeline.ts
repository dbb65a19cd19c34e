/**
 * The one path of every socket event (peerjs-server's message-handler registry is the model).
 * Features hand it tables of handlers, `{ event, rateClass, args, handle }`, and never register
 * a listener themselves. The pipeline owns, once for every feature:
 *
 * - the single `io.on('connection')`: the client address is set here (what every per-address
 *   limit counts by), the limiter starts the socket's budgets, the handlers are attached;
 * - the rate limit of every incoming event, by the class its feature declares (an event no
 *   feature handles counts as a message), through the limiter it is given (admission's);
 * - ack splitting and the argument checks a handler declares, before the handler runs;
 * - one `refuse()`: a log line, the refusal counted, then the acknowledgement or an `error`
 *   event; a handler that throws or rejects is answered `unavailable`, nothing throws;
 * - backpressure on emits to a congested peer (`pressure`, over backpressure.ts);
 * - the disconnect hooks of the features, in the order they were added.
 *
 * Every listener is made once and shared by every socket (Socket.IO calls it with `this` = the
 * socket), so an idle connection carries no closures of ours but its middleware.
 */
import { ERROR_TEXT } from '../../shared/errors.js';
import type { ErrorCode, ServerToClientEvents } from '../../shared/events.js';
import { clientKey } from '../limits/client-address.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { SignalingMetrics } from '../metrics/metrics.js';
import { checkCongestion, dropConnection, type Congestion, type CongestionLimits, type QueuedConnection } from './backpressure.js';
import type { DuetServer, DuetSocket } from './types.js';

/** A listener's trailing acknowledgement, called with the reply. */
export type Ack = (reply: unknown) => void;

/** Splits a listener's arguments into the positional ones and a trailing acknowledgement. */
export function splitAck(args: unknown[]): { params: unknown[]; ack: Ack | undefined } {
  const last = args[args.length - 1];
  if (typeof last === 'function') return { params: args.slice(0, -1), ack: last as Ack };
  return { params: args, ack: undefined };
}

/** `join`: joins, leaves and requests (the small budget); `message`: relays and everything else; `free`: never counted. */
export type RateClass = 'join' | 'message' | 'free';

/**
 * ok: go on; limited: refuse this event; disconnect: the socket keeps flooding, drop it;
 * gone: the socket is not tracked (any more), drop the event silently.
 */
export type LimitVerdict = 'ok' | 'limited' | 'disconnect' | 'gone';

/** Counts events against budgets (admission's rate limits); the pipeline asks, the limiter only answers. */
export interface RateLimiter {
  /** A socket connected: its own budgets start. */
  track(socket: DuetSocket): void;
  /** One event of `rateClass` from `socket`; a limiter shared by several nodes may answer later. */
  check(socket: DuetSocket, rateClass: Exclude<RateClass, 'free'>): LimitVerdict | Promise<LimitVerdict>;
  /** The socket is gone: its budgets are forgotten. */
  forget(socket: DuetSocket): void;
}

/** An argument check's refusal: the code answered and what the log line says about the value. */
export interface ArgsRefusal {
  refuse: ErrorCode;
  detail: string;
}

export interface RefuseOptions {
  /** What the log line adds after the code (the bad value, described; the room). */
  detail?: string;
  /** `info` for ordinary answers (a name taken, a room full); `warn` by default. */
  level?: 'info' | 'warn';
  /** No `error` event when there is no acknowledgement: another event already told the client (`full`, `login`). */
  silent?: boolean;
  /** No log line (a socket already told it is rate-limited). */
  quiet?: boolean;
}

/** What a handler gets besides its arguments: the socket (the sender, never a payload) and the refusal. */
export interface EventContext {
  readonly socket: DuetSocket;
  readonly event: string;
  /** Answers `code` to this event: logged, counted, then the acknowledgement or an `error` event. */
  refuse(code: ErrorCode, options?: RefuseOptions): void;
}

export interface EventHandler<A extends unknown[] = unknown[]> {
  event: string;
  rateClass: RateClass;
  /** Checks the positional arguments: the ones `handle` gets, or a refusal answered without calling it. */
  args?(params: unknown[]): A | ArgsRefusal;
  handle(ctx: EventContext, args: A, ack: Ack | undefined): void | Promise<void>;
}

/** Declares a handler, with its argument types inferred from its check. */
export const handler = <A extends unknown[]>(spec: EventHandler<A>): EventHandler => spec as unknown as EventHandler;

/** A feature's part of the socket layer: its handlers and what it does when a socket goes. */
export interface SocketFeature {
  handlers: readonly EventHandler[];
  /** After the socket disconnected (its seats freed, its name released); errors are logged. */
  disconnect?(socket: DuetSocket, reason: string): void | Promise<void>;
}

export interface PipelineOptions {
  logger: Logger;
  /** Counts refusals by code (metrics.ts); nothing counted when left out. */
  metrics?: Pick<SignalingMetrics, 'refused'>;
  /** The rate limits of every event; none when left out. */
  limiter?: RateLimiter;
  /** The cap on what may wait for one connection; no backpressure when left out. */
  congestion?: CongestionLimits;
}

export interface Pipeline {
  /** Adds a feature's handlers for every socket that connects from now on (before `listen`). */
  add(feature: SocketFeature): void;
  /** Answers `code` to `event` of `socket` (a log line, the metric, then `ack` or an `error` event). */
  refuse(socket: DuetSocket, event: string, code: ErrorCode, ack: Ack | undefined, options?: RefuseOptions): void;
  /**
   * May more be sent to `peer` now? Over the cap: `congested` (refuse what can wait); over it for
   * longer than the grace: `stuck`, and the connection is dropped at once, discarding its queue.
   */
  pressure(peer: DuetSocket, now?: number): Congestion;
  /**
   * Emits to socket `to` (or each of several): to a socket of this node directly, else through the
   * adapter by its own Socket.IO room (on whichever node it is; nobody without an adapter).
   */
  tell<E extends keyof ServerToClientEvents>(to: string | readonly string[], event: E, ...args: Parameters<ServerToClientEvents[E]>): void;
}

type Emit = (event: string, ...args: unknown[]) => boolean;

export function createPipeline(io: DuetServer, options: PipelineOptions): Pipeline {
  const { logger, metrics, limiter, congestion } = options;
  const classes = new Map<unknown, RateClass>();
  const listeners: Array<[string, (this: DuetSocket, ...args: unknown[]) => void]> = [];
  const hooks: Array<NonNullable<SocketFeature['disconnect']>> = [];

  function refuse(socket: DuetSocket, event: string, code: ErrorCode, ack: Ack | undefined, opts: RefuseOptions = {}): void {
    if (!opts.quiet) {
      const name = classes.has(event) ? event : escapeForLog(event, 32); // a client's own event name is escaped
      const line = `refused ${name} from ${socket.id}: ${code}${opts.detail === undefined ? '' : ` (${opts.detail})`}`;
      if (opts.level === 'info') logger.info(line);
      else logger.warn(line);
    }
    metrics?.refused(code);
    if (ack) ack({ ok: false, error: code });
    else if (!opts.silent) socket.emit('error', { code, event: event.slice(0, 32), message: ERROR_TEXT[code] });
  }

  /** One per event handled: a class, so its `refuse` is shared rather than a closure per event. */
  class Context implements EventContext {
    constructor(
      readonly socket: DuetSocket,
      readonly event: string,
      private readonly ack: Ack | undefined,
    ) {}
    refuse(code: ErrorCode, opts?: RefuseOptions): void {
      refuse(this.socket, this.event, code, this.ack, opts);
    }
  }

  /** A handler that failed (a store that cannot be reached): logged, and answered `unavailable` while the socket is here. */
  function failed(socket: DuetSocket, event: string, ack: Ack | undefined, error: unknown): void {
    const detail = escapeForLog(error instanceof Error ? error.message : String(error), 200);
    if (!socket.connected) logger.error(`${event} from ${socket.id} failed: ${detail}`);
    else refuse(socket, event, 'unavailable', ack, { detail });
  }

  function listenerOf(spec: EventHandler) {
    const { event } = spec;
    return function (this: DuetSocket, ...raw: unknown[]): void {
      const { params, ack } = splitAck(raw);
      let args = params;
      if (spec.args) {
        const checked = spec.args(params);
        if (!Array.isArray(checked)) return refuse(this, event, checked.refuse, ack, { detail: checked.detail });
        args = checked;
      }
      try {
        const done = spec.handle(new Context(this, event, ack), args, ack);
        if (done) done.catch((error: unknown) => failed(this, event, ack, error));
      } catch (error) {
        failed(this, event, ack, error);
      }
    };
  }

  /** The verdict of the limiter on one packet: pass it on, drop it, or refuse it (and drop a flooder). */
  function decide(socket: DuetSocket, packet: unknown[], next: (err?: Error) => void, verdict: LimitVerdict): void {
    if (verdict === 'gone') return;
    if (verdict === 'ok') {
      socket.data.throttled = false;
      return next();
    }
    const event = typeof packet[0] === 'string' ? packet[0] : String(packet[0]);
    // one log line per episode of flooding
    refuse(socket, event, 'rate-limited', splitAck(packet).ack, { quiet: socket.data.throttled === true });
    socket.data.throttled = true;
    if (verdict === 'disconnect') {
      logger.warn(`disconnecting ${socket.id}: kept flooding after being rate-limited`);
      socket.disconnect(true);
    }
  }

  function limit(socket: DuetSocket, packet: unknown[], next: (err?: Error) => void): void {
    // packets queued before a disconnect still reach the middleware: a gone socket gets nothing
    if (!socket.connected) return;
    const rateClass = classes.get(packet[0]) ?? 'message';
    if (rateClass === 'free' || !limiter) return decide(socket, packet, next, 'ok');
    const verdict = limiter.check(socket, rateClass);
    if (typeof verdict === 'string') return decide(socket, packet, next, verdict);
    verdict.then(
      (later) => decide(socket, packet, next, later),
      () => decide(socket, packet, next, 'ok'), // a shared limiter that cannot be reached limits nothing
    );
  }

  function onDisconnect(this: DuetSocket, reason: string): void {
    limiter?.forget(this);
    for (const hook of hooks) {
      try {
        const done = hook(this, reason);
        if (done) done.catch((error: unknown) => failed(this, 'disconnect', undefined, error));
      } catch (error) {
        failed(this, 'disconnect', undefined, error);
      }
    }
    logger.info(`disconnect ${this.id} (${reason})`);
  }

  io.on('connection', (socket) => {
    socket.data.address = clientKey(socket.handshake.address); // what every per-address limit counts by
    logger.info(`connect ${socket.id} from ${escapeForLog(socket.data.address, 64)} (EIO${socket.conn.protocol})`);
    limiter?.track(socket);
    socket.use((packet, next) => limit(socket, packet, next));
    for (const [event, listener] of listeners) socket.on(event as never, listener as never);
    socket.on('disconnect', onDisconnect);
  });

  return {
    add(feature) {
      for (const spec of feature.handlers) {
        if (classes.has(spec.event)) throw new Error(`two handlers for the event ${spec.event}`);
        classes.set(spec.event, spec.rateClass);
        listeners.push([spec.event, listenerOf(spec)]);
      }
      if (feature.disconnect) hooks.push(feature.disconnect);
    },
    refuse,
    pressure(peer, now = Date.now()) {
      if (!congestion) return 'ok';
      const conn = peer.conn as unknown as QueuedConnection;
      const state = checkCongestion(conn, peer.data, congestion, now);
      if (state === 'stuck') {
        logger.warn(`dropping ${peer.id}: more than ${congestion.maxQueuedBytes} bytes waited for it for ${congestion.graceMs} ms`);
        dropConnection(conn);
      }
      return state;
    },
    tell(to, event, ...args) {
      for (const id of typeof to === 'string' ? [to] : to) {
        const local = io.sockets.sockets.get(id);
        if (local) (local.emit as Emit)(event, ...args);
        else (io.to(id).emit as Emit)(event, ...args); // its own Socket.IO room, on whichever node it is
      }
    },
  };
}
