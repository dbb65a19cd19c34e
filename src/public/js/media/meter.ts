/**
 * Microphone level meter: an AnalyserNode read every animation frame into a <meter>.
 */
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
  let frame = 0;
  const tick = () => {
    analyser.getFloatTimeDomainData(samples);
    let sum = 0;
    for (const s of samples) sum += s * s;
    const rms = Math.sqrt(sum / samples.length);
    // roughly perceptual: -60 dBFS → 0, 0 dBFS → 1
    const db = 20 * Math.log10(Math.max(rms, 1e-6));
    meter.value = Math.min(1, Math.max(0, (db + 60) / 60));
    frame = requestAnimationFrame(tick);
  };
  void context.resume().catch(() => undefined);
  tick();
  return {
    stop() {
      cancelAnimationFrame(frame);
      source.disconnect();
      void context.close().catch(() => undefined);
      meter.value = 0;
    },
  };
}
