/**
 * The hashing worker (hash-client.ts): SHA-256 over the Blobs and bytes it is
 * sent, in order, reading each Blob 1 MiB at a time; answers `digest` with the
 * hex digest. Bundled by scripts/build-client.mjs as /js/sha256.worker.js.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import type { FromHashWorker, ToHashWorker } from './files/hash-client.js';
import { readInSlices } from './files/hash.js';
import { toHex } from './files/protocol.js';

const hash = sha256.create();
let queue: Promise<void> = Promise.resolve();
let failed = false;
const answer = (message: FromHashWorker) => postMessage(message);

addEventListener('message', ({ data }: MessageEvent<ToHashWorker>) => {
  queue = queue
    .then(async () => {
      if (failed) return;
      if ('blob' in data) await readInSlices(data.blob, (bytes) => hash.update(bytes));
      else if ('bytes' in data) hash.update(data.bytes);
      else answer({ sha256: toHex(hash.digest()) });
    })
    .catch((error: unknown) => {
      failed = true; // one answer, the error: the digest of part of the file would be wrong
      answer({ error: error instanceof Error ? error.message : String(error) });
    });
});
