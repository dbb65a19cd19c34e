/**
 * Background blur and noise suppression for one call: the stream the call sends (our camera and microphone,
 * or their blurred and denoised versions), the switches, remembered in localStorage, and the swap of a
 * processed track into the call (`send`, RTCRtpSender.replaceTrack, no renegotiation). Connections made later
 * take their tracks from `stream`. Blur that cannot keep up turns itself off and raises a notice.
 */
import type { Key } from '../i18n/i18n.js';
import { createEmitter, type Emitter } from '../session/emitter.js';
import { safeGet, safeSet } from '../store/storage.js';
import { startBlur, type Blur } from './blur.js';
import { startDenoiser, type Denoiser } from './noise.js';

export const BLUR_KEY = 'duet.blur';
export const NOISE_KEY = 'duet.noise';

export interface EffectsState {
  blur: boolean;
  noise: boolean;
}

export interface EffectsEvents {
  change: EffectsState;
  notice: Key;
}

export interface Effects {
  on: Emitter<EffectsEvents>['on'];
  /** What the call sends: the processed tracks where an effect is on, else the devices' own. */
  readonly stream: MediaStream;
  readonly state: EffectsState;
  /** The picture we send from the camera (the blurred one while blur is on). */
  readonly picture: MediaStreamTrack | undefined;
  /** The voice we send (the denoised one while noise suppression is on). */
  readonly voice: MediaStreamTrack | undefined;
  /** The denoiser's worklet node while noise suppression is on. */
  readonly denoiser: AudioWorkletNode | undefined;
  /** How a track reaches the call: `send(kind, track)` puts it on the live connection. */
  attach(send: (kind: 'audio' | 'video', track: MediaStreamTrack | null) => Promise<void>): void;
  /** The local media sends another video track (another camera, the screen, the camera again). */
  sendVideo(track: MediaStreamTrack | null): Promise<void>;
  setBlur(on: boolean): Promise<void>;
  setNoise(on: boolean): Promise<void>;
  stop(): void;
}

/** Whether this browser can blur and denoise at all (workers, canvas capture or the breakout box, AudioWorklet). */
export function effectsSupported(): EffectsState {
  const canvas = typeof HTMLCanvasElement !== 'undefined' && 'captureStream' in HTMLCanvasElement.prototype;
  return {
    blur: typeof Worker === 'function' && (canvas || 'MediaStreamTrackGenerator' in globalThis),
    noise: typeof AudioWorkletNode === 'function',
  };
}

export function rememberedEffects(): EffectsState {
  const supported = effectsSupported();
  return { blur: supported.blur && safeGet(BLUR_KEY) === 'on', noise: supported.noise && safeGet(NOISE_KEY) === 'on' };
}

/** Effects on `raw` (the camera and microphone stream, owned by the local media), started as remembered. */
export function createEffects(raw: MediaStream, wanted: EffectsState = rememberedEffects()): Effects {
  const events = createEmitter<EffectsEvents>();
  const stream = new MediaStream(raw.getTracks());
  let send: (kind: 'audio' | 'video', track: MediaStreamTrack | null) => Promise<void> = async () => undefined;
  let blur: Blur | undefined;
  let denoiser: Denoiser | undefined;
  let video: MediaStreamTrack | null = raw.getVideoTracks()[0] ?? null; // what the local media sends
  let blurred: MediaStreamTrack | undefined; // the camera the blur reads
  let stopped = false;
  const state = (): EffectsState => ({ blur: Boolean(blur), noise: Boolean(denoiser) });
  const camera = () => raw.getVideoTracks()[0];

  /** Puts `track` in the sent stream in place of the old one of its kind and on the live call. */
  async function put(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void> {
    for (const old of kind === 'audio' ? stream.getAudioTracks() : stream.getVideoTracks()) stream.removeTrack(old);
    if (track) stream.addTrack(track);
    await send(kind, track);
  }

  /** What goes out for the video the local media chose: its blurred version when it is the camera and blur is on. */
  const outgoingVideo = () => (video && blur && video === camera() ? blur.track : video);

  function startBlurOn(track: MediaStreamTrack): Blur {
    blurred = track;
    const started = startBlur(track, () => {
      if (blur !== started) return;
      void turnBlurOff().then(() => events.emit('notice', 'effects.blurSlow'));
    });
    started.ready.catch((error: unknown) => {
      console.warn('duet: background blur could not start', error);
      if (blur === started) void turnBlurOff().then(() => events.emit('notice', 'effects.blurFailed'));
    });
    return started;
  }

  async function turnBlurOff(): Promise<void> {
    const old = blur;
    blur = undefined;
    await put('video', outgoingVideo());
    old?.stop();
    events.emit('change', state());
  }

  const effects: Effects = {
    on: events.on,
    stream,
    get state() {
      return state();
    },
    get picture() {
      return blur?.track ?? camera();
    },
    get voice() {
      return denoiser?.track ?? raw.getAudioTracks()[0];
    },
    get denoiser() {
      return denoiser?.node;
    },
    attach(sender) {
      send = sender;
    },
    async sendVideo(track) {
      video = track;
      const cam = camera();
      if (blur && cam && blurred !== cam) {
        // another camera: blur that one
        const old = blur;
        blur = startBlurOn(cam);
        old.stop();
      }
      await put('video', outgoingVideo());
    },
    async setBlur(on) {
      safeSet(BLUR_KEY, on ? 'on' : 'off');
      const cam = camera();
      if (!on || !cam) return blur ? turnBlurOff() : undefined;
      if (blur || stopped) return;
      blur = startBlurOn(cam);
      await put('video', outgoingVideo());
      events.emit('change', state());
    },
    async setNoise(on) {
      safeSet(NOISE_KEY, on ? 'on' : 'off');
      const mic = raw.getAudioTracks()[0];
      if (on && mic && !denoiser && !stopped) {
        try {
          const started = await startDenoiser(mic);
          if (stopped || denoiser) return started.stop();
          denoiser = started;
        } catch (error) {
          console.warn('duet: noise suppression could not start', error);
          events.emit('notice', 'effects.noiseFailed');
        }
      } else if (!on && denoiser) {
        const old = denoiser;
        denoiser = undefined;
        await put('audio', mic ?? null);
        old.stop();
        return void events.emit('change', state());
      } else return;
      await put('audio', denoiser?.track ?? mic ?? null);
      events.emit('change', state());
    },
    stop() {
      stopped = true;
      blur?.stop();
      denoiser?.stop();
      blur = denoiser = undefined;
    },
  };
  if (wanted.blur) void effects.setBlur(true);
  if (wanted.noise) void effects.setNoise(true);
  return effects;
}
