/**
 * The page's hasher: the same SHA-256 in a dedicated Worker (one per transfer,
 * served by duet as /js/sha256.worker.js), so hashing gigabytes never blocks
 * the page: chat, video and the data channels keep their thread. Blobs are
 * posted by reference and read inside the worker; bytes are transferred.
 */
import type { Hasher, Readable } from './hash.js';

export const HASH_WORKER_URL = '/js/sha256.worker.js';

/** Messages to the worker: a Blob or bytes to hash next, or `digest`. */
export type ToHashWorker = { blob: Blob } | { bytes: Uint8Array } | { digest: true };
/** The worker's answer to `digest` (or to a failed read). */
export type FromHashWorker = { sha256: string } | { error: string };

export function createWorkerHasher(url = HASH_WORKER_URL): Hasher {
  const worker = new Worker(url);
  let asked = false;
  const result = new Promise<string>((resolve, reject) => {
    worker.onmessage = ({ data }: MessageEvent<FromHashWorker>) => ('sha256' in data ? resolve(data.sha256) : reject(new Error(data.error)));
    worker.onerror = (event) => {
      event.preventDefault();
      reject(new Error('the hashing worker failed'));
    };
  });
  result.catch(() => undefined).finally(() => worker.terminate());
  return {
    add(input: Readable | Uint8Array) {
      if (input instanceof Uint8Array) worker.postMessage({ bytes: input } satisfies ToHashWorker, [input.buffer]);
      else if (input instanceof Blob) worker.postMessage({ blob: input } satisfies ToHashWorker);
      else throw new TypeError('the hashing worker reads only Blobs');
    },
    digest() {
      if (!asked) worker.postMessage({ digest: true } satisfies ToHashWorker);
      asked = true;
      return result;
    },
    close() {
      worker.terminate();
    },
    offThread: true,
  };
}
