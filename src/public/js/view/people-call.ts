/**
 * A call by name on the people page. Made when the ring starts: the camera opens and, for the
 * caller, the session starts at once (its link says it is in the room), so the offer and ICE
 * candidates are ready when the other person accepts. On `accepted` the call view (a fresh copy
 * of partials/call.html from #call-template) replaces the list, without the room name; `end`
 * stops everything and gives the list back.
 */
import { applyI18n, currentLang } from '../i18n/i18n.js';
import { openMedia } from '../media/devices.js';
import { createCallLink } from '../people/call-link.js';
import type { LiveIceConfig } from '../session/ice-config.js';
import { createSession } from '../session/session.js';
import type { Session } from '../session/session-types.js';
import type { OpenSocket } from '../session/signaling.js';
import { bindCall, type BoundCall } from './call-binding.js';
import { byId } from './dom.js';
import { callElements } from './elements.js';
import { watchIce } from './icewatch.js';

export interface CallSetup {
  open: OpenSocket;
  ice: LiveIceConfig;
  /** My name, told to the other page. */
  name: string;
  caller: boolean;
  /** What the hang-up button does (the page sends `hangup`). */
  hangup(): void;
  /** The list's #status: the call view has its own while it shows. */
  listStatus: HTMLElement;
}

export interface NameCall {
  /** Starts the session as soon as the camera is open (the callee, on Accept). */
  start(): void;
  /** The call was accepted: shows the call view. */
  show(): void;
  /** Stops the call or the ring and gives the list back. */
  end(): void;
  /** Draws the call view again (after a language change). */
  render(): void;
}

export function prepareCall(o: CallSetup): NameCall {
  const link = createCallLink(o.open.socket, o.caller);
  let session: Session | undefined;
  let stream: MediaStream | undefined;
  let bound: BoundCall | undefined;
  let rerenderIce = () => undefined as void;
  let lastPc: RTCPeerConnection | undefined;
  let wanted = o.caller;
  let started = false;
  let shown = false;
  let over = false;
  const statusPlace = document.createComment('status');

  const watchPath = () => {
    if (bound && lastPc) rerenderIce = watchIce(lastPc, () => o.ice.hasTurn(), { path: byId('call-path'), problem: byId('ice-problem') });
  };
  const bind = () => {
    if (!session || !stream || !shown || bound) return;
    const ui = callElements();
    ui.call.hidden = false;
    bound = bindCall(ui, session, stream, o.hangup);
    watchPath();
  };
  const begin = () => {
    if (!session || !wanted || started) return;
    started = true;
    session.start();
  };
  void Promise.all([openMedia(), o.ice.ready]).then(([media]) => {
    stream = media.stream;
    if (over) return stream.getTracks().forEach((track) => track.stop());
    const s = createSession({ room: '', socket: o.open, local: stream, state: { muted: false, cameraOff: false, screen: false }, iceServers: () => o.ice.servers(), name: o.name, deps: { connect: link.connect } });
    s.on('peer', (pc) => {
      o.ice.watch(pc);
      lastPc = pc;
      watchPath();
    });
    session = s;
    bind();
    begin();
  });

  return {
    start() {
      wanted = true;
      begin();
    },
    show() {
      if (shown || over) return;
      shown = true;
      o.listStatus.replaceWith(statusPlace);
      document.body.append(byId<HTMLTemplateElement>('call-template').content.cloneNode(true));
      applyI18n(currentLang(), byId('call-view')); // the copy still has the template's English
      document.body.classList.add('room');
      bind();
      wanted = true;
      begin();
    },
    end() {
      if (over) return;
      over = true;
      link.close();
      session?.hangup();
      stream?.getTracks().forEach((track) => track.stop());
      if (!shown) return;
      document.getElementById('call-view')?.remove();
      document.body.classList.remove('room');
      statusPlace.replaceWith(o.listStatus);
    },
    render() {
      bound?.render();
      rerenderIce();
    },
  };
}
