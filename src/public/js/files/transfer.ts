/**
 * What the sending and receiving state machines share: the minimal data-channel
 * surface they use (an RTCDataChannel fits it; tests pass a fake), the states
 * and outcomes a view shows, and the options both read.
 */
import type { ErrorReason } from './protocol.js';
import type { Progress } from './progress.js';

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
/** `offered`: waiting for the receiver; `transferring`: bytes moving; `verifying`: sender waits for the receiver's hash. */
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
};

/** Calls `onchange` on state changes and, throttled, on progress. */
export function changeNotifier(transfer: Transfer, intervalMs: number, now: () => number): (force: boolean) => void {
  let last = -Infinity;
  return (force) => {
    const at = now();
    if (!force && at - last < intervalMs) return;
    last = at;
    transfer.onchange?.(transfer);
  };
}
