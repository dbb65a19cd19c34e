/**
 * The room page (`/r/<room>`): pre-join screen, then the call. Wires the
 * DOM-free call session and the local media to the views that draw them.
 */
import { applyI18n, bindLangSwitch } from './i18n/i18n.js';
import { detectLang } from './i18n/lang.js';
import { rememberRoom } from './room/recent.js';
import { roomFromPath, roomUrl } from './room/roomname.js';
import { MAX_NAME_CHARS } from './session/channel.js';
import { openSocket } from './session/signaling.js';
import { spareFor, type Spare } from './session/spare.js';
import { IDLE_LINE } from './session/status.js';
import { fetchIceConfig, liveIceConfig, socketCredentials } from './session/ice-config.js';
import { createEffects } from './effects/effects.js';
import { safeGet, safeSet } from './store/storage.js';
import { renderStatus } from './view/call-view.js';
import { roomElements } from './view/elements.js';
import { bindEndedButtons, takeRejoin } from './view/ended.js';
import { startPrejoin } from './view/prejoin.js';
import { bindCopyLink, showRoomLink } from './view/room-link.js';
import { bindShareOrigin } from './view/share-link.js';
import { askAccessCode } from './view/access-form.js';
import { prepareAnnouncer } from './view/announce.js';
import { callFocusTargets, focusFirst } from './view/focus.js';
import { revealCall, stageCall } from './view/stage.js';
import { startCall } from './view/start-call.js';

const NAME_KEY = 'duet.name';
/** The pre-join screen's audio-only choice, remembered on this device like the name (docs/page.md). */
const AUDIO_ONLY_KEY = 'duet.audioOnly';
const ui = roomElements();

async function main(): Promise<void> {
  applyI18n(detectLang());
  prepareAnnouncer();
  const room = roomFromPath(location.pathname);
  if (!room) {
    location.replace('/');
    return;
  }
  document.title = `${room} · duet`;
  ui.roomName.textContent = room;
  ui.name.value = safeGet(NAME_KEY) ?? '';
  ui.name.maxLength = MAX_NAME_CHARS;
  ui.audioOnlyStart.checked = safeGet(AUDIO_ONLY_KEY) === '1';
  renderStatus(ui, IDLE_LINE);
  const shareNote = bindShareOrigin(
    { network: ui.linkNetwork, note: ui.linkNote },
    (origin, reachable) => void showRoomLink(ui, roomUrl(room, origin), reachable),
  );
  bindCopyLink(ui);
  bindEndedButtons(ui, room);

  // connect and fetch the ICE servers while the pre-join screen shows, so Join only sends `join`
  const socket = openSocket(askAccessCode);
  const ice = liveIceConfig(() => fetchIceConfig(socketCredentials(socket.socket)));
  const rerender: Array<() => void> = [() => void shareNote.then((render) => render())];
  // wired before the camera prompt is answered: the prompt may wait for a long time
  bindLangSwitch(ui.lang, () => rerender.forEach((render) => render()));
  const prejoin = await startPrejoin(ui);
  rerender.push(prejoin.rerender);
  stageCall(ui.call); // laid out now, so Join only reveals it
  let spare: Spare | undefined; // a connection ready for the offer we get if we join second
  void ice.ready.then(() => (spare = spareFor(() => ice.servers())));

  const onJoin = async (): Promise<void> => {
    ui.join.disabled = true;
    const name = ui.name.value.trim().slice(0, MAX_NAME_CHARS);
    const audioOnly = ui.audioOnlyStart.checked;
    const stream = prejoin.media.stream; // the preview stops once `join` is out (prejoin.finish below)
    await ice.ready;
    const effects = createEffects(stream, prejoin.effects); // before the session: its connections send the blurred, denoised stream
    // `join` goes out first, then the view is bound in the same task
    const call = startCall({ room, open: socket, ice, stream, effects, audioOnly, name, spare, ui, start: true });
    prejoin.finish();
    safeSet(NAME_KEY, name);
    safeSet(AUDIO_ONLY_KEY, audioOnly ? '1' : '0');
    rememberRoom(room);
    ui.prejoin.hidden = true;
    revealCall(ui.call);
    rerender.push(call.render);
    focusFirst(callFocusTargets(ui.call)); // Join, which had it, is gone with the pre-join screen
    // closing or leaving the tab hangs up, so the other side sees "left" at once rather than after GONE_AFTER_MS
    addEventListener('pagehide', () => call.session.hangup());
  };
  ui.join.addEventListener('click', () => void onJoin());
  // Enter in "Your name" joins, as it would in a form (not while an input method is composing)
  ui.name.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' || event.isComposing || ui.join.disabled) return;
    event.preventDefault();
    ui.join.click();
  });
  ui.join.disabled = prejoin.media.problem === 'no-webrtc'; // enabled only once the click is handled
  if (takeRejoin(room) && !ui.join.disabled) ui.join.click(); // "Join again" asked for it
}

void main();
