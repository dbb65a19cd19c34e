/**
 * Our own media during a call: the camera and microphone stream, muted or not,
 * camera on or off, the shared screen. One owner for that state; it raises
 * `change` when it changes and `notice` when switching camera or sharing the
 * screen fails. `sendVideo` puts a new video track on the call. Audio only (by choice, for this call)
 * is part of the state: the call stops video both ways (session/video-ladder.ts), the tracks stay.
 */
import type { Key } from '../i18n/i18n.js';
import { createEmitter, type Emitter } from '../session/emitter.js';
import type { MediaState } from '../session/session-types.js';
import { nextCameraTrack, screenTrack } from './devices.js';

export interface LocalMediaEvents {
  change: MediaState;
  notice: Key;
}

export interface LocalMedia {
  on: Emitter<LocalMediaEvents>['on'];
  readonly state: MediaState;
  readonly camera: MediaStreamTrack | undefined;
  readonly mic: MediaStreamTrack | undefined;
  /** The shared screen's track while sharing. */
  readonly screen: MediaStreamTrack | undefined;
  toggleMute(): void;
  toggleCamera(): void;
  /** Next camera with replaceTrack (no renegotiation); camera-off stays off. */
  switchCamera(): Promise<void>;
  toggleShare(): Promise<void>;
  /** No video either way for this call, or video again. */
  toggleAudioOnly(): void;
  /** Stops every track (hang-up). */
  stop(): void;
}

export function createLocalMedia(
  stream: MediaStream,
  sendVideo: (track: MediaStreamTrack | null) => Promise<void>,
  start: { audioOnly?: boolean } = {},
): LocalMedia {
  const events = createEmitter<LocalMediaEvents>();
  const off = { mic: false, camera: false };
  let audioOnly = start.audioOnly === true;
  let screen: MediaStreamTrack | undefined;
  const camera = () => stream.getVideoTracks()[0];
  const mic = () => stream.getAudioTracks()[0];
  const state = (): MediaState => ({ muted: off.mic, cameraOff: off.camera, screen: Boolean(screen), audioOnly });
  const changed = () => events.emit('change', state());
  /** Mutes the microphone or turns the camera off (or back on); nothing without that device. */
  const toggle = (device: 'mic' | 'camera') => {
    const track = device === 'mic' ? mic() : camera();
    if (!track) return;
    off[device] = !off[device];
    track.enabled = !off[device];
    changed();
  };

  async function stopShare(): Promise<void> {
    const track = screen;
    if (!track) return;
    screen = undefined;
    track.stop();
    await sendVideo(camera() ?? null);
    changed();
  }

  return {
    on: events.on,
    get state() {
      return state();
    },
    get camera() {
      return camera();
    },
    get mic() {
      return mic();
    },
    get screen() {
      return screen;
    },
    toggleMute: () => toggle('mic'),
    toggleCamera: () => toggle('camera'),
    async switchCamera() {
      const old = camera();
      if (!old) return;
      try {
        const track = await nextCameraTrack(old);
        track.enabled = !off.camera;
        stream.removeTrack(old);
        stream.addTrack(track);
        if (!screen) await sendVideo(track);
        old.stop();
      } catch (error) {
        console.warn('duet: switch camera failed', error);
        events.emit('notice', 'problem.switch');
      }
    },
    async toggleShare() {
      if (screen) return stopShare();
      try {
        const track = await screenTrack();
        screen = track;
        track.addEventListener('ended', () => void stopShare());
        await sendVideo(track);
      } catch (error) {
        console.warn('duet: screen sharing failed', error);
        events.emit('notice', 'problem.share');
      }
      changed();
    },
    toggleAudioOnly() {
      audioOnly = !audioOnly;
      changed();
    },
    stop() {
      screen?.stop();
      for (const track of stream.getTracks()) track.stop();
    },
  };
}
