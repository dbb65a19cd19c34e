/**
 * SHA-256 over a file as it is sent or received, in order, without holding it:
 * bytes already in memory, or a Blob read 1 MiB at a time. WebCrypto has no
 * incremental digest, so this is @noble/hashes (bundled). `createHasher` runs on
 * the calling thread; the page uses hash-client.ts instead, which does the same
 * work in a Worker (sha256.worker.ts) so hashing never holds up the page.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { toHex } from './protocol.js';

/** What the hasher reads: a Blob, a File, or anything sliced like one. */
export interface Readable {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface Hasher {
  /** Hashes `input` after everything added before (bytes are hashed at once; a Readable is read slice by slice). */
  add(input: Readable | Uint8Array): void;
  /** The SHA-256 (64 lowercase hex) of everything added; rejects if a read failed. */
  digest(): Promise<string>;
  /** The transfer ended: stop and free what the hasher holds. */
  close(): void;
  /** True when the hasher works off the page's thread: the sender then hands it the whole file once. */
  readonly offThread: boolean;
}

export const HASH_SLICE_BYTES = 1024 * 1024;

/** Feeds `input` to `update` in order, one slice at a time. */
export async function readInSlices(input: Readable, update: (bytes: Uint8Array) => void, sliceBytes = HASH_SLICE_BYTES): Promise<void> {
  for (let at = 0; at < input.size; at += sliceBytes) {
    const end = Math.min(input.size, at + sliceBytes);
    const bytes = new Uint8Array(await input.slice(at, end).arrayBuffer());
    if (bytes.length !== end - at) throw new Error('short read');
    update(bytes);
  }
}

/** The hasher on the calling thread. */
export function createHasher(): Hasher {
  const hash = sha256.create();
  let queue: Promise<void> = Promise.resolve();
  let closed = false;
  const update = (bytes: Uint8Array) => void (closed || hash.update(bytes));
  return {
    add(input) {
      if (input instanceof Uint8Array) queue = queue.then(() => update(input));
      else queue = queue.then(() => readInSlices(input, update));
    },
    async digest() {
      await queue;
      return toHex(hash.digest());
    },
    close() {
      closed = true;
    },
    offThread: false,
  };
}
