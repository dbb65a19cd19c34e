/**
 * The in-call controls and their keyboard shortcuts: microphone, camera, audio only,
 * switch camera, screen sharing, fullscreen, chat, statistics and hang up,
 * and our own picture, drawn from the local media's state.
 */
import { t } from '../i18n/i18n.js';
import type { LocalMedia } from '../media/local.js';
import { setToggle } from './dom.js';
import type { CallElements } from './elements.js';
import { callIsOver } from './ended.js';
import { callShown } from './stage.js';

export interface ControlActions {
  toggleChat(): void;
  toggleStats(): void;
  /** Escape: closes the chat or the statistics panel; false when neither was open. */
  closePanel(): boolean;
  hangup(): void;
  /** The camera picture we send, when it is not the camera's own (blurred): our own picture shows it. */
  picture?(): MediaStreamTrack | undefined;
}

export interface Controls {
  render(): void;
}

export function bindControls(ui: CallElements, media: LocalMedia, actions: ControlActions): Controls {
  function showLocal(): void {
    const camera = media.camera;
    const track = media.screen ?? actions.picture?.() ?? camera;
    ui.local.srcObject = track ? new MediaStream([track]) : null;
    const facing = camera?.getSettings().facingMode;
    ui.local.classList.toggle('mirrored', !media.screen && facing !== 'environment');
    ui.stage.classList.toggle('no-local-video', !track || media.state.audioOnly === true || (!media.screen && media.state.cameraOff));
  }

  function render(): void {
    if (callIsOver(ui)) return;
    const { muted, cameraOff, screen, audioOnly } = media.state;
    setToggle(ui.mute, muted, t(muted ? 'control.unmute' : 'control.mute'));
    setToggle(ui.camera, cameraOff, t(cameraOff ? 'control.cameraOn' : 'control.cameraOff'));
    setToggle(ui.share, screen, t(screen ? 'control.stopShare' : 'control.share'));
    setToggle(ui.audioOnly, Boolean(audioOnly), t(audioOnly ? 'control.videoBack' : 'control.audioOnly'));
    ui.mute.disabled = !media.mic;
    ui.camera.disabled = !media.camera;
    ui.switchCamera.disabled = !media.camera;
    ui.share.disabled = !navigator.mediaDevices?.getDisplayMedia;
    showLocal();
  }

  async function switchCamera(): Promise<void> {
    if (!media.camera) return;
    ui.switchCamera.disabled = true;
    await media.switchCamera();
    render();
  }

  function toggleFullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void ui.call.requestFullscreen?.().catch(() => undefined);
  }

  media.on('change', render);
  ui.mute.addEventListener('click', () => media.toggleMute());
  ui.camera.addEventListener('click', () => media.toggleCamera());
  ui.audioOnly.addEventListener('click', () => media.toggleAudioOnly());
  ui.switchCamera.addEventListener('click', () => void switchCamera());
  ui.share.addEventListener('click', () => void media.toggleShare());
  ui.fullscreen.addEventListener('click', toggleFullscreen);
  ui.statsToggle.addEventListener('click', actions.toggleStats);
  ui.hangup.addEventListener('click', actions.hangup); // the page stops the media when the call is over

  const keys: Record<string, () => void> = {
    m: () => media.toggleMute(),
    v: () => media.toggleCamera(),
    a: () => media.toggleAudioOnly(),
    w: () => void switchCamera(),
    d: () => void media.toggleShare(),
    f: toggleFullscreen,
    c: actions.toggleChat,
    i: actions.toggleStats,
    H: () => ui.hangup.click(),
  };
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    // Escape closes a panel even from the message box; it is no shortcut anyone types
    if (event.key === 'Escape' && callShown(ui.call) && actions.closePanel()) {
      event.preventDefault();
      return;
    }
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (!callShown(ui.call) || callIsOver(ui)) return;
    const action = keys[event.shiftKey ? event.key.toUpperCase() : event.key.toLowerCase()];
    if (!action || (event.shiftKey && event.key.toUpperCase() !== 'H')) return;
    event.preventDefault();
    action();
  });

  render();
  return { render };
}
