/**
 * Sending one file: offer, wait for accept, read the file slice by slice,
 * send chunks while the channel has room (the pacer), hash as it goes, then
 * `done` with the SHA-256 and wait for the receiver's own hash to compare.
 * Memory: one read slice per transfer plus what the channel buffers (at most
 * the high-water mark plus one chunk per transfer).
 */
import { encodeChunk, encodeControl, type ControlMessage } from './protocol.js';
import { createTransferCore, isOutcome, type FileChannel, type Transfer, type TransferOptions } from './transfer.js';

/** What the sender reads: a File or Blob (its `name` travels separately). */
export interface FileLike {
  readonly size: number;
  slice(start: number, end: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

/** Shares the channel's room among the sending transfers: wait() resolves at the next `bufferedamountlow`. */
export interface Pacer {
  hasRoom(): boolean;
  wait(): Promise<void>;
  /** Wakes every waiter (the channel closed). */
  wakeAll(): void;
}

export function createPacer(channel: FileChannel, options: Pick<TransferOptions, 'highWaterBytes' | 'lowWaterBytes'>): Pacer {
  let waiters: Array<() => void> = [];
  const wakeAll = () => {
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  channel.bufferedAmountLowThreshold = options.lowWaterBytes;
  channel.onbufferedamountlow = wakeAll;
  return {
    hasRoom: () => channel.bufferedAmount < options.highWaterBytes,
    wait: () => new Promise<void>((resolve) => waiters.push(resolve)),
    wakeAll,
  };
}

export interface OutgoingTransfer extends Transfer {
  readonly direction: 'out';
  /** Feeds a control message from the peer about this transfer. */
  handle(message: ControlMessage): void;
  /** The channel closed. */
  lost(): void;
}

export interface OutgoingContext {
  /** Sends on the channel; false when the channel refused (closed). */
  send(data: string | ArrayBuffer): boolean;
  pacer: Pacer;
  options: TransferOptions;
  ended(transfer: OutgoingTransfer): void;
}

export function createOutgoing(file: FileLike, offer: { id: string; name: string; type: string }, ctx: OutgoingContext): OutgoingTransfer {
  const { id } = offer;
  const { options } = ctx;
  const hasher = options.hasher();
  // off the page's thread, the hasher reads the file by itself; on it, it takes the slices read for sending
  const wholeFile = hasher.offThread && typeof Blob !== 'undefined' && file instanceof Blob;
  const { core, base } = createTransferCore({ ...offer, direction: 'out', size: file.size }, options, () => {
    hasher.close();
    ctx.pacer.wakeAll();
    ctx.ended(transfer);
  });
  const moving = () => core.state === 'transferring';
  const control = (message: ControlMessage) => ctx.send(encodeControl(message));
  const sendOrLose = (data: string | ArrayBuffer) => {
    if (!ctx.send(data)) core.end('connection-lost');
    return moving();
  };

  async function pump(): Promise<void> {
    let offset = 0;
    const sliceBytes = options.chunkBytes * options.readChunks;
    while (offset < file.size) {
      let slice: Uint8Array;
      const sliceEnd = Math.min(file.size, offset + sliceBytes);
      try {
        slice = new Uint8Array(await file.slice(offset, sliceEnd).arrayBuffer());
        if (slice.length !== sliceEnd - offset) throw new Error('short read');
      } catch {
        if (moving()) control({ kind: 'error', id, reason: 'read' });
        return core.end('failed', 'me', 'read');
      }
      for (let at = 0; at < slice.length; at += options.chunkBytes) {
        while (moving() && !ctx.pacer.hasRoom()) await ctx.pacer.wait();
        if (!moving()) return;
        const bytes = slice.subarray(at, at + options.chunkBytes);
        if (!sendOrLose(encodeChunk(id, offset + at, bytes))) return;
        core.meter.update(offset + at + bytes.length, options.now());
        core.notify(false);
      }
      if (!wholeFile) hasher.add(slice); // after its chunks went out: the hasher may take the buffer
      offset = sliceEnd;
    }
    if (!moving()) return;
    core.state = 'verifying';
    core.notify(true);
    let digest: string;
    try {
      digest = await hasher.digest();
    } catch {
      if (core.state === 'verifying') control({ kind: 'error', id, reason: 'read' });
      return core.end('failed', 'me', 'read');
    }
    if (core.state !== 'verifying') return;
    core.sha256 = digest;
    if (!ctx.send(encodeControl({ kind: 'done', id, sha256: digest }))) core.end('connection-lost');
  }

  const transfer: OutgoingTransfer = Object.assign(base, {
    cancel() {
      if (isOutcome(core.state)) return;
      control({ kind: 'cancel', id });
      core.end('cancelled', 'me');
    },
    handle(message: ControlMessage) {
      if (message.kind === 'accept' && core.state === 'offered') {
        core.state = 'transferring';
        core.meter.update(0, options.now());
        core.notify(true);
        if (wholeFile) hasher.add(file as Blob);
        void pump();
      } else if (message.kind === 'decline' && core.state === 'offered') core.end('declined', 'peer');
      else if (message.kind === 'cancel') core.end('cancelled', 'peer');
      else if (message.kind === 'error') core.end('failed', 'peer', message.reason);
      else if (message.kind === 'received' && core.state === 'verifying') core.end(message.sha256 === core.sha256 ? 'complete' : 'mismatch');
    },
    lost() {
      core.end('connection-lost');
    },
  });
  if (!control({ kind: 'offer', id, name: offer.name, size: file.size, type: offer.type })) core.end('connection-lost');
  return transfer;
}
