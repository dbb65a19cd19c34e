/**
 * The people page's controller, with no DOM: signs in (again after a reload or reconnect, with
 * the remembered token), keeps the list of who is online, rings and is rung, and follows a call
 * by name to its end, raising the state for a view to draw and the moments the page acts on
 * (a ring starts: prepare the call, whose camera opens only on my own click; accepted: the call
 * starts; idle: nothing rings any more). A blocked name's rings are refused and never shown.
 */
import { checkDisplayName, nameKey } from '../../../shared/display-name.js';
import type { PeopleRefusal } from '../../../shared/people-events.js';
import { createEmitter, type Emitter } from '../session/emitter.js';
import type { LoginStore } from '../store/people-login.js';
import type { PeopleSocket } from './people-socket.js';
import { INITIAL_STATE, type Outcome, type PeopleState } from './state.js';

export interface PeopleEvents {
  change: PeopleState;
  /** A ring started: I call someone (`caller`) or someone calls me. */
  ring: { caller: boolean; name: string };
  /** The call starts in private `room`; the room protocol follows on the same socket. */
  accepted: { room: string; peer: string; caller: boolean };
  /** No ring and no call any more (hung up, declined, cancelled…). */
  idle: undefined;
}

export interface PeopleController {
  on: Emitter<PeopleEvents>['on'];
  readonly state: PeopleState;
  login(name: string): void;
  logout(): void;
  call(name: string): void;
  cancel(): void;
  accept(): void;
  decline(): void;
  /** Declines the ring shown and refuses that name's rings from now on. */
  block(): void;
  hangup(): void;
}

const same = (a: string | undefined, b: string) => a !== undefined && nameKey(a) === nameKey(b);

export function createPeopleController(socket: PeopleSocket, store: LoginStore): PeopleController {
  const events = createEmitter<PeopleEvents>();
  let s: PeopleState = { ...INITIAL_STATE };

  const set = (next: Partial<PeopleState>) => {
    s = { ...s, ...next };
    events.emit('change', s);
  };
  /** Ends whatever rang or was in progress, telling `outcome`. */
  const settle = (outcome: Outcome | undefined, next: Partial<PeopleState> = {}) => {
    const wasBusy = Boolean(s.call || s.outgoing || s.incoming.length > 0);
    set({ outcome, ...next });
    if (wasBusy && !s.call && !s.outgoing && s.incoming.length === 0) events.emit('idle', undefined);
  };
  const refused = (reply: { ok: true } | PeopleRefusal, undo: Partial<PeopleState>) => {
    if (!reply.ok) settle({ kind: 'error', code: reply.error }, undo);
  };

  socket.on('connect', () => {
    const remembered = store.get();
    set({ connected: true, signingIn: Boolean(remembered) });
    if (remembered) socket.emit('login', remembered.name, remembered.token);
  });
  socket.on('disconnect', () => {
    // the server ends rings and calls of a lost connection; the name waits 15 s for our token
    const peer = s.call?.peer;
    settle(peer ? { kind: 'lost', name: peer } : s.outcome, {
      connected: false,
      me: undefined,
      people: [],
      total: 0,
      outgoing: undefined,
      incoming: [],
      call: undefined,
    });
  });
  socket.on('login', (result) => {
    if (result.ok) {
      store.set({ name: result.name, token: result.token });
      return set({ me: result.name, signingIn: false });
    }
    store.set(undefined);
    set({ me: undefined, signingIn: false, outcome: { kind: 'error', code: result.error } });
  });
  socket.on('people', (list, total) => {
    const people = Array.isArray(list) ? list : [];
    set({ people, total: typeof total === 'number' && total >= people.length ? total : people.length });
  });
  socket.on('ringing', (to) => {
    if (s.outgoing && same(s.outgoing.to, to)) set({ outgoing: { to: s.outgoing.to, ringing: true } });
  });
  socket.on('unavailable', (to, reason) => {
    // `to` is the name as its owner signed in ("Alice"), not as the caller typed it ("alice")
    if (s.outgoing && same(s.outgoing.to, to)) settle({ kind: reason, name: to }, { outgoing: undefined });
  });
  socket.on('incoming', (from) => {
    // a reconnect forgets the server's blocks: the page tells it again
    if (s.blocked.includes(nameKey(from))) return void socket.emit('block', from);
    if (s.incoming.some((name) => same(name, from))) return;
    set({ incoming: [...s.incoming, from], outcome: undefined });
    events.emit('ring', { caller: false, name: from });
  });
  socket.on('cancelled', (from) => {
    if (!s.incoming.some((name) => same(name, from))) return;
    settle({ kind: 'missed', name: from }, { incoming: s.incoming.filter((name) => !same(name, from)) });
  });
  socket.on('accepted', (room, peer) => {
    const caller = same(s.outgoing?.to, peer);
    set({ call: { room, peer }, outgoing: undefined, incoming: [], outcome: undefined });
    events.emit('accepted', { room, peer, caller });
  });
  socket.on('hangup', (by) => {
    if (s.call && same(s.call.peer, by)) settle({ kind: 'hungup', name: s.call.peer }, { call: undefined });
  });

  return {
    on: events.on,
    get state() {
      return s;
    },
    login(name) {
      if (!checkDisplayName(name).ok) return set({ outcome: { kind: 'error', code: 'invalid-name' } });
      set({ signingIn: true, outcome: undefined });
      socket.emit('login', name);
    },
    logout() {
      store.set(undefined);
      socket.emit('logout');
      settle(undefined, { me: undefined, people: [], total: 0, outgoing: undefined, incoming: [], call: undefined });
    },
    call(name) {
      const to = name.trim();
      if (!to || s.outgoing || s.call) return;
      set({ outgoing: { to, ringing: false }, outcome: undefined });
      events.emit('ring', { caller: true, name: to });
      socket.emit('call', to, (reply) => {
        // the name as its owner spells it
        if (reply.ok && s.outgoing && typeof reply.to === 'string') set({ outgoing: { ...s.outgoing, to: reply.to } });
        refused(reply, { outgoing: undefined });
      });
    },
    cancel() {
      if (!s.outgoing) return;
      socket.emit('cancel');
      settle(undefined, { outgoing: undefined });
    },
    accept() {
      const from = s.incoming[0];
      if (from === undefined) return;
      socket.emit('accept', from, (reply) => refused(reply, { incoming: s.incoming.filter((name) => !same(name, from)) }));
    },
    decline() {
      const from = s.incoming[0];
      if (from === undefined) return;
      socket.emit('decline', from);
      settle(undefined, { incoming: s.incoming.slice(1) });
    },
    block() {
      const from = s.incoming[0];
      if (from === undefined) return;
      socket.emit('block', from);
      settle(undefined, { incoming: s.incoming.slice(1), blocked: [...new Set([...s.blocked, nameKey(from)])] });
    },
    hangup() {
      if (!s.call) return;
      socket.emit('hangup');
      settle({ kind: 'ended', name: s.call.peer }, { call: undefined });
    },
  };
}
