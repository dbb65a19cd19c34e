/**
 * The in-call controls and their keyboard shortcuts: microphone, camera,
 * switch camera (replaceTrack, no renegotiation), screen sharing, fullscreen,
 * chat, statistics and hang up.
 */
import type { Call } from './call.js';
import type { Chat } from './chat.js';
import { setToggle } from './dom.js';
import { callIsOver } from './ended.js';
import { t } from './i18n.js';
import { nextCameraTrack, screenTrack } from './media.js';
import type { RoomElements } from './ui.js';

export interface LocalMedia {
  stream: MediaStream;
  muted: boolean;
  cameraOff: boolean;
  screen: MediaStreamTrack | undefined;
}

export interface Controls {
  render(): void;
}

export function bindControls(ui: RoomElements, media: LocalMedia, call: Call, chat: Chat, toggleStats: () => void, notify: (text: string) => void): Controls {
  const camera = () => media.stream.getVideoTracks()[0];
  const mic = () => media.stream.getAudioTracks()[0];

  function showLocal(): void {
    const track = media.screen ?? camera();
    ui.local.srcObject = track ? new MediaStream([track]) : null;
    const facing = camera()?.getSettings().facingMode;
    ui.local.classList.toggle('mirrored', !media.screen && facing !== 'environment');
    ui.stage.classList.toggle('no-local-video', !track || (!media.screen && media.cameraOff));
  }

  function render(): void {
    if (callIsOver(ui)) return;
    setToggle(ui.mute, media.muted, t(media.muted ? 'control.unmute' : 'control.mute'));
    setToggle(ui.camera, media.cameraOff, t(media.cameraOff ? 'control.cameraOn' : 'control.cameraOff'));
    setToggle(ui.share, Boolean(media.screen), t(media.screen ? 'control.stopShare' : 'control.share'));
    ui.mute.disabled = !mic();
    ui.camera.disabled = !camera();
    ui.switchCamera.disabled = !camera();
    ui.share.disabled = !navigator.mediaDevices?.getDisplayMedia;
    showLocal();
  }

  function toggleMute(): void {
    const track = mic();
    if (!track) return;
    media.muted = !media.muted;
    track.enabled = !media.muted;
    render();
    call.sendState();
  }

  function toggleCamera(): void {
    const track = camera();
    if (!track) return;
    media.cameraOff = !media.cameraOff;
    track.enabled = !media.cameraOff;
    render();
    call.sendState();
  }

  async function switchCamera(): Promise<void> {
    const old = camera();
    if (!old) return;
    ui.switchCamera.disabled = true;
    try {
      const track = await nextCameraTrack(old);
      track.enabled = !media.cameraOff;
      media.stream.removeTrack(old);
      media.stream.addTrack(track);
      if (!media.screen) await call.setTrack('video', track);
      old.stop();
    } catch (error) {
      console.warn('duet: switch camera failed', error);
      notify(t('problem.switch'));
    } finally {
      render();
    }
  }

  async function stopShare(): Promise<void> {
    const screen = media.screen;
    if (!screen) return;
    media.screen = undefined;
    screen.stop();
    await call.setTrack('video', camera() ?? null);
    render();
    call.sendState();
  }

  async function toggleShare(): Promise<void> {
    if (media.screen) return stopShare();
    try {
      const track = await screenTrack();
      media.screen = track;
      track.addEventListener('ended', () => void stopShare());
      await call.setTrack('video', track);
    } catch (error) {
      console.warn('duet: screen sharing failed', error);
      notify(t('problem.share'));
    }
    render();
    call.sendState();
  }

  function toggleFullscreen(): void {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void ui.call.requestFullscreen?.().catch(() => undefined);
  }

  ui.mute.addEventListener('click', toggleMute);
  ui.camera.addEventListener('click', toggleCamera);
  ui.switchCamera.addEventListener('click', () => void switchCamera());
  ui.share.addEventListener('click', () => void toggleShare());
  ui.fullscreen.addEventListener('click', toggleFullscreen);
  ui.statsToggle.addEventListener('click', toggleStats);
  ui.hangup.addEventListener('click', () => call.hangup()); // the page stops the media when the call is over

  const keys: Record<string, () => void> = {
    m: toggleMute,
    v: toggleCamera,
    w: () => void switchCamera(),
    d: () => void toggleShare(),
    f: toggleFullscreen,
    c: () => chat.toggle(),
    i: toggleStats,
    H: () => ui.hangup.click(),
  };
  document.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement | null;
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) return;
    if (ui.call.hidden || callIsOver(ui)) return;
    const action = keys[event.shiftKey ? event.key.toUpperCase() : event.key.toLowerCase()];
    if (!action || (event.shiftKey && event.key.toUpperCase() !== 'H')) return;
    event.preventDefault();
    action();
  });

  render();
  return { render };
}
