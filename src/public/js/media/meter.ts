/**
 * Microphone level meter: an AnalyserNode read 15 times a second into a <meter>. Every change of
 * the meter repaints the page, so reading it on every animation frame (60 a second) cost a
 * phone, or a browser without a GPU, a third of what the pre-join screen spends, for no visible gain.
 */

/** Readings a second: smooth to the eye, a quarter of the repaints of animation frames. */
export const METER_HZ = 15;

export interface LevelMeter {
  stop(): void;
}

export function startLevelMeter(stream: MediaStream, meter: HTMLMeterElement): LevelMeter {
  const track = stream.getAudioTracks()[0];
  if (!track || typeof AudioContext !== 'function') {
    meter.value = 0;
    return { stop() {} };
  }
  const context = new AudioContext();
  const source = context.createMediaStreamSource(new MediaStream([track]));
  const analyser = context.createAnalyser();
  analyser.fftSize = 512;
  source.connect(analyser);
  const samples = new Float32Array(analyser.fftSize);
  const tick = () => {
    if (document.hidden) return; // nothing to see
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    // roughly perceptual: -60 dBFS → 0, 0 dBFS → 1
    const db = 20 * Math.log10(Math.max(rms, 1e-6));
    meter.value = Math.min(1, Math.max(0, (db + 60) / 60));
  };
  void context.resume().catch(() => undefined);
  tick();
  const timer = setInterval(tick, 1000 / METER_HZ);
  return {
    stop() {
      clearInterval(timer);
      source.disconnect();
      void context.close().catch(() => undefined);
      meter.value = 0;
    },
  };
}
