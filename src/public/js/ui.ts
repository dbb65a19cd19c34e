/**
 * The room page's elements and the pieces of UI that only reflect state:
 * the status line, the waiting panel (link, copy, QR) and the remote badges.
 */
import { byId } from './dom.js';
import { t, type Key } from './i18n.js';
import { drawQr } from './qr.js';
import type { Status } from './status.js';

export type { Status };

export function roomElements() {
  return {
    prejoin: byId('prejoin'),
    preview: byId<HTMLVideoElement>('preview'),
    cameraSelect: byId<HTMLSelectElement>('camera-select'),
    micSelect: byId<HTMLSelectElement>('mic-select'),
    level: byId<HTMLMeterElement>('mic-level'),
    mediaMessage: byId('media-message'),
    mediaText: byId('media-text'),
    mediaSetup: byId<HTMLAnchorElement>('media-setup'),
    retry: byId<HTMLButtonElement>('retry'),
    name: byId<HTMLInputElement>('name'),
    join: byId<HTMLButtonElement>('join'),
    call: byId('call'),
    stage: byId('stage'),
    remote: byId<HTMLVideoElement>('remote'),
    local: byId<HTMLVideoElement>('local'),
    status: byId('status'),
    statusHelp: byId('status-help'),
    waiting: byId('waiting'),
    link: byId<HTMLInputElement>('room-link'),
    linkNote: byId('link-note'),
    linkNetwork: byId<HTMLSelectElement>('link-network'),
    copy: byId<HTMLButtonElement>('copy-link'),
    qr: byId<HTMLCanvasElement>('qr'),
    badgeMuted: byId('badge-muted'),
    badgeCamera: byId('badge-camera-off'),
    badgeScreen: byId('badge-screen'),
    remoteName: byId('remote-name'),
    remoteOff: byId('remote-off'),
    remoteInitial: byId('remote-initial'),
    mute: byId<HTMLButtonElement>('mute'),
    camera: byId<HTMLButtonElement>('camera'),
    switchCamera: byId<HTMLButtonElement>('switch-camera'),
    share: byId<HTMLButtonElement>('share-screen'),
    fullscreen: byId<HTMLButtonElement>('fullscreen'),
    chatToggle: byId<HTMLButtonElement>('chat-toggle'),
    unread: byId('unread'),
    statsToggle: byId<HTMLButtonElement>('stats'),
    hangup: byId<HTMLButtonElement>('hangup'),
    ended: byId('ended'),
    rejoin: byId<HTMLButtonElement>('rejoin'),
    newRoom: byId<HTMLButtonElement>('end-new-room'),
    chatPanel: byId('chat'),
    chatLog: byId<HTMLOListElement>('chat-log'),
    chatForm: byId<HTMLFormElement>('chat-form'),
    chatInput: byId<HTMLInputElement>('chat-input'),
    chatSend: byId<HTMLButtonElement>('chat-send'),
    statsPanel: byId('stats-panel'),
    statsList: byId('stats-list'),
    roomName: byId('room-name'),
    lang: byId<HTMLSelectElement>('lang'),
  };
}

export type RoomElements = ReturnType<typeof roomElements>;

export function renderStatus(ui: RoomElements, status: Status, detail = ''): void {
  ui.status.dataset.state = status;
  ui.status.textContent = t(`status.${status}` as Key, { detail });
  ui.statusHelp.hidden = status !== 'unreachable'; // a certificate the device does not trust looks the same
  ui.waiting.hidden = !(status === 'waiting' || status === 'left');
  ui.ended.hidden = status !== 'ended' && status !== 'full';
  ui.rejoin.hidden = status !== 'ended';
  ui.newRoom.hidden = status !== 'full';
  ui.stage.dataset.state = status;
}

export async function showRoomLink(ui: RoomElements, url: string): Promise<void> {
  ui.link.value = url;
  try {
    await drawQr(ui.qr, url);
  } catch (error) {
    console.warn('duet: QR code not drawn', error);
  }
}

export function bindCopyLink(ui: RoomElements): void {
  ui.copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(ui.link.value);
    } catch {
      ui.link.select(); // no clipboard permission: leave it selected for Ctrl+C
      return;
    }
    ui.copy.textContent = t('link.copied');
    setTimeout(() => (ui.copy.textContent = t('link.copy')), 1500);
  });
  ui.link.addEventListener('focus', () => ui.link.select());
}

export interface RemoteState {
  muted: boolean;
  cameraOff: boolean;
  screen: boolean;
}

/** The first letter (or character) of a name, for the camera-off avatar; "?" without a name. */
export function initial(name: string): string {
  const first = [...name.trim()][0];
  return first ? first.toLocaleUpperCase() : '?';
}

export function renderRemoteState(ui: RoomElements, state: RemoteState | undefined, name: string): void {
  ui.badgeMuted.hidden = !state?.muted;
  ui.badgeCamera.hidden = !state?.cameraOff;
  ui.badgeScreen.hidden = !state?.screen;
  ui.stage.classList.toggle('remote-camera-off', Boolean(state?.cameraOff));
  ui.remoteOff.hidden = !state?.cameraOff;
  ui.remoteInitial.textContent = initial(name);
  ui.remoteName.textContent = name;
  ui.remoteName.hidden = name === '';
}
