/**
 * The Socket.IO layer of calls by name: checks each request's arguments, asks the
 * PeopleBackend, emits the events of the returned step with `io.to(socketId)`, answers the
 * acknowledgement (or a refusal as `error`), seats accepted calls and frees ended ones through
 * the room store, and keeps the one wake-up timer. No listener throws; failures are logged.
 * The sender is always the socket, never a payload.
 */
import { ERROR_TEXT } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/events.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { SignalingMetrics } from '../metrics/metrics.js';
import type { RoomStore } from '../rooms/store.js';
import type { DuetServer, DuetSocket } from '../socket/types.js';
import { splitAck, type Ack } from '../socket/validate.js';
import type { PeopleBackend, PeopleEvent, Step } from './backend.js';
import type { CongestionLimits } from '../socket/backpressure.js';
import { createCallRooms } from './call-rooms.js';
import { createDelivery } from './delivery.js';
import { revealing, type ProbePacer } from './probes.js';
import { createWakeTimer, REAL_TIMERS, type Timers } from './wake-timer.js';

export interface PeopleSocketDeps {
  backend: PeopleBackend;
  /** The store the room events use, unwatched: private rooms are seated here. */
  store: RoomStore;
  logger: Logger;
  clock: () => number;
  timers?: Timers;
  /** Counts refusals by code (metrics.ts); nothing counted when left out. */
  metrics?: Pick<SignalingMetrics, 'refused'>;
  /** The cap on what may wait for one connection (delivery.ts); none when left out. */
  congestion?: CongestionLimits;
  /** DIRECTORY=off: paces the answers that tell whether a name is online or busy (probes.ts). */
  probes?: ProbePacer;
}

export interface PeopleSocket {
  /** Tells the backend that `socketId` joined or left an ordinary room (watch-store.ts calls it). */
  roomChanged(socketId: string, room: string, inRoom: boolean): void;
  /** Stops the timer (createServer's close). */
  close(): void;
}

/** Longest string argument read at all (display-name.ts refuses over 256 UTF-16 units too). */
const MAX_ARGUMENT_LENGTH = 256;

type Request = (backend: PeopleBackend, socket: DuetSocket, params: unknown[]) => Promise<Step<object>> | ErrorCode;

const isName = (value: unknown) => typeof value === 'string' && value.length <= MAX_ARGUMENT_LENGTH;
/** A token that is no string of sane length is no proof: the login goes on without one. */
const tokenOf = (value: unknown) => (isName(value) ? value : undefined);

const REQUESTS: Record<string, Request> = {
  login: (b, { id, data }, [name, token]) => b.login(id, isName(name) ? name : '', tokenOf(token), data.address),
  logout: (b, { id }) => b.logout(id),
  call: (b, { id }, [name]) => (isName(name) ? b.call(id, name) : 'invalid-name'),
  cancel: (b, { id }) => b.cancel(id),
  accept: (b, { id }, [from]) => (isName(from) ? b.accept(id, from) : 'invalid-name'),
  decline: (b, { id }, [from]) => (isName(from) ? b.decline(id, from) : 'invalid-name'),
  block: (b, { id }, [name]) => (isName(name) ? b.block(id, name) : 'invalid-name'),
  hangup: (b, { id }) => b.hangup(id),
};

/**
 * Answers to a ring: never counted against the rate limits (a person rung again and again must
 * be able to say no every time). One that answers no ring at all costs a stray answer instead.
 */
export const PEOPLE_ANSWERS: ReadonlySet<string> = new Set(['decline', 'block']);
/** The other events of calls by name, which count against the rate limits like `join` (admission.ts). */
export const PEOPLE_REQUESTS: ReadonlySet<string> = new Set(Object.keys(REQUESTS).filter((event) => !PEOPLE_ANSWERS.has(event)));
/** Answers to no ring that one socket may send per STRAY_WINDOW_MS before they are refused unasked. */
const STRAY_ANSWERS = 20;
const STRAY_WINDOW_MS = 10_000;

function refusedLogin(socketId: string): Step<object> {
  const reply = { ok: false, error: 'rate-limited' } as const;
  return { reply, events: [{ to: socketId, event: 'login', args: [reply] }] };
}

