/**
 * Calls by name as one pure service: the directory, the rings and the paced
 * `people` lists kept in step, so the socket layer only validates the sender, emits the
 * returned events, answers the ack with `reply`, seats or frees rooms, and keeps one timer
 * for `nextWake()` that calls `tick()`. No I/O, no timers.
 */
import { createHash } from 'node:crypto';
import type { LoginResult } from '../../shared/people-events.js';
import { createCoalescer } from './coalescer.js';
import { createDirectory, peopleFor, type Clock, type RandomBytes } from './directory.js';
import { createRings, type Outcome, type PeopleEvent } from './rings.js';
import type { PeopleState } from './state.js';

export interface PeopleOptions {
  clock: Clock;
  randomBytes: RandomBytes;
  /** DIRECTORY: false sends no `people` lists at all. */
  directory?: boolean;
  reserveMs?: number;
  ringTimeoutMs?: number;
  /** After a decline, how long that caller's rings to that person are answered `declined`. */
  ringCooldownMs?: number;
  intervalMs?: number;
  /** The most names one `people` list carries (its `total` counts them all). */
  maxListed?: number;
  /** The most names signed in at once from one client address. */
  maxNamesPerAddress?: number;
  /** Start from this state (from `snapshot()`), e.g. read from a store shared by several nodes. */
  state?: PeopleState;
}

/** What to do after a request: answer `reply`, emit `events`, seat `seat`, empty `free`. */
export interface Step<R = object> {
  reply: R;
  events: PeopleEvent[];
  /** A call by name began: seat `caller` then `callee` in `room`. */
  seat?: { room: string; caller: string; callee: string };
  /** Private rooms whose seats are to be freed. */
  free?: string[];
}

/** The most names one `people` list carries by default (MAX_LISTED_PEOPLE). */
export const MAX_LISTED = 100;

type Reply = { ok: true } & object;
type Refusal = { ok: false; error: string };

