/**
 * What the sending and receiving state machines share: the minimal data-channel
 * surface they use (an RTCDataChannel fits it; tests pass a fake), the states
 * and outcomes a view shows, and the options both read.
 */
import { createHasher, type Hasher } from './hash.js';
import type { ErrorReason } from './protocol.js';
import { createProgressMeter, type Progress, type ProgressMeter } from './progress.js';

/** The part of RTCDataChannel the transfers use. */
export interface FileChannel {
  send(data: string): void;
  send(data: ArrayBuffer): void;
  readonly bufferedAmount: number;
  bufferedAmountLowThreshold: number;
  onbufferedamountlow: ((event: Event) => unknown) | null;
}

/** Final states: the transfer is over and its bytes are released, except a complete download's blob. */
export type Outcome = 'complete' | 'mismatch' | 'declined' | 'cancelled' | 'failed' | 'connection-lost';
/** `offered`: waiting for the receiver; `transferring`: bytes moving; `verifying`: all bytes moved, the hashes being computed and compared. */
export type TransferState = 'offered' | 'transferring' | 'verifying' | Outcome;

const OUTCOMES: readonly TransferState[] = ['complete', 'mismatch', 'declined', 'cancelled', 'failed', 'connection-lost'];
export const isOutcome = (state: TransferState): state is Outcome => OUTCOMES.includes(state);

export interface Transfer {
  readonly id: string;
  readonly direction: 'out' | 'in';
  /** For an incoming file, already sanitised (safe as a `download` name; still shown as text only). */
  readonly name: string;
  readonly size: number;
  /** The announced media type, for display only: a saved file is always application/octet-stream. */
  readonly type: string;
  readonly state: TransferState;
  readonly progress: Progress;
  /** Who ended a declined, cancelled or failed transfer. */
  readonly endedBy: 'me' | 'peer' | undefined;
  readonly reason: ErrorReason | undefined;
  /** The SHA-256 (hex) of the bytes this side sent or received, once all of them were hashed. */
  readonly sha256: string | undefined;
  /** Called after every state change, and at most every `progressIntervalMs` while bytes move. */
  onchange: ((transfer: Transfer) => void) | null;
  cancel(): void;
}

export interface TransferOptions {
  /** Payload bytes per chunk, at most MAX_CHUNK_BYTES. */
  chunkBytes: number;
  /** The sender stops while the channel holds more than this many bytes... */
  highWaterBytes: number;
  /** ...and resumes when `bufferedamountlow` says it fell to this. */
  lowWaterBytes: number;
  /** Chunks read from the file at once (the sender's memory per transfer is one such slice). */
  readChunks: number;
  /** Largest incoming file offered that is not refused as too large. */
  maxIncomingBytes: number;
  /** Most incoming offers waiting or in progress at once; more are refused as busy. */
  maxIncomingTransfers: number;
  /** The receiver turns its chunks into a Blob every this many bytes (lets the browser move them out of the page's heap). */
  partBytes: number;
  progressIntervalMs: number;
  now: () => number;
  /** A SHA-256 hasher for one transfer (the page passes one that works in a Worker). */
  hasher: () => Hasher;
}

export const DEFAULT_TRANSFER_OPTIONS: Readonly<TransferOptions> = {
  chunkBytes: 64 * 1024,
  highWaterBytes: 4 * 1024 * 1024,
  lowWaterBytes: 1024 * 1024,
  readChunks: 16,
  maxIncomingBytes: 4 * 1024 ** 3,
  maxIncomingTransfers: 16,
  partBytes: 16 * 1024 * 1024,
  progressIntervalMs: 200,
  now: () => performance.now(),
  hasher: createHasher,
};

/** The fields of a transfer fixed at its offer. */
export interface TransferFields<D extends 'in' | 'out'> {
  id: string;
  direction: D;
  name: string;
  size: number;
  type: string;
}

/** The mutable state behind a transfer, shared by the sender and the receiver. */
export interface TransferCore {
  state: TransferState;
  blob: Blob | undefined;
  sha256: string | undefined;
  readonly meter: ProgressMeter;
  /** Calls `onchange` on a state change (`force`) or, throttled, on progress. */
  notify(force: boolean): void;
  /** Moves to a final state once: runs the side's cleanup, then notifies. Later calls do nothing. */
  end(outcome: Outcome, by?: 'me' | 'peer', why?: ErrorReason): void;
}

export type TransferBase<D extends 'in' | 'out'> = Omit<Transfer, 'cancel' | 'direction'> & { readonly direction: D; readonly blob: Blob | undefined };

/**
 * The state of one transfer and the read-only view of it; the side adds its
 * methods with Object.assign onto `base`, which stays the object handed out.
 */
export function createTransferCore<D extends 'in' | 'out'>(
  fields: TransferFields<D>,
  options: TransferOptions,
  cleanup: () => void,
): { core: TransferCore; base: TransferBase<D> } {
  let endedBy: 'me' | 'peer' | undefined;
  let reason: ErrorReason | undefined;
  let lastNotice = -Infinity;
  const core: TransferCore = {
    state: 'offered',
    blob: undefined,
    sha256: undefined,
    meter: createProgressMeter(fields.size),
    notify(force) {
      const at = options.now();
      if (!force && at - lastNotice < options.progressIntervalMs) return;
      lastNotice = at;
      base.onchange?.(base as unknown as Transfer);
    },
    end(outcome, by, why) {
      if (isOutcome(core.state)) return;
      core.state = outcome;
      endedBy = by;
      reason = why;
      cleanup();
      core.notify(true);
    },
  };
  const base: TransferBase<D> = {
    ...fields,
    get state() {
      return core.state;
    },
    get progress() {
      return core.meter.current;
    },
    get endedBy() {
      return endedBy;
    },
    get reason() {
      return reason;
    },
    get blob() {
      return core.blob;
    },
    get sha256() {
      return core.sha256;
    },
    onchange: null,
  };
  return { core, base };
}
