/**
 * Receiving one file: nothing is kept before the person accepts; then each
 * chunk must start where the bytes so far end and stay within the offered size;
 * the bytes are hashed as they come and gathered into Blob parts. At `done` the
 * hashes are compared: a match gives the Blob, a mismatch gives nothing.
 */
import { sanitizeFileName } from './names.js';
import { encodeControl, placeChunk, type Chunk, type ControlMessage } from './protocol.js';
import { createTransferCore, isOutcome, type Transfer, type TransferOptions } from './transfer.js';

export interface IncomingTransfer extends Transfer {
  readonly direction: 'in';
  /** The name as offered (untrusted: show as text only); `name` is the sanitised one. */
  readonly offeredName: string;
  /** Only once `complete`: the file, typed application/octet-stream whatever was announced. */
  readonly blob: Blob | undefined;
  accept(): void;
  decline(): void;
  handle(message: ControlMessage): void;
  handleChunk(chunk: Chunk): void;
  lost(): void;
}

export interface IncomingContext {
  send(data: string): boolean;
  options: TransferOptions;
  ended(transfer: IncomingTransfer): void;
}

export type Offer = Extract<ControlMessage, { kind: 'offer' }>;
const SAVED_TYPE = 'application/octet-stream';

export function createIncoming(offer: Offer, ctx: IncomingContext, refuse?: 'too-large' | 'busy'): IncomingTransfer {
  const { id, size } = offer;
  const { options } = ctx;
  const hasher = options.hasher();
  let received = 0;
  let chunks: Uint8Array[] = [];
  let chunkBytes = 0;
  let parts: Blob[] = [];
  const { core, base } = createTransferCore({ id, direction: 'in', name: sanitizeFileName(offer.name), size, type: offer.type }, options, () => {
    hasher.close();
    chunks = [];
    parts = [];
    ctx.ended(transfer);
  });

  const control = (message: ControlMessage) => {
    if (!ctx.send(encodeControl(message))) core.end('connection-lost');
  };
  const violation = () => {
    control({ kind: 'error', id, reason: 'protocol' });
    core.end('failed', 'me', 'protocol');
  };
  const flush = () => {
    if (chunks.length === 0) return;
    const part = new Blob(chunks as BlobPart[], { type: SAVED_TYPE });
    parts.push(part);
    if (hasher.offThread) hasher.add(part); // read back in the worker; on the page's thread the chunks were hashed as they came
    chunks = [];
    chunkBytes = 0;
  };

  const transfer: IncomingTransfer = Object.assign(base, {
    offeredName: offer.name,
    accept() {
      if (core.state !== 'offered') return;
      core.state = 'transferring';
      core.meter.update(0, options.now());
      control({ kind: 'accept', id });
      core.notify(true);
    },
    decline() {
      if (core.state !== 'offered') return;
      control({ kind: 'decline', id });
      core.end('declined', 'me');
    },
    cancel() {
      if (core.state === 'offered') return transfer.decline();
      if (isOutcome(core.state)) return;
      control({ kind: 'cancel', id });
      core.end('cancelled', 'me');
    },
    handleChunk(chunk: Chunk) {
      if (isOutcome(core.state)) return; // stragglers after a cancel
      if (core.state !== 'transferring' || placeChunk(received, size, chunk)) return violation();
      if (!hasher.offThread) hasher.add(chunk.bytes);
      chunks.push(chunk.bytes);
      received += chunk.bytes.length;
      chunkBytes += chunk.bytes.length;
      if (chunkBytes >= options.partBytes) flush();
      core.meter.update(received, options.now());
      core.notify(false);
    },
    handle(message: ControlMessage) {
      if (isOutcome(core.state)) return;
      if (message.kind === 'cancel') return core.end('cancelled', 'peer');
      if (message.kind === 'error') return core.end('failed', 'peer', message.reason);
      if (message.kind !== 'done') return;
      if (core.state !== 'transferring' || received !== size) return violation();
      flush();
      core.state = 'verifying';
      core.notify(true);
      hasher.digest().then(
        (mine) => {
          if (core.state !== 'verifying') return; // cancelled or lost meanwhile
          core.sha256 = mine;
          control({ kind: 'received', id, sha256: mine });
          if (isOutcome(core.state)) return; // the channel closed meanwhile
          if (mine !== message.sha256) return core.end('mismatch');
          core.blob = new Blob(parts, { type: SAVED_TYPE });
          core.end('complete');
        },
        () => {
          if (core.state !== 'verifying') return;
          control({ kind: 'error', id, reason: 'storage' });
          core.end('failed', 'me', 'storage');
        },
      );
    },
    lost() {
      core.end('connection-lost');
    },
  });
  if (refuse) {
    control({ kind: 'error', id, reason: refuse });
    core.end('declined', 'me', refuse);
  }
  return transfer;
}
