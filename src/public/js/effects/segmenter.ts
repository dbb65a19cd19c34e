/**
 * The page's side of the segmentation worker (segment.worker.ts): one worker per blur, sent one picture at a
 * time at the model's size, answering with the person mask in the picture's alpha. `mask` waits for the answer,
 * so a device too slow for the model slows the blur down, which the blur notices (blur.ts).
 */
export const SEGMENT_WORKER_URL = '/js/segment.worker.js';

/** Messages to the worker: a picture at the model's size, numbered. */
export type ToSegmentWorker = { id: number; image: ImageData };
/** The worker's answers: once ready (or not), then one per picture. */
export type FromSegmentWorker =
  { ready: { width: number; height: number } } | { error: string; id?: undefined } | { id: number; mask: ImageData } | { id: number; error: string };

export interface Segmenter {
  /** The model's input size, once it is loaded. */
  readonly size: Promise<{ width: number; height: number }>;
  /** The person mask of `image` (which must be at the model's size and is handed over to the worker). */
  mask(image: ImageData): Promise<ImageData>;
  close(): void;
}

export function createSegmenter(url = SEGMENT_WORKER_URL): Segmenter {
  const worker = new Worker(url);
  const waiting = new Map<number, { resolve(mask: ImageData): void; reject(error: Error): void }>();
  let next = 0;
  let fail: (error: Error) => void = () => undefined;
  const size = new Promise<{ width: number; height: number }>((resolve, reject) => {
    fail = (error) => {
      reject(error);
      for (const pending of waiting.values()) pending.reject(error);
      waiting.clear();
    };
    worker.onmessage = ({ data }: MessageEvent<FromSegmentWorker>) => {
      if ('ready' in data) return resolve(data.ready);
      if (data.id === undefined) return fail(new Error(data.error));
      const pending = waiting.get(data.id);
      waiting.delete(data.id);
      if ('mask' in data) pending?.resolve(data.mask);
      else pending?.reject(new Error(data.error));
    };
  });
  size.catch(() => undefined);
  worker.onerror = (event) => {
    event.preventDefault();
    fail(new Error('the segmentation worker failed'));
  };
  return {
    size,
    mask(image) {
      const id = ++next;
      return new Promise<ImageData>((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, image } satisfies ToSegmentWorker, [image.data.buffer]);
      });
    },
    close() {
      worker.terminate();
      fail(new Error('the blur was stopped'));
    },
  };
}
