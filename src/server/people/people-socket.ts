/**
 * The socket handlers of calls by name, for the socket pipeline: each request's arguments are
 * checked, the PeopleBackend asked, the events of the returned step sent (delivery.ts), the
 * acknowledgement answered (a refusal through the pipeline's `refuse`), accepted calls seated and
 * ended ones freed through the seat owner, and the one wake-up timer kept. The sender is always
 * the socket, never a payload. Answers to a ring (`decline`, `block`) are never counted against
 * the rate limits (a person rung again and again must be able to say no every time); one that
 * answers no ring at all costs a stray answer instead.
 */
import { ERROR_TEXT } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/events.js';
import { escapeForLog, type Logger } from '../log/logger.js';
import type { Seats } from '../rooms/seats.js';
import type { DuetServer, DuetSocket } from '../socket/types.js';
import { handler, type Ack, type ArgsRefusal, type EventContext, type EventHandler, type Pipeline, type SocketFeature } from '../socket/pipeline.js';
import type { PeopleBackend, PeopleEvent, Step } from './backend.js';
import { createDelivery } from './delivery.js';
import { revealing, type ProbePacer } from './probes.js';
import { createWakeTimer, REAL_TIMERS, type Timers } from './wake-timer.js';

export interface PeopleSocketDeps {
  io: DuetServer;
  backend: PeopleBackend;
  /** The seat owner: private rooms are seated and freed there, and it tells of room calls. */
  seats: Seats;
  pipeline: Pick<Pipeline, 'pressure' | 'tell'>;
  logger: Logger;
  clock: () => number;
  timers?: Timers;
  /** DIRECTORY=off: paces the answers that tell whether a name is online or busy (probes.ts); none with a directory. */
  probes?: ProbePacer;
}

export interface PeopleSocket extends SocketFeature {
  /** Stops the timer (createServer's close). */
  close(): void;
}

/** Longest string argument read at all (display-name.ts refuses over 256 UTF-16 units too). */
const MAX_ARGUMENT_LENGTH = 256;

const isName = (value: unknown): value is string => typeof value === 'string' && value.length <= MAX_ARGUMENT_LENGTH;
/** A token that is no string of sane length is no proof: the login goes on without one. */
const tokenOf = (value: unknown) => (isName(value) ? value : undefined);
/** The first argument must be a name (of a person, or of the caller answered). */
const named = (params: unknown[]): [string] | ArgsRefusal =>
  isName(params[0]) ? [params[0]] : { refuse: 'invalid-name', detail: typeof params[0] === 'string' ? `${params[0].length} chars` : typeof params[0] };

type Request = (backend: PeopleBackend, socket: DuetSocket, args: unknown[]) => Promise<Step<object>>;

/** Each request: its rate class (`free`: an answer to a ring), its argument check and the backend's method. */
const REQUESTS: Record<string, { rateClass: 'join' | 'free'; args?: (params: unknown[]) => unknown[] | ArgsRefusal; request: Request }> = {
  login: { rateClass: 'join', request: (b, { id, data }, [name, token]) => b.login(id, isName(name) ? name : '', tokenOf(token), data.address) },
  logout: { rateClass: 'join', request: (b, { id }) => b.logout(id) },
  call: { rateClass: 'join', args: named, request: (b, { id }, [name]) => b.call(id, name) },
  cancel: { rateClass: 'join', request: (b, { id }) => b.cancel(id) },
  accept: { rateClass: 'join', args: named, request: (b, { id }, [from]) => b.accept(id, from) },
  decline: { rateClass: 'free', args: named, request: (b, { id }, [from]) => b.decline(id, from) },
  block: { rateClass: 'free', args: named, request: (b, { id }, [name]) => b.block(id, name) },
  hangup: { rateClass: 'join', request: (b, { id }) => b.hangup(id) },
};

/** Answers to no ring that one socket may send per STRAY_WINDOW_MS before they are refused unasked. */
const STRAY_ANSWERS = 20;
const STRAY_WINDOW_MS = 10_000;

function refusedLogin(socketId: string): Step<object> {
  const reply = { ok: false, error: 'rate-limited' } as const;
  return { reply, events: [{ to: socketId, event: 'login', args: [reply] }] };
}

export function peopleEvents(deps: PeopleSocketDeps): PeopleSocket {
  const { backend, logger, seats, pipeline } = deps;
  const logError = (what: string) => (error: unknown) => logger.error(`${what} failed: ${escapeForLog(String(error), 200)}`);
  const timers = deps.timers ?? REAL_TIMERS;
  const delivery = createDelivery(deps.io, { clock: deps.clock, timers, pressure: pipeline.pressure });
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
      const seated = await seats.seatCall(room, caller, callee);
      if (!seated.ok) {
        logger.warn(`could not seat ${seated.refused} in a call room: ${seated.kind}`);
        pipeline.tell(seated.refused, 'error', { code: 'too-many-rooms', event: 'accept', message: ERROR_TEXT['too-many-rooms'] });
        await apply(await backend.hangup(seated.refused), seated.refused);
      }
    }
    for (const room of step.free ?? []) await seats.freeCall(room, by);
    await timer.reschedule();
  }

  /** The reply to the ack; a refusal through the pipeline (a refused login is told by the `login` event itself). */
  function answer(ctx: EventContext, reply: object, ack: Ack | undefined): void {
    const refusal = (reply as { ok?: boolean; error?: ErrorCode }).ok === false ? (reply as { error: ErrorCode }).error : undefined;
    if (refusal !== undefined) ctx.refuse(refusal, { level: 'info', silent: ctx.event === 'login' });
    else ack?.(reply);
  }

  function handlerOf(event: string, { rateClass, args, request }: (typeof REQUESTS)[string]): EventHandler {
    const answering = rateClass === 'free';
    return handler({
      event,
      rateClass,
      args,
      async handle(ctx, params, ack) {
        const { socket } = ctx;
        if (answering && !strayBudget(socket.id)) return answer(ctx, { ok: false, error: 'rate-limited' }, ack);
        // a shared backend that cannot be reached (Redis away) throws: the pipeline answers `unavailable`
        let step = await request(backend, socket, params);
        if (answering && (step.reply as { ok?: boolean }).ok === false) countStray(socket.id);
        if (deps.probes && revealing(event, step, socket.id) && !deps.probes.allow(socket.data.address)) {
          // DIRECTORY=off: this answer would tell whether the name is online or busy; the address asked too often
          step = event === 'login' ? refusedLogin(socket.id) : { reply: { ok: false, error: 'rate-limited' }, events: [] };
        }
        await apply(step, socket.id);
        answer(ctx, step.reply, ack);
        if (event === 'login' && (step.reply as { ok: boolean }).ok)
          logger.info(`login ${socket.id} as ${escapeForLog((step.reply as { name: string }).name, 40)}`);
      },
    });
  }

  // who joins or leaves a room of the room protocol is busy, or free again
  seats.onRoomCall((socketId, room, inRoom) => {
    backend
      .room(socketId, room, inRoom)
      .then((step) => apply(step, socketId))
      .catch(logError(`people room change of ${socketId}`));
  });
  backend.onOwnSteps?.((step, by) => void apply(step, by).catch(logError(`people step of ${by}`)));

  return {
    handlers: Object.entries(REQUESTS).map(([event, spec]) => handlerOf(event, spec)),
    async disconnect(socket) {
      strays.delete(socket.id);
      await apply(await backend.disconnect(socket.id), socket.id);
    },
    close() {
      timer.close();
      delivery.close();
      backend.close?.();
    },
  };
}
