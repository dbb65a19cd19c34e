/**
 * The pages' elements, found once by id (a missing one is reported loudly): the call view
 * (partials/call.html, shared by the room page and the people page) and the room page's own.
 */
import { byId } from './dom.js';

/** The call view's elements (the `#call-view` section of partials/call.html). */
export function callElements() {
  return {
    call: byId('call-view'),
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
    badgeAudioOnly: byId('badge-audio-only'),
    qualityNotice: byId('quality-notice'),
    remoteOffText: byId('remote-off-text'),
    audioOnly: byId<HTMLButtonElement>('audio-only'),
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
    pip: byId<HTMLButtonElement>('pip'),
    blur: byId<HTMLButtonElement>('blur'),
    noise: byId<HTMLButtonElement>('noise'),
    record: byId<HTMLButtonElement>('record'),
    recordingIndicator: byId('recording-indicator'),
    signal: byId('signal'),
    verify: byId('verify'),
    verifyCode: byId('verify-code'),
    verifyToggle: byId<HTMLButtonElement>('verify-toggle'),
    verifyShown: byId('verify-shown'),
    verifyNone: byId('verify-none'),
    hangup: byId<HTMLButtonElement>('hangup'),
    speakerPick: byId('speaker-pick'),
    speaker: byId<HTMLSelectElement>('speaker'),
    tapToHear: byId<HTMLButtonElement>('tap-to-hear'),
    ended: byId('ended'),
    rejoin: byId<HTMLButtonElement>('rejoin'),
    newRoom: byId<HTMLButtonElement>('end-new-room'),
    chatPanel: byId('chat'),
    chatLog: byId<HTMLOListElement>('chat-log'),
    chatForm: byId<HTMLFormElement>('chat-form'),
    chatInput: byId<HTMLInputElement>('chat-input'),
    chatSend: byId<HTMLButtonElement>('chat-send'),
    fileInput: byId<HTMLInputElement>('file-input'),
    filePick: byId('file-pick'),
    statsPanel: byId('stats-panel'),
    statsList: byId('stats-list'),
    statsNone: byId('stats-none'),
    qualityChart: byId<HTMLCanvasElement>('quality-chart'),
  };
}

export type CallElements = ReturnType<typeof callElements>;

export function roomElements() {
  return {
    ...callElements(),
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
    prejoinBlur: byId<HTMLInputElement>('prejoin-blur'),
    prejoinNoise: byId<HTMLInputElement>('prejoin-noise'),
    join: byId<HTMLButtonElement>('join'),
    audioOnlyStart: byId<HTMLInputElement>('audio-only-start'),
    roomName: byId('room-name'),
    lang: byId<HTMLSelectElement>('lang'),
  };
}

export type RoomElements = ReturnType<typeof roomElements>;
