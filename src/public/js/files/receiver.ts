/**
 * Receiving one file: nothing is kept before the person accepts; then each
 * chunk must start where the bytes so far end and stay within the offered size;
 * the bytes are hashed as they come and gathered into Blob parts. At `done` the
 * hashes are compared: a match gives the Blob, a mismatch gives nothing.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { sanitizeFileName } from './names.js';
import { createProgressMeter } from './progress.js';
import { encodeControl, placeChunk, toHex, type Chunk, type ControlMessage, type ErrorReason } from './protocol.js';
import { changeNotifier, isOutcome, type Outcome, type Transfer, type TransferOptions, type TransferState } from './transfer.js';

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
  const meter = createProgressMeter(size);
  const hash = sha256.create();
  let state: TransferState = 'offered';
  let endedBy: 'me' | 'peer' | undefined;
  let reason: ErrorReason | undefined;
  let received = 0;
  let chunks: Uint8Array[] = [];
  let chunkBytes = 0;
  let parts: Blob[] = [];
  let blob: Blob | undefined;

  const control = (message: ControlMessage) => {
    if (!ctx.send(encodeControl(message))) end('connection-lost');
  };
  const end = (outcome: Outcome, by?: 'me' | 'peer', why?: ErrorReason) => {
    if (isOutcome(state)) return;
    state = outcome;
    endedBy = by;
    reason = why;
    if (outcome !== 'complete') {
      chunks = [];
      parts = [];
    }
    notify(true);
    ctx.ended(transfer);
  };
  const violation = () => {
    control({ kind: 'error', id, reason: 'protocol' });
    end('failed', 'me', 'protocol');
  };
  const flush = () => {
    if (chunks.length === 0) return;
    parts.push(new Blob(chunks as BlobPart[], { type: SAVED_TYPE }));
    chunks = [];
    chunkBytes = 0;
  };

  const transfer: IncomingTransfer = {
    id,
    direction: 'in',
    name: sanitizeFileName(offer.name),
    offeredName: offer.name,
    size,
    type: offer.type,
    get state() {
      return state;
    },
    get progress() {
      return meter.current;
    },
    get endedBy() {
      return endedBy;
    },
    get reason() {
      return reason;
    },
    get blob() {
      return blob;
    },
    onchange: null,
    accept() {
      if (state !== 'offered') return;
      state = 'transferring';
      meter.update(0, options.now());
      control({ kind: 'accept', id });
      notify(true);
    },
    decline() {
      if (state !== 'offered') return;
      control({ kind: 'decline', id });
      end('declined', 'me');
    },
    cancel() {
      if (state === 'offered') return transfer.decline();
      if (isOutcome(state)) return;
      control({ kind: 'cancel', id });
      end('cancelled', 'me');
    },
    handleChunk(chunk) {
      if (isOutcome(state)) return; // stragglers after a cancel
      if (state !== 'transferring' || placeChunk(received, size, chunk)) return violation();
      hash.update(chunk.bytes);
      chunks.push(chunk.bytes);
      received += chunk.bytes.length;
      chunkBytes += chunk.bytes.length;
      if (chunkBytes >= options.partBytes) flush();
      meter.update(received, options.now());
      notify(false);
    },
    handle(message) {
      if (isOutcome(state)) return;
      if (message.kind === 'cancel') return end('cancelled', 'peer');
      if (message.kind === 'error') return end('failed', 'peer', message.reason);
      if (message.kind !== 'done') return;
      if (state !== 'transferring' || received !== size) return violation();
      const mine = toHex(hash.digest());
      control({ kind: 'received', id, sha256: mine });
      if (isOutcome(state)) return; // the channel closed meanwhile
      if (mine !== message.sha256) return end('mismatch');
      flush();
      blob = new Blob(parts, { type: SAVED_TYPE });
      end('complete');
    },
    lost() {
      end('connection-lost');
    },
  };
  const notify = changeNotifier(transfer, options.progressIntervalMs, options.now);
  if (refuse) {
    control({ kind: 'error', id, reason: refuse });
    end('declined', 'me', refuse);
  }
  return transfer;
}
