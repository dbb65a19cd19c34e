/**
 * The Socket.IO layer of calls by name (issue 12): checks each request's arguments, asks the
 * PeopleBackend, emits the events of the returned step with `io.to(socketId)`, answers the
 * acknowledgement (or a refusal as `error`), seats accepted calls and frees ended ones through
 * the room store, and keeps the one wake-up timer. No listener throws; failures are logged.
 * The sender is always the socket, never a payload.
 */
import { ERROR_TEXT } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/events.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { RoomStore } from '../signaling/room-store.js';
import type { DuetServer, DuetSocket } from '../signaling/signaling.js';
import { splitAck, type Ack } from '../signaling/validate.js';
import type { PeopleBackend, PeopleEvent, Step } from './backend.js';
import { createCallRooms } from './call-rooms.js';
import { createWakeTimer, REAL_TIMERS, type Timers } from './wake-timer.js';

export interface PeopleSocketDeps {
  backend: PeopleBackend;
  /** The store the room events use, unwatched: private rooms are seated here. */
  store: RoomStore;
  logger: Logger;
  clock: () => number;
  timers?: Timers;
}

export interface PeopleSocket {
  /** Tells the backend that `socketId` joined or left an ordinary room (watch-store.ts calls it). */
  roomChanged(socketId: string, room: string, inRoom: boolean): void;
  /** Stops the timer (createServer's close). */
  close(): void;
}

/** Longest string argument read at all (display-name.ts refuses over 256 UTF-16 units too). */
const MAX_ARGUMENT_LENGTH = 256;

type Request = (backend: PeopleBackend, id: string, params: unknown[]) => Promise<Step<object>> | ErrorCode;

const isName = (value: unknown) => typeof value === 'string' && value.length <= MAX_ARGUMENT_LENGTH;
/** A token that is no string of sane length is no proof: the login goes on without one. */
const tokenOf = (value: unknown) => (isName(value) ? value : undefined);

const REQUESTS: Record<string, Request> = {
  login: (b, id, [name, token]) => b.login(id, isName(name) ? name : '', tokenOf(token)),
  logout: (b, id) => b.logout(id),
  call: (b, id, [name]) => (isName(name) ? b.call(id, name) : 'invalid-name'),
  cancel: (b, id) => b.cancel(id),
  accept: (b, id, [from]) => (isName(from) ? b.accept(id, from) : 'invalid-name'),
  decline: (b, id, [from]) => (isName(from) ? b.decline(id, from) : 'invalid-name'),
  hangup: (b, id) => b.hangup(id),
};

/** The events of calls by name that count against the rate limits like `join` (admission.ts). */
export const PEOPLE_REQUESTS: ReadonlySet<string> = new Set(Object.keys(REQUESTS));

export function attachPeople(io: DuetServer, deps: PeopleSocketDeps): PeopleSocket {
  const { backend, logger } = deps;
  const rooms = createCallRooms(io, deps.store);
  const logError = (what: string) => (error: unknown) => logger.error(`${what} failed: ${escapeForLog(String(error), 200)}`);
  const timer = createWakeTimer({
    nextWake: () => backend.nextWake(),
    tick: async () => emitAll(await backend.tick()),
    clock: deps.clock,
    timers: deps.timers ?? REAL_TIMERS,
    onError: logError('people timer'),
  });

  function emitAll(events: readonly PeopleEvent[]): void {
    for (const { to, event, args } of events) (io.to(to).emit as (event: string, ...args: unknown[]) => boolean)(event, ...args);
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
    if (refusal !== undefined) logger.info(`refused ${event} from ${socket.id}: ${refusal}`);
    if (ack) return ack(reply);
    // a refused login is told by the `login` event itself
    if (refusal !== undefined && event !== 'login') socket.emit('error', { code: refusal, event, message: ERROR_TEXT[refusal] });
  }

  /** One shared listener per event (Socket.IO calls it with `this` = the socket). */
  function listener(event: string, request: Request) {
    async function handle(socket: DuetSocket, args: unknown[]): Promise<void> {
      const { params, ack } = splitAck(args);
      const outcome = request(backend, socket.id, params);
      if (typeof outcome === 'string') return answer(socket, event, { ok: false, error: outcome }, ack);
      const step = await outcome;
      await apply(step, socket.id);
      answer(socket, event, step.reply, ack);
      if (event === 'login' && (step.reply as { ok: boolean }).ok) logger.info(`login ${socket.id} as ${escapeForLog((step.reply as { name: string }).name, 40)}`);
    }
    return function (this: DuetSocket, ...args: unknown[]): void {
      handle(this, args).catch(logError(`${event} from ${this.id}`));
    };
  }
  const listeners = Object.entries(REQUESTS).map(([event, request]) => [event, listener(event, request)] as const);

  function onDisconnect(this: DuetSocket): void {
    const id = this.id;
    backend.disconnect(id).then((step) => apply(step, id)).catch(logError(`people disconnect of ${id}`));
  }

  io.on('connection', (socket) => {
    for (const [event, handler] of listeners) socket.on(event as never, handler as never);
    socket.on('disconnect', onDisconnect);
  });

  return {
    roomChanged(socketId, room, inRoom) {
      backend.room(socketId, room, inRoom).then((step) => apply(step, socketId)).catch(logError(`people room change of ${socketId}`));
    },
    close: () => timer.close(),
  };
}
