/**
 * Draws a call session on the room page: the status line (its only writer),
 * the waiting and ended panels, the other person's video, name, badges and
 * camera-off avatar, the chat's availability and incoming messages, and file transfers (files.ts).
 */
import { t, type Key } from '../i18n/i18n.js';
import type { Remote, Session } from '../session/session-types.js';
import type { StatusLine } from '../session/status.js';
import type { Chat } from './chat.js';
import type { CallElements } from './elements.js';
import { bindFiles } from './files.js';

export function renderStatus(ui: CallElements, line: StatusLine): void {
  ui.status.dataset.state = line.status;
  ui.status.textContent = t(line.key, { detail: line.detail });
  ui.statusHelp.hidden = line.status !== 'unreachable'; // a certificate the device does not trust looks the same
  ui.waiting.hidden = !(line.status === 'waiting' || line.status === 'left');
  ui.ended.hidden = line.status !== 'ended' && line.status !== 'full';
  ui.rejoin.hidden = line.status !== 'ended';
  ui.newRoom.hidden = line.status !== 'full';
  ui.stage.dataset.state = line.status;
}

/** The first letter (or character) of a name, for the camera-off avatar; "?" without a name. */
function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}

/** Why no video of theirs comes (the avatar's sentence), or undefined when it does. */
function videoOff({ state, poor }: Remote, ourAudioOnly: boolean): Key | undefined {
  if (ourAudioOnly || state?.audioOnly) return 'remote.audioOnly';
  if (poor) return 'remote.paused';
  return state?.cameraOff ? 'remote.cameraOff' : undefined;
}

function renderRemote(ui: CallElements, remote: Remote, ourAudioOnly: boolean): void {
  const { name, state } = remote;
  const off = videoOff(remote, ourAudioOnly);
  ui.badgeMuted.hidden = !state?.muted;
  ui.badgeCamera.hidden = !state?.cameraOff;
  ui.badgeScreen.hidden = !state?.screen;
  ui.badgeAudioOnly.hidden = !state?.audioOnly;
  ui.stage.classList.toggle('remote-camera-off', off !== undefined);
  ui.stage.classList.toggle('remote-screen', Boolean(state?.screen)); // shown whole on a phone, not cropped
  ui.remoteOff.hidden = off === undefined;
  ui.remoteOffText.textContent = t(off ?? 'remote.cameraOff');
  ui.remoteInitial.textContent = initial(name);
  ui.remoteName.textContent = name;
  ui.remoteName.hidden = name === '';
}

export interface CallView {
  /** Draws everything again (after a language change). */
  render(): void;
  /** Draws the other person again (our audio-only choice changed). */
  renderRemote(): void;
}

/** Subscribes to `session` (before its `start()`) and draws what it raises. */
export function bindCallView(ui: CallElements, session: Session, chat: Chat, ourAudioOnly: () => boolean = () => false): CallView {
  session.on('status', (line) => renderStatus(ui, line));
  session.on('remote', (remote) => renderRemote(ui, remote, ourAudioOnly()));
  session.on('remoteStream', (stream) => void (ui.remote.srcObject = stream));
  session.on('chat', ({ sender, text, time }) => chat.add(sender || t('chat.them'), text, time, false));
  session.on('chatAvailable', (available) => chat.setEnabled(available));
  const files = bindFiles(ui, session, chat);
  ui.remote.addEventListener('resize', () => {
    if (ui.remote.videoWidth > 0) session.remoteFrame();
  });
  const render = () => {
    renderStatus(ui, session.line);
    renderRemote(ui, session.remote, ourAudioOnly());
    files.render();
    chat.render();
  };
  render();
  return { render, renderRemote: () => renderRemote(ui, session.remote, ourAudioOnly()) };
}
