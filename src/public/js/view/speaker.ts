/**
 * The speaker picker (#speaker): where the other person's voice plays (speaker, earpiece,
 * headset), for browsers that can choose (`HTMLMediaElement.setSinkId`). Lists the audio outputs,
 * remembers the choice on this device (localStorage) and applies it to `video#remote`; hidden
 * where the browser cannot choose or there is only one output.
 */
import { t } from '../i18n/i18n.js';
import { safeGet, safeSet } from '../store/storage.js';

const STORAGE_KEY = 'duet.speaker';

export interface SpeakerElements {
  /** What shows or hides the picker (its label, with the icon). */
  pick: HTMLElement;
  speaker: HTMLSelectElement;
  remote: HTMLVideoElement;
}

export interface SpeakerPicker {
  /** Lists the outputs again (after a language change or a device plugged in). */
  render(): Promise<void>;
}

/** True where the page can choose the audio output of a media element. */
export function canChooseOutput(): boolean {
  return typeof HTMLMediaElement !== 'undefined' && 'setSinkId' in HTMLMediaElement.prototype && Boolean(navigator.mediaDevices?.enumerateDevices);
}

async function outputs(): Promise<MediaDeviceInfo[]> {
  try {
    return (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'audiooutput');
  } catch {
    return [];
  }
}

export function bindSpeaker(ui: SpeakerElements): SpeakerPicker {
  const supported = canChooseOutput();
  ui.pick.hidden = true;

  const choose = async (deviceId: string, remember: boolean) => {
    try {
      await ui.remote.setSinkId(deviceId);
      if (remember) safeSet(STORAGE_KEY, deviceId);
    } catch {
      ui.speaker.value = ui.remote.sinkId; // the browser refused (device gone): show where the sound goes
    }
  };

  const render = async () => {
    if (!supported) return;
    const found = await outputs();
    ui.speaker.replaceChildren(
      ...found.map((device, i) => {
        const option = document.createElement('option');
        option.value = device.deviceId;
        option.textContent =
          device.label || (device.deviceId === 'default' || device.deviceId === '' ? t('speaker.default') : t('speaker.device', { n: String(i + 1) }));
        return option;
      }),
    );
    ui.pick.hidden = found.length < 2;
    const saved = safeGet(STORAGE_KEY);
    const current = found.some((d) => d.deviceId === ui.remote.sinkId) ? ui.remote.sinkId : undefined;
    if (saved !== null && saved !== ui.remote.sinkId && found.some((d) => d.deviceId === saved)) {
      ui.speaker.value = saved;
      await choose(saved, false);
    } else if (current !== undefined) ui.speaker.value = current;
  };

  // one listing at a time, the last request wins: two listings racing could apply an older one
  let running: Promise<void> = Promise.resolve();
  const queued = () => (running = running.then(render, render));

  if (supported) {
    ui.speaker.addEventListener('change', () => void choose(ui.speaker.value, true));
    navigator.mediaDevices.addEventListener?.('devicechange', () => void queued());
    // before the camera is allowed, browsers hide the devices' ids; once the other person's video
    // arrives the camera has been granted, so the saved output can be found and applied
    ui.remote.addEventListener('loadedmetadata', () => void queued());
    void queued();
  }
  return { render: queued };
}
