/**
 * The room page (`/r/<room>`): pre-join screen, then the call.
 */
import { startCall, type Call } from './call.js';
import { createChat, type Chat } from './chat.js';
import { bindControls, type LocalMedia } from './controls.js';
import { bindEndedButtons, endCall, takeRejoin } from './ended.js';
import { applyI18n, bindLangSwitch, detectLang, safeGet, safeSet, t } from './i18n.js';
import { bindShareOrigin } from './share-link.js';
import { startPrejoin, type Prejoin } from './prejoin.js';
import { rememberRoom, roomFromPath, roomUrl } from './roomname.js';
import { renderStats, snapshot, statsRows, type StatsSnapshot } from './stats.js';
import { openSocket } from './signaling.js';
import { bindCopyLink, renderStatus, roomElements, showRoomLink } from './ui.js';
import { MAX_NAME_CHARS } from './channel.js';
import { byId } from './dom.js';
import { liveIceConfig } from './ice-config.js';
import { watchIce } from './icewatch.js';

const NAME_KEY = 'duet.name';
const ui = roomElements();
const iceView = { path: byId('call-path'), problem: byId('ice-problem') };

function startStats(getCall: () => Call | undefined): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let prev: StatsSnapshot | undefined;
  const tick = async () => {
    const call = getCall();
    const pc = call?.peer?.pc;
    if (!call || !pc) {
      ui.statsList.textContent = t('stats.none');
      prev = undefined;
      return;
    }
    const now = await snapshot(pc);
    renderStats(ui.statsList, statsRows(now, prev, call.setupMs));
    prev = now;
  };
  return () => {
    const open = ui.statsPanel.hidden;
    ui.statsPanel.hidden = !open;
    ui.statsToggle.setAttribute('aria-pressed', String(open));
    clearInterval(timer);
    if (open) {
      void tick();
      timer = setInterval(() => void tick(), 1000);
    }
  };
}

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
  renderStatus(ui, 'idle');
  const shareNote = bindShareOrigin({ network: ui.linkNetwork, note: ui.linkNote }, (origin) => void showRoomLink(ui, roomUrl(room, origin)));
  bindCopyLink(ui);
  bindEndedButtons(ui, room);

  // connect and fetch the ICE servers while the pre-join screen shows, so Join only sends `join`
  const socket = openSocket();
  const ice = liveIceConfig();
  let rerenderIce = () => undefined as void;
  let prejoin: Prejoin | undefined;
  let call: Call | undefined;
  let chat: Chat | undefined;
  let rerenderControls = () => undefined as void;
  // wired before the camera prompt is answered: the prompt may wait for a long time
  bindLangSwitch(ui.lang, () => {
    prejoin?.rerender();
    call?.rerender();
    void shareNote.then((render) => render());
    rerenderControls();
    rerenderIce();
  });
  const ready = await startPrejoin(ui);
  prejoin = ready;

  ui.join.addEventListener('click', async () => {
    ui.join.disabled = true;
    const name = ui.name.value.trim().slice(0, MAX_NAME_CHARS);
    safeSet(NAME_KEY, name);
    rememberRoom(room);
    const stream = ready.finish();
    const media: LocalMedia = { stream, muted: false, cameraOff: false, screen: undefined };
    ui.prejoin.hidden = true;
    ui.call.hidden = false;
    const you = t('chat.you');
    chat = createChat(
      { panel: ui.chatPanel, log: ui.chatLog, form: ui.chatForm, input: ui.chatInput, send: ui.chatSend, toggle: ui.chatToggle, unread: ui.unread },
      (text) => {
        const sent = call?.sendChat(text) ?? false;
        if (sent) chat?.add(you, text, Date.now(), true);
        return sent;
      },
    );
    chat.setEnabled(false);
    await ice.ready;
    call = startCall({
      room,
      ui,
      local: stream,
      iceServers: () => ice.servers(),
      onPeer: (pc) => (ice.watch(pc), (rerenderIce = watchIce(pc, () => ice.hasTurn(), iceView))),
      socket,
      name,
      localState: () => ({ muted: media.muted, cameraOff: media.cameraOff, screen: Boolean(media.screen) }),
      onChat: (sender, text, time) => chat?.add(sender, text, time, false),
      onChatAvailable: (available) => chat?.setEnabled(available),
      onOver: () => endCall(ui, [...stream.getTracks(), media.screen]),
    });
    const controls = bindControls(ui, media, call, chat, startStats(() => call), (text) => {
      ui.status.textContent = text;
    });
    rerenderControls = () => controls.render();
    // closing or leaving the tab hangs up, so the other side sees "left" at once rather than after GONE_AFTER_MS
    addEventListener('pagehide', () => call?.hangup());
  });
  ui.join.disabled = ready.media.problem === 'no-webrtc'; // enabled only once the click is handled
  if (takeRejoin(room) && !ui.join.disabled) ui.join.click(); // "Join again" asked for it
}

void main();