export function attachPeople(io: DuetServer, deps: PeopleSocketDeps): PeopleSocket {
  const { backend, logger } = deps;
  const rooms = createCallRooms(io, deps.store);
  const logError = (what: string) => (error: unknown) => logger.error(`${what} failed: ${escapeForLog(String(error), 200)}`);
  const timers = deps.timers ?? REAL_TIMERS;
  const delivery = createDelivery(io, { logger, clock: deps.clock, timers, congestion: deps.congestion });
  const emitAll = (events: readonly PeopleEvent[]) => delivery.send(events);
  const timer = createWakeTimer({
    nextWake: () => backend.nextWake(),
    tick: async () => emitAll(await backend.tick()),
    clock: deps.clock,
    timers,
    onError: logError('people timer'),
  });
  const strays = new Map<string, { count: number; since: number }>(); // socket id → its answers to no ring

  /** May `socket` send another answer that may turn out to answer no ring? */
  function strayBudget(id: string): boolean {
    const now = deps.clock();
    const mine = strays.get(id);
    if (!mine || now - mine.since >= STRAY_WINDOW_MS) return true;
    return mine.count < STRAY_ANSWERS;
  }
  function countStray(id: string): void {
    const now = deps.clock();
    const mine = strays.get(id);
    if (!mine || now - mine.since >= STRAY_WINDOW_MS) strays.set(id, { count: 1, since: now });
    else mine.count++;
  }

  /** Carries out a step of `by`: its events, then the seats it takes or frees, then the timer. */
  async function apply(step: Step<unknown>, by: string): Promise<void> {
    emitAll(step.events);
    if (step.seat) {
      const { room, caller, callee } = step.seat;
      const seated = await rooms.seat(room, caller, callee);
      if (!seated.ok) {
        logger.warn(`could not seat ${seated.refused} in a call room: ${seated.kind}`);
        io.to(seated.refused).emit('error', { code: 'too-many-rooms', event: 'accept', message: ERROR_TEXT['too-many-rooms'] });
        await apply(await backend.hangup(seated.refused), seated.refused);
      }
    }
    for (const room of step.free ?? []) await rooms.free(room, by);
    await timer.reschedule();
  }

  function answer(socket: DuetSocket, event: string, reply: object, ack: Ack | undefined): void {
    const refusal = (reply as { ok?: boolean; error?: ErrorCode }).ok === false ? (reply as { error: ErrorCode }).error : undefined;
    if (refusal !== undefined) {
      logger.info(`refused ${event} from ${socket.id}: ${refusal}`);
      deps.metrics?.refused(refusal);
    }
    if (ack) return ack(reply);
    // a refused login is told by the `login` event itself
    if (refusal !== undefined && event !== 'login') socket.emit('error', { code: refusal, event, message: ERROR_TEXT[refusal] });
  }

  /** One shared listener per event (Socket.IO calls it with `this` = the socket). */
  function listener(event: string, request: Request) {
    async function handle(socket: DuetSocket, args: unknown[]): Promise<void> {
      const { params, ack } = splitAck(args);
      const answering = PEOPLE_ANSWERS.has(event);
      if (answering && !strayBudget(socket.id)) return answer(socket, event, { ok: false, error: 'rate-limited' }, ack);
      const outcome = request(backend, socket, params);
      if (typeof outcome === 'string') return answer(socket, event, { ok: false, error: outcome }, ack);
      let step: Step<object>;
      try {
        step = await outcome;
      } catch (error) {
        // a shared backend that cannot be reached (Redis away): a clear refusal, nothing changed
        logError(`${event} from ${socket.id}`)(error);
        deps.metrics?.refused('unavailable');
        if (ack) return ack({ ok: false, error: 'unavailable' });
        return void socket.emit('error', { code: 'unavailable', event, message: ERROR_TEXT.unavailable });
      }
      if (answering && (step.reply as { ok?: boolean }).ok === false) countStray(socket.id);
      if (deps.probes && revealing(event, step, socket.id) && !deps.probes.allow(socket.data.address)) {
        // DIRECTORY=off: this answer would tell whether the name is online or busy; the address asked too often
        step = event === 'login' ? refusedLogin(socket.id) : { reply: { ok: false, error: 'rate-limited' }, events: [] };
      }
      await apply(step, socket.id);
      answer(socket, event, step.reply, ack);
      if (event === 'login' && (step.reply as { ok: boolean }).ok)
        logger.info(`login ${socket.id} as ${escapeForLog((step.reply as { name: string }).name, 40)}`);
    }
    return function (this: DuetSocket, ...args: unknown[]): void {
      handle(this, args).catch(logError(`${event} from ${this.id}`));
    };
  }
  const listeners = Object.entries(REQUESTS).map(([event, request]) => [event, listener(event, request)] as const);

  function onDisconnect(this: DuetSocket): void {
    const id = this.id;
    strays.delete(id);
    backend
      .disconnect(id)
      .then((step) => apply(step, id))
      .catch(logError(`people disconnect of ${id}`));
  }

  backend.onOwnSteps?.((step, by) => void apply(step, by).catch(logError(`people step of ${by}`)));

  io.on('connection', (socket) => {
    for (const [event, handler] of listeners) socket.on(event as never, handler as never);
    socket.on('disconnect', onDisconnect);
  });

  return {
    roomChanged(socketId, room, inRoom) {
      backend
        .room(socketId, room, inRoom)
        .then((step) => apply(step, socketId))
        .catch(logError(`people room change of ${socketId}`));
    },
    close() {
      timer.close();
      delivery.close();
      backend.close?.();
    },
  };
}
