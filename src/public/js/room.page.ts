/**
 * The room page (`/r/<room>`): pre-join screen, then the call. Wires the
 * DOM-free call session and the local media to the views that draw them.
 */
import { applyI18n, bindLangSwitch, t } from './i18n/i18n.js';
import { detectLang } from './i18n/lang.js';
import { createLocalMedia } from './media/local.js';
import { rememberRoom } from './room/recent.js';
import { roomFromPath, roomUrl } from './room/roomname.js';
import { MAX_NAME_CHARS } from './session/channel.js';
import { createSession } from './session/session.js';
import { openSocket } from './session/signaling.js';
import { IDLE_LINE } from './session/status.js';
import { liveIceConfig } from './session/ice-config.js';
import { safeGet, safeSet } from './store/storage.js';
import { bindCallInsight } from './view/call-insight.js';
import { bindCallView, renderStatus } from './view/call-view.js';
import { createChat } from './view/chat.js';
import { bindControls } from './view/controls.js';
import { byId } from './view/dom.js';
import { roomElements } from './view/elements.js';
import { bindCallOver, bindEndedButtons, takeRejoin } from './view/ended.js';
import { startPrejoin } from './view/prejoin.js';
import { bindCopyLink, showRoomLink } from './view/room-link.js';
import { bindShareOrigin } from './view/share-link.js';
import { watchIce } from './view/icewatch.js';

const NAME_KEY = 'duet.name';
const ui = roomElements();
const iceView = { path: byId('call-path'), problem: byId('ice-problem') };

async function main(): Promise<void> {
  applyI18n(detectLang());
  const room = roomFromPath(location.pathname);
  if (!room) {
    location.replace('/');
    return;
  }
  document.title = `${room} · duet`;
  ui.roomName.textContent = room;
  ui.name.value = safeGet(NAME_KEY) ?? '';
  ui.name.maxLength = MAX_NAME_CHARS;
  renderStatus(ui, IDLE_LINE);
  const shareNote = bindShareOrigin({ network: ui.linkNetwork, note: ui.linkNote }, (origin) => void showRoomLink(ui, roomUrl(room, origin)));
  bindCopyLink(ui);
  bindEndedButtons(ui, room);

  // connect and fetch the ICE servers while the pre-join screen shows, so Join only sends `join`
  const socket = openSocket();
  const ice = liveIceConfig();
  let rerenderIce = () => undefined as void; // the path line of the latest connection
  const rerender: Array<() => void> = [() => void shareNote.then((render) => render()), () => rerenderIce()];
  // wired before the camera prompt is answered: the prompt may wait for a long time
  bindLangSwitch(ui.lang, () => rerender.forEach((render) => render()));
  const prejoin = await startPrejoin(ui);
  rerender.push(prejoin.rerender);

  ui.join.addEventListener('click', async () => {
    ui.join.disabled = true;
    const name = ui.name.value.trim().slice(0, MAX_NAME_CHARS);
    safeSet(NAME_KEY, name);
    rememberRoom(room);
    const stream = prejoin.finish();
    ui.prejoin.hidden = true;
    ui.call.hidden = false;
    await ice.ready;
    const iceServers = () => ice.servers();
    const session = createSession({ room, socket, local: stream, state: { muted: false, cameraOff: false, screen: false }, iceServers, name });
    session.on('peer', (pc) => {
      ice.watch(pc);
      rerenderIce = watchIce(pc, () => ice.hasTurn(), iceView);
    });
    const media = createLocalMedia(stream, (track) => session.setTrack('video', track));
    media.on('change', (state) => session.setLocalState(state));
    media.on('notice', (key) => session.notice(key));
    const you = t('chat.you');
    const chat = createChat(
      { panel: ui.chatPanel, log: ui.chatLog, form: ui.chatForm, input: ui.chatInput, send: ui.chatSend, toggle: ui.chatToggle, unread: ui.unread },
      (text) => {
        const sent = session.sendChat(text);
        if (sent) chat.add(you, text, Date.now(), true);
        return sent;
      },
    );
    chat.setEnabled(false);
    const view = bindCallView(ui, session, chat);
    bindCallOver(ui, session, () => media.stop());
    const insight = bindCallInsight(ui, session);
    const controls = bindControls(ui, media, { toggleChat: () => chat.toggle(), toggleStats: insight.toggleStats, hangup: () => session.hangup() });
    rerender.push(view.render, controls.render, insight.render);
    session.start();
    // closing or leaving the tab hangs up, so the other side sees "left" at once rather than after GONE_AFTER_MS
    addEventListener('pagehide', () => session.hangup());
  });
  ui.join.disabled = prejoin.media.problem === 'no-webrtc'; // enabled only once the click is handled
  if (takeRejoin(room) && !ui.join.disabled) ui.join.click(); // "Join again" asked for it
}

void main();
