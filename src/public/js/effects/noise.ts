/**
 * Noise suppression on the microphone track, on top of the browser's own `noiseSuppression` constraint:
 * RNNoise compiled to WebAssembly, run in an AudioWorklet (@sapphi-red/web-noise-suppressor), its processor
 * and WebAssembly served by duet from /vendor/rnnoise/. The microphone goes through the denoiser into a
 * MediaStreamAudioDestinationNode whose track is the one sent. RNNoise works on 48 kHz audio.
 */
import { loadRnnoise, RnnoiseWorkletNode } from '@sapphi-red/web-noise-suppressor';

export const RNNOISE_ASSETS = '/vendor/rnnoise/';

export interface Denoiser {
  /** The denoised track to send. */
  readonly track: MediaStreamTrack;
  /** The worklet node the microphone passes through. */
  readonly node: AudioWorkletNode;
  stop(): void;
}

let wasm: Promise<ArrayBuffer> | undefined; // fetched once per page

export async function startDenoiser(mic: MediaStreamTrack): Promise<Denoiser> {
  const context = new AudioContext({ sampleRate: 48_000, latencyHint: 'interactive' });
  try {
    wasm ??= loadRnnoise({ url: `${RNNOISE_ASSETS}rnnoise.wasm`, simdUrl: `${RNNOISE_ASSETS}rnnoise_simd.wasm` });
    const [binary] = await Promise.all([wasm, context.audioWorklet.addModule(`${RNNOISE_ASSETS}rnnoise-workletProcessor.js`)]);
    const node = new RnnoiseWorkletNode(context, { maxChannels: 1, wasmBinary: binary.slice(0) });
    const source = context.createMediaStreamSource(new MediaStream([mic]));
    const sink = context.createMediaStreamDestination();
    source.connect(node).connect(sink);
    void context.resume().catch(() => undefined); // the Join click (or the toggle's) allows it
    const track = sink.stream.getAudioTracks()[0]!;
    return {
      track,
      node,
      stop() {
        source.disconnect();
        node.destroy();
        track.stop();
        void context.close().catch(() => undefined);
      },
    };
  } catch (error) {
    wasm = undefined;
    void context.close().catch(() => undefined);
    throw error;
  }
}
