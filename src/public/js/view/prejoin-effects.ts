/**
 * The pre-join screen's blur and noise choices, remembered for the next call; with blur chosen the preview
 * shows the blurred camera, as the other person will see it.
 */
import { BLUR_KEY, NOISE_KEY, effectsSupported, rememberedEffects, type EffectsState } from '../effects/effects.js';
import { startBlur, type Blur } from '../effects/blur.js';
import { safeSet } from '../store/storage.js';

export interface PrejoinEffectsElements {
  preview: HTMLVideoElement;
  prejoinBlur: HTMLInputElement;
  prejoinNoise: HTMLInputElement;
}

export interface PrejoinEffects {
  readonly chosen: EffectsState;
  /** Shows `stream` in the preview, blurred when blur is chosen (after the camera was opened again). */
  show(stream: MediaStream): void;
  /** Stops the preview's blur (joining: the call starts its own). */
  finish(): void;
}

export function bindPrejoinEffects(ui: PrejoinEffectsElements): PrejoinEffects {
  const supported = effectsSupported();
  const remembered = rememberedEffects();
  ui.prejoinBlur.checked = remembered.blur;
  ui.prejoinNoise.checked = remembered.noise;
  ui.prejoinBlur.disabled = !supported.blur;
  ui.prejoinNoise.disabled = !supported.noise;
  let stream: MediaStream | undefined;
  let blur: Blur | undefined;

  function show(next: MediaStream): void {
    stream = next;
    blur?.stop();
    blur = undefined;
    const camera = next.getVideoTracks()[0];
    if (camera && ui.prejoinBlur.checked) {
      const started = (blur = startBlur(camera, () => undefined));
      started.ready.catch(() => blur === started && ((ui.prejoinBlur.checked = false), show(next)));
    }
    ui.preview.srcObject = camera ? new MediaStream([blur?.track ?? camera]) : null;
  }

  ui.prejoinBlur.addEventListener('change', () => {
    safeSet(BLUR_KEY, ui.prejoinBlur.checked ? 'on' : 'off');
    if (stream) show(stream);
  });
  ui.prejoinNoise.addEventListener('change', () => safeSet(NOISE_KEY, ui.prejoinNoise.checked ? 'on' : 'off'));
  return {
    get chosen() {
      return { blur: ui.prejoinBlur.checked && supported.blur, noise: ui.prejoinNoise.checked && supported.noise };
    },
    show,
    finish() {
      blur?.stop();
      blur = undefined;
    },
  };
}
