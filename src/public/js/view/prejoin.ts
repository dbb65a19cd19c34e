/**
 * The pre-join screen: camera preview, microphone level, device pickers and a
 * plain-words explanation when media cannot be used.
 */
import { t, type Key } from '../i18n/i18n.js';
import { listDevices, openMedia, webrtcProblem, type MediaProblem, type MediaResult } from '../media/devices.js';
import { startLevelMeter, type LevelMeter } from '../media/meter.js';
import type { EffectsState } from '../effects/effects.js';
import type { RoomElements } from './elements.js';
import { bindPrejoinEffects } from './prejoin-effects.js';

const PROBLEM_TEXT: Record<MediaProblem, Key> = {
  insecure: 'problem.insecure',
  'no-webrtc': 'problem.noWebrtc',
  denied: 'problem.denied',
  'no-camera': 'problem.noCamera',
  'no-devices': 'problem.noDevices',
  busy: 'problem.busy',
  'busy-all': 'problem.busyAll',
  other: 'problem.other',
};

/** Fills a `<select>` with devices, keeping `selected` when present. */
function fillPicker(select: HTMLSelectElement, devices: MediaDeviceInfo[], selected: string | undefined, fallback: string): void {
  select.replaceChildren(
    ...devices.map((d, i) => {
      const option = document.createElement('option');
      option.value = d.deviceId;
      option.textContent = d.label || `${fallback} ${i + 1}`;
      return option;
    }),
  );
  if (selected && devices.some((d) => d.deviceId === selected)) select.value = selected;
  select.disabled = devices.length === 0;
}

export interface Prejoin {
  /** The media to join with (may have no tracks: receive-only). */
  readonly media: MediaResult;
  /** Blur and noise suppression as chosen on this screen. */
  readonly effects: EffectsState;
  /** Stops the preview and meter, keeping the tracks for the call. */
  finish(): MediaStream;
  rerender(): void;
}

export async function startPrejoin(ui: RoomElements): Promise<Prejoin> {
  let media: MediaResult = { stream: new MediaStream() };
  let meter: LevelMeter | undefined;
  const effects = bindPrejoinEffects(ui);

  function showProblem(): void {
    const problem = media.problem;
    ui.mediaMessage.hidden = !problem;
    ui.mediaText.textContent = problem ? t(PROBLEM_TEXT[problem], { detail: media.detail ?? '' }) : '';
    ui.mediaSetup.hidden = problem !== 'insecure';
    ui.retry.hidden = !(problem === 'denied' || problem === 'busy' || problem === 'busy-all' || problem === 'other');
  }

  async function open(choice: { cameraId?: string; micId?: string } = {}): Promise<void> {
    meter?.stop();
    for (const track of media.stream.getTracks()) track.stop();
    media = await openMedia(choice);
    effects.show(media.stream);
    meter = startLevelMeter(media.stream, ui.level);
    showProblem();
    if (webrtcProblem()) return;
    const { cameras, mics } = await listDevices();
    fillPicker(ui.cameraSelect, cameras, media.stream.getVideoTracks()[0]?.getSettings().deviceId, t('prejoin.camera'));
    fillPicker(ui.micSelect, mics, media.stream.getAudioTracks()[0]?.getSettings().deviceId, t('prejoin.mic'));
  }

  const reopen = () => void open({ cameraId: ui.cameraSelect.value || undefined, micId: ui.micSelect.value || undefined });
  ui.cameraSelect.addEventListener('change', reopen);
  ui.micSelect.addEventListener('change', reopen);
  ui.retry.addEventListener('click', () => void open());

  await open();
  return {
    get media() {
      return media;
    },
    get effects() {
      return effects.chosen;
    },
    finish() {
      meter?.stop();
      effects.finish();
      ui.preview.srcObject = null;
      return media.stream;
    },
    rerender: showProblem,
  };
}
