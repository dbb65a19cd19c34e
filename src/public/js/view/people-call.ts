/**
 * A call by name on the people page. Made when the ring starts. The caller's camera opens at once
 * (they asked for the call) and their session starts, so the offer and ICE candidates are ready
 * when the other person accepts. The person called gets only a spare connection that opens no
 * media (spare.ts): their camera and microphone open on Accept, never because someone rang. The call view (a fresh copy of
 * partials/call.html from #call-template) is laid out out of sight and bound while it rings
 * (stage.ts), and replaces the list after `accepted` once our offer or answer is out, without the
 * room name; `end` stops everything and gives the list back.
 */
import { applyI18n, currentLang } from '../i18n/i18n.js';
import { createEffects, type Effects } from '../effects/effects.js';
import { openMedia } from '../media/devices.js';
import { createCallLink } from '../people/call-link.js';
import type { LiveIceConfig } from '../session/ice-config.js';
import { createSession } from '../session/session.js';
import type { Session } from '../session/session-types.js';
import { spareFor, type Spare } from '../session/spare.js';
import type { OpenSocket } from '../session/signaling.js';
import { bindCall, type BoundCall } from './call-binding.js';
import { byId } from './dom.js';
import { callElements } from './elements.js';
import { callFocusTargets, focusFirst } from './focus.js';
import { watchIce } from './icewatch.js';
import { revealCall, stageCall } from './stage.js';

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
  /** Where the caller sees their own camera while it rings. */
  preview?: HTMLVideoElement;
}

export interface NameCall {
  /** Opens the camera and starts the session as soon as it is open (the callee, on Accept). */
  start(): void;
  /** The call was accepted: starts the session and shows the call view once our offer or answer is out. */
  show(): void;
  /** Stops the call or the ring and gives the list back. */
  end(): void;
  /** Draws the call view again (after a language change). */
  render(): void;
}

/** The longest the call view waits after `accepted` for our offer or answer to go out before it shows. */
export const REVEAL_AFTER_MS = 300;

export function prepareCall(o: CallSetup): NameCall {
  // the call view replaces the list once our offer or answer is out, so that drawing it is not in the
  // way of the negotiation (issue 16: the caller's offer left 25-30 ms later), or REVEAL_AFTER_MS at the latest
  const link = createCallLink(o.open.socket, o.caller, () => reveal());
  let session: Session | undefined;
  let stream: MediaStream | undefined;
  let effects: Effects | undefined; // blur and noise as last chosen, on what the session sends
  let bound: BoundCall | undefined;
  let rerenderIce = () => undefined as void;
  let lastPc: RTCPeerConnection | undefined;
  let wanted = o.caller;
  let started = false;
  let accepted = false;
  let shown = false;
  let over = false;
  let revealTimer: ReturnType<typeof setTimeout> | undefined;
  const statusPlace = document.createComment('status');
  const view = stagedView();

  const watchPath = () => {
    if (bound && lastPc) rerenderIce = watchIce(lastPc, () => o.ice.hasTurn(), { path: byId('call-path'), problem: byId('ice-problem') });
  };
  // bound to the staged view as soon as there is a session, so the view hears every event from the start
  const bind = () => {
    if (!session || !stream || !effects || bound) return;
    const ui = { ...callElements(), status: view.status }; // the list's #status is the one in the page until then
    bound = bindCall(ui, session, stream, o.hangup, effects);
    watchPath();
  };
  const reveal = () => {
    if (!accepted || shown || over) return;
    clearTimeout(revealTimer);
    shown = true;
    o.listStatus.replaceWith(statusPlace);
    view.place.replaceWith(view.status); // one #status in the page at a time
    applyI18n(currentLang(), view.root); // the copy still has the template's English
    revealCall(view.root);
    document.body.classList.add('room');
    focusFirst(callFocusTargets(view.root)); // Accept, which had it, is gone with the ring
  };
  const begin = () => {
    if (!session || !wanted || started) return;
    started = true;
    session.start();
  };
  let spare: Spare | undefined; // the one called answers the offer: a connection ready for it (spare.ts)
  if (!o.caller) void o.ice.ready.then(() => void (over || (spare = spareFor(() => o.ice.servers()))));
  let opening: Promise<void> | undefined;
  const openCamera = () =>
    (opening ??= Promise.all([openMedia(), o.ice.ready]).then(([media]) => {
      stream = media.stream;
      if (over) return stream.getTracks().forEach((track) => track.stop());
      showPreview(o.preview, stream);
      effects = createEffects(stream);
      const s = createSession({
        room: '',
        socket: o.open,
        local: effects.stream,
        state: { muted: false, cameraOff: false, screen: false },
        iceServers: () => o.ice.servers(),
        name: o.name,
        spare,
        deps: { connect: link.connect },
      });
      s.on('peer', (pc) => {
        o.ice.watch(pc);
        lastPc = pc;
        watchPath();
      });
      session = s;
      bind();
      begin();
    }));
  if (o.caller) void openCamera();

  return {
    start() {
      wanted = true;
      if (!over) void openCamera();
      begin();
    },
    show() {
      if (accepted || over) return;
      accepted = true;
      wanted = true;
      void openCamera();
      begin();
      revealTimer = setTimeout(reveal, REVEAL_AFTER_MS);
    },
    end() {
      if (over) return;
      over = true;
      clearTimeout(revealTimer);
      link.close();
      spare?.close();
      session?.hangup();
      effects?.stop();
      stream?.getTracks().forEach((track) => track.stop());
      view.root.remove();
      showPreview(o.preview, undefined);
      if (!shown) return;
      document.body.classList.remove('room');
      statusPlace.replaceWith(o.listStatus);
    },
    render() {
      bound?.render();
      rerenderIce();
    },
  };
}

/** Our camera in `video` while it rings (the caller's screen would be empty otherwise); none once it is over. */
function showPreview(video: HTMLVideoElement | undefined, stream: MediaStream | undefined): void {
  if (!video) return;
  video.srcObject = stream ?? null;
  video.hidden = stream === undefined || stream.getVideoTracks().length === 0;
}

/**
 * A copy of the call view, staged in the page while it rings. Its #status waits outside the
 * page (`place` stands in for it) while the list's own #status shows.
 */
function stagedView(): { root: HTMLElement; status: HTMLElement; place: Comment } {
  const fragment = byId<HTMLTemplateElement>('call-template').content.cloneNode(true) as DocumentFragment;
  const root = fragment.querySelector<HTMLElement>('#call-view')!;
  const status = root.querySelector<HTMLElement>('#status')!;
  const place = document.createComment('call status');
  status.replaceWith(place);
  document.body.append(root);
  stageCall(root);
  return { root, status, place };
}
