/**
 * A call by name on the people page. Made when the ring starts. The caller's camera opens at once
 * (they asked for the call) and their session starts, so the offer and ICE candidates are ready
 * when the other person accepts. The person called gets only a spare connection that opens no
 * media (spare.ts): their camera and microphone open on Accept, never because someone rang. The call
 * starts as on the room page (start-call.ts), on the call link's signaling. The call view (a fresh copy of
 * partials/call.html from #call-template) is laid out out of sight and bound while it rings
 * (stage.ts), and replaces the list after `accepted` once our offer or answer is out, without the
 * room name; `end` stops everything and gives the list back.
 */
import { applyI18n, currentLang } from '../i18n/i18n.js';
import { createEffects, type Effects } from '../effects/effects.js';
import { openMedia } from '../media/devices.js';
import { createCallLink } from '../people/call-link.js';
import type { LiveIceConfig } from '../session/ice-config.js';
import { spareFor, type Spare } from '../session/spare.js';
import type { OpenSocket } from '../session/signaling.js';
import { byId } from './dom.js';
import { callElements } from './elements.js';
import { callFocusTargets, focusFirst } from './focus.js';
import { revealCall, stageCall } from './stage.js';
import { startCall, type Call } from './start-call.js';

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
  // way of the negotiation, or REVEAL_AFTER_MS at the latest
  const link = createCallLink(o.open.socket, o.caller, () => reveal());
  let call: Call | undefined;
  let stream: MediaStream | undefined;
  let effects: Effects | undefined; // blur and noise as last chosen, on what the session sends
  let wanted = o.caller;
  let accepted = false;
  let shown = false;
  let over = false;
  let revealTimer: ReturnType<typeof setTimeout> | undefined;
  const statusPlace = document.createComment('status');
  const view = stagedView();

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
  const begin = () => void (wanted && call?.start());
  let spare: Spare | undefined; // the one called answers the offer: a connection ready for it (spare.ts)
  if (!o.caller) void o.ice.ready.then(() => void (over || (spare = spareFor(() => o.ice.servers()))));
  let opening: Promise<void> | undefined;
  const openCamera = () =>
    (opening ??= Promise.all([openMedia(), o.ice.ready]).then(([media]) => {
      stream = media.stream;
      if (over) return stream.getTracks().forEach((track) => track.stop());
      showPreview(o.preview, stream);
      // bound to the staged view before the session starts, so the view hears every event from the start;
      // the list's #status is the one in the page until the view is revealed
      const ui = { ...callElements(), status: view.status };
      effects = createEffects(stream);
      call = startCall({ room: '', open: o.open, ice: o.ice, stream, effects, name: o.name, spare, ui, hangup: o.hangup, connect: link.connect, start: false });
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
      call?.session.hangup();
      effects?.stop();
      stream?.getTracks().forEach((track) => track.stop());
      view.root.remove();
      showPreview(o.preview, undefined);
      if (!shown) return;
      document.body.classList.remove('room');
      statusPlace.replaceWith(o.listStatus);
    },
    render() {
      call?.render();
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
