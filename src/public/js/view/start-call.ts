/**
 * Starting a call, the same on both pages: a session on the page's socket with our camera and
 * microphone, the ICE servers kept fresh on each of its connections, the path line drawn for the
 * latest one, and the call view bound to the session. The room page's session joins its room; a
 * call by name's session speaks through its call link (people/call-link.ts) in the private room the
 * server named, and starts once the call is wanted.
 */
import type { Effects } from '../effects/effects.js';
import type { LiveIceConfig } from '../session/ice-config.js';
import { createSession } from '../session/session.js';
import type { Session, SessionDeps } from '../session/session-types.js';
import type { OpenSocket } from '../session/signaling.js';
import type { Spare } from '../session/spare.js';
import { bindCall } from './call-binding.js';
import { byId } from './dom.js';
import type { CallElements } from './elements.js';
import { watchIce } from './icewatch.js';

export interface CallStart {
  /** The room to join ('' for a call by name: its link learns the room). */
  room: string;
  /** The socket opened with the page. */
  open: OpenSocket;
  ice: LiveIceConfig;
  /** Our camera and microphone. */
  stream: MediaStream;
  /** Blur and noise suppression on `stream`: the session sends `effects.stream`. */
  effects: Effects;
  /** The call starts with no video either way (the pre-join screen's choice). */
  audioOnly?: boolean;
  /** My name, told to the other page. */
  name: string;
  /** A connection made ahead for the first answer (spare.ts). */
  spare?: Spare;
  ui: CallElements;
  /** What the hang-up button does; the session's own hang-up when not given. */
  hangup?(): void;
  /** The session's signaling, when it is not a room link (a call by name's link). */
  connect?: SessionDeps['connect'];
  /** Starts the session now, before the view is bound, so that `join` (or the offer) leaves first. */
  start: boolean;
}

export interface Call {
  readonly session: Session;
  /** Starts the session (once): `join` goes out, or the call link's session gets going. */
  start(): void;
  /** Draws the call view and the path line again (after a language change). */
  render(): void;
}

export function startCall(o: CallStart): Call {
  const session = createSession({
    room: o.room,
    socket: o.open,
    local: o.effects.stream,
    state: { muted: false, cameraOff: false, screen: false, ...(o.audioOnly ? { audioOnly: true } : {}) },
    iceServers: () => o.ice.servers(),
    name: o.name,
    spare: o.spare,
    deps: o.connect ? { connect: o.connect } : undefined,
  });
  const iceView = { path: byId('call-path'), problem: byId('ice-problem') };
  let rerenderIce = () => undefined as void; // the path line of the latest connection
  session.on('peer', (pc) => {
    o.ice.watch(pc);
    rerenderIce = watchIce(pc, () => o.ice.hasTurn(), iceView);
  });
  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    session.start();
  };
  // the views subscribe in this same task, before any server answer can arrive, and draw the
  // status line the session has by then
  if (o.start) start();
  const bound = bindCall(o.ui, session, o.stream, o.hangup ?? (() => session.hangup()), o.effects, { audioOnly: o.audioOnly });
  return {
    session,
    start,
    render() {
      bound.render();
      rerenderIce();
    },
  };
}
