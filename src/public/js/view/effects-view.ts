/**
 * The call's blur, noise and record buttons, and the other person's recording shown as
 * #recording-indicator. Recording stops (and its file is saved) when we stop it or when the call ends.
 */
import { t } from '../i18n/i18n.js';
import { effectsSupported, type Effects } from '../effects/effects.js';
import { recordingName, saveFile, startRecording, type Recording } from '../effects/recorder.js';
import type { Session } from '../session/session-types.js';
import { setToggle } from './dom.js';
import type { CallElements } from './elements.js';

export interface EffectsView {
  render(): void;
  /** The call is over: stops the effects, and the recording (saving what was recorded). */
  stop(): void;
}

export function bindEffects(ui: CallElements, session: Session, effects: Effects): EffectsView {
  const supported = effectsSupported();
  let recording: { started: Date; recorder: Recording } | undefined;
  let theyRecord = false;

  function render(): void {
    const { blur, noise } = effects.state;
    setToggle(ui.blur, blur, t(blur ? 'effects.blurOff' : 'effects.blur'));
    setToggle(ui.noise, noise, t(noise ? 'effects.noiseOff' : 'effects.noise'));
    setToggle(ui.record, Boolean(recording), t(recording ? 'effects.recordStop' : 'effects.record'));
    ui.blur.disabled = !supported.blur || !effects.stream.getVideoTracks().length;
    ui.noise.disabled = !supported.noise || !effects.stream.getAudioTracks().length;
    ui.record.disabled = typeof MediaRecorder !== 'function';
    const name = session.remote.name;
    ui.recordingIndicator.hidden = !theyRecord;
    ui.recordingIndicator.textContent = theyRecord ? (name ? t('effects.recordingThem', { name }) : t('effects.recordingSomeone')) : '';
  }

  async function stopRecording(): Promise<void> {
    const done = recording;
    if (!done) return;
    recording = undefined;
    session.setRecording(false);
    render();
    const file = await done.recorder.stop();
    // stopped before the browser encoded anything (a click right after starting, a busy device): no empty file
    if (file.size === 0) return session.notice('effects.recordEmpty');
    saveFile(file, recordingName(done.started));
  }

  function toggleRecording(): void {
    if (recording) return void stopRecording();
    try {
      recording = { started: new Date(), recorder: startRecording({ remote: ui.remote, local: ui.local, mic: effects.voice }) };
      session.setRecording(true);
    } catch (error) {
      console.warn('duet: recording did not start', error);
      session.notice('effects.recordFailed');
    }
    render();
  }

  effects.on('change', render);
  effects.on('notice', (key) => session.notice(key));
  session.on('recording', (on) => ((theyRecord = on), render()));
  session.on('remote', render);
  ui.blur.addEventListener('click', () => void effects.setBlur(!effects.state.blur));
  ui.noise.addEventListener('click', () => void effects.setNoise(!effects.state.noise));
  ui.record.addEventListener('click', toggleRecording);
  render();
  return {
    render,
    stop() {
      void stopRecording();
      effects.stop();
      theyRecord = false;
    },
  };
}
