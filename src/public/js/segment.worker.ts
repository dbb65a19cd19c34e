/**
 * The segmentation worker (effects/segmenter.ts): MediaPipe's selfie segmentation model (landscape, 256x144)
 * run by TFLite compiled to WebAssembly, both served by duet from /vendor/segmentation/ (copied from the
 * @twilio/video-processors package at build time), on the CPU and off the page's thread. It is sent the
 * camera picture scaled to the model's size and answers with the same pixels, their alpha set to how sure the
 * model is that the pixel shows a person. Bundled by scripts/build-client.mjs as /js/segment.worker.js.
 */
import type { FromSegmentWorker, ToSegmentWorker } from './effects/segmenter.js';

/** The parts of the Emscripten module (TFLite with its model loader) this worker uses. */
interface TFLite {
  HEAPU8: Uint8Array;
  HEAPF32: Float32Array;
  _getModelBufferMemoryOffset(): number;
  _loadModel(bytes: number): number;
  _getInputMemoryOffset(): number;
  _getInputWidth(): number;
  _getInputHeight(): number;
  _getOutputMemoryOffset(): number;
  _runInference(): number;
}
type Factory = (module: { locateFile(path: string): string }) => Promise<TFLite>;

declare function importScripts(...urls: string[]): void;

export const SEGMENTATION_ASSETS = '/vendor/segmentation/';
const answer = (message: FromSegmentWorker, transfer: Transferable[] = []) => postMessage(message, { transfer });

/** The SIMD build where the browser has WebAssembly SIMD, else the plain one. */
async function loadRuntime(): Promise<TFLite> {
  const locateFile = (path: string) => SEGMENTATION_ASSETS + path;
  const scope = self as unknown as Record<string, Factory | undefined>;
  try {
    importScripts(`${SEGMENTATION_ASSETS}tflite-simd-1-0-0.js`);
    return await scope.createTwilioTFLiteSIMDModule!({ locateFile });
  } catch {
    importScripts(`${SEGMENTATION_ASSETS}tflite-1-0-0.js`);
    return await scope.createTwilioTFLiteModule!({ locateFile });
  }
}

async function load(): Promise<TFLite> {
  const [tflite, model] = await Promise.all([loadRuntime(), fetch(`${SEGMENTATION_ASSETS}selfie_segmentation_landscape.tflite`)]);
  if (!model.ok) throw new Error(`the segmentation model could not be loaded (${model.status})`);
  const bytes = new Uint8Array(await model.arrayBuffer());
  tflite.HEAPU8.set(bytes, tflite._getModelBufferMemoryOffset());
  tflite._loadModel(bytes.byteLength);
  if (!(tflite._getInputWidth() > 0 && tflite._getInputHeight() > 0)) throw new Error('the segmentation model was refused');
  return tflite;
}

/** Runs the model on `image` (already at the model's size) and writes the person mask into its alpha. */
function segment(tflite: TFLite, image: ImageData): ImageData {
  const pixels = tflite._getInputWidth() * tflite._getInputHeight();
  if (image.width * image.height !== pixels) throw new Error(`expected ${pixels} pixels, got ${image.width}x${image.height}`);
  const input = tflite._getInputMemoryOffset() / 4;
  const px = image.data;
  for (let i = 0; i < pixels; i++) {
    tflite.HEAPF32[input + i * 3] = px[i * 4]! / 255;
    tflite.HEAPF32[input + i * 3 + 1] = px[i * 4 + 1]! / 255;
    tflite.HEAPF32[input + i * 3 + 2] = px[i * 4 + 2]! / 255;
  }
  tflite._runInference();
  const output = tflite._getOutputMemoryOffset() / 4;
  for (let i = 0; i < pixels; i++) px[i * 4 + 3] = Math.round(tflite.HEAPF32[output + i]! * 255);
  return image;
}

const ready = load();
ready.then(
  (tflite) => answer({ ready: { width: tflite._getInputWidth(), height: tflite._getInputHeight() } }),
  (error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }),
);

addEventListener('message', ({ data }: MessageEvent<ToSegmentWorker>) => {
  void ready
    .then((tflite) => {
      const mask = segment(tflite, data.image);
      answer({ id: data.id, mask }, [mask.data.buffer]);
    })
    .catch((error: unknown) => answer({ id: data.id, error: error instanceof Error ? error.message : String(error) }));
});