export function createPeople(options: PeopleOptions) {
  const { clock, randomBytes } = options;
  const listing = options.directory ?? true;
  const { state } = options;
  const maxListed = options.maxListed ?? MAX_LISTED;
  const directory = createDirectory({
    clock,
    randomBytes,
    state: state?.directory,
    ...(options.reserveMs !== undefined && { reserveMs: options.reserveMs }),
    ...(options.maxNamesPerAddress !== undefined && { maxPerAddress: options.maxNamesPerAddress }),
  });
  const rings = createRings({
    lookup: directory,
    clock,
    randomBytes,
    state: state?.rings,
    ...(options.ringTimeoutMs !== undefined && { ringTimeoutMs: options.ringTimeoutMs }),
    ...(options.ringCooldownMs !== undefined && { cooldownMs: options.ringCooldownMs }),
  });
  const pacer = createCoalescer({ clock, state: state?.pacer, ...(options.intervalMs !== undefined && { intervalMs: options.intervalMs }) });
  const lastList = new Map<string, string>(state?.lastList ?? []); // viewer → digest of the list they last got

  /** The due `people` lists, leaving out a list identical to the one a viewer already has. */
  function lists(): PeopleEvent[] {
    if (!listing) return [];
    const due = pacer.due();
    if (due.length === 0) return [];
    const roster = directory.roster(rings.isBusy);
    return due.flatMap((viewer) => {
      const { list, total } = peopleFor(roster, viewer, maxListed);
      const digest = createHash('sha256')
        .update(JSON.stringify([list, total]))
        .digest('base64url')
        .slice(0, 16);
      if (lastList.get(viewer) === digest) return [];
      lastList.set(viewer, digest);
      return [{ to: viewer, event: 'people' as const, args: [list, total] as [typeof list, number] }];
    });
  }

  /** Everyone may now see a different list: mark them all and send what is due. */
  function changed(events: PeopleEvent[]): PeopleEvent[] {
    if (listing) for (const { socketId } of directory.roster(rings.isBusy)) pacer.mark(socketId);
    return [...events, ...lists()];
  }

  /** Ends the rings and call of a socket that lost its name. */
  function drop(socketId: string, gone: boolean): { events: PeopleEvent[]; free: string[] } {
    const { events, room } = rings.release(socketId, gone);
    pacer.forget(socketId);
    lastList.delete(socketId);
    return { events, free: room === undefined ? [] : [room] };
  }

  /** A rings outcome as a step: refusals change nothing, successes may change every list. */
  function step<T extends object>(outcome: Outcome<T>, after: (o: T) => Omit<Step<object>, 'events'> = () => ({ reply: {} })): Step<Reply | Refusal> {
    if (!outcome.ok) return { reply: outcome, events: [] };
    const { reply, ...rest } = after(outcome);
    return { reply: { ok: true, ...reply }, events: changed(outcome.events), ...rest };
  }

  return {
    login(socketId: string, name: unknown, token?: unknown, address?: string): Step<LoginResult> {
      const outcome = directory.login(socketId, name, token, address);
      if (!outcome.ok) {
        const reply: LoginResult = { ok: false, error: outcome.error };
        return { reply, events: [{ to: socketId, event: 'login', args: [reply] }] };
      }
      const released = [outcome.previous !== undefined && drop(socketId, false), outcome.displaced !== undefined && drop(outcome.displaced, false)];
      const reply: LoginResult = { ok: true, name: outcome.name, token: outcome.token };
      const events = released.flatMap((r) => (r ? r.events : []));
      // the connection that lost the name (normally dead already) is told it is signed out
      if (outcome.displaced !== undefined) events.push({ to: outcome.displaced, event: 'login', args: [{ ok: false, error: 'name-taken' }] });
      const free = released.flatMap((r) => (r ? r.free : []));
      return { reply, events: changed([...events, { to: socketId, event: 'login', args: [reply] }]), ...(free.length > 0 && { free }) };
    },
    logout(socketId: string): Step<Reply | Refusal> {
      if (!directory.whoIs(socketId)) return { reply: { ok: false, error: 'not-logged-in' }, events: [] };
      const { events, free } = drop(socketId, false);
      directory.logout(socketId);
      return { reply: { ok: true }, events: changed(events), ...(free.length > 0 && { free }) };
    },
    disconnect(socketId: string): Step<undefined> {
      const { events, free } = drop(socketId, true);
      const had = directory.disconnect(socketId);
      return { reply: undefined, events: had ? changed(events) : events, ...(free.length > 0 && { free }) };
    },
    call: (socketId: string, name: unknown) => step(rings.call(socketId, name), (o) => ({ reply: { to: o.to } })),
    cancel: (socketId: string) => step(rings.cancel(socketId)),
    decline: (socketId: string, from: unknown) => step(rings.decline(socketId, from)),
    block: (socketId: string, name: unknown) => step(rings.block(socketId, name)),
    accept: (socketId: string, from: unknown) =>
      step(rings.accept(socketId, from), (o) => ({ reply: { room: o.room, peer: o.peer }, seat: { room: o.room, caller: o.caller, callee: socketId } })),
    hangup: (socketId: string) => step(rings.hangup(socketId), (o) => ({ reply: {}, free: [o.room] })),
    /** An ordinary room was joined (true) or left (false); leaving the private room hangs up. */
    room(socketId: string, room: string, inRoom: boolean): Step<undefined> {
      if (!inRoom && rings.callOf(socketId)?.room === room) {
        const { reply, ...rest } = step(rings.hangup(socketId), (o) => ({ reply: {}, free: [o.room] }));
        return { ...rest, reply: undefined };
      }
      const events = rings.setInRoom(socketId, inRoom);
      return { reply: undefined, events: directory.whoIs(socketId) ? changed(events) : events };
    },
    /** Rings that timed out and lists that fell due. */
    tick(): PeopleEvent[] {
      directory.sweep();
      const events = rings.expire();
      return events.length > 0 ? changed(events) : lists();
    },
    nextWake(): number | undefined {
      const times = [rings.nextExpiry(), listing ? pacer.nextAt() : undefined].filter((t): t is number => t !== undefined);
      return times.length > 0 ? Math.min(...times) : undefined;
    },
    isBusy: rings.isBusy,
    /** How many names are signed in (for the metrics gauge). */
    signedIn: () => directory.size,
    /** Everything held, as plain JSON: `createPeople({ ..., state })` continues from it. */
    snapshot(): PeopleState {
      return { directory: directory.snapshot(), rings: rings.snapshot(), pacer: pacer.snapshot(), lastList: [...lastList] };
    },
  };
}

export type People = ReturnType<typeof createPeople>;
