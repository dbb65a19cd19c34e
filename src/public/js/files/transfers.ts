/**
 * Every file transfer of a call over the one "files" data channel: sends
 * offers, routes each message from the peer to its transfer, and ends them all
 * as "connection lost" when the channel closes. The wiring does
 * `dc.binaryType = 'arraybuffer'`, `dc.onmessage = (e) => files.receive(e.data)`
 * and `dc.onclose = () => files.lost()` (and `files.lost()` when the peer
 * connection closes); the router owns `onbufferedamountlow` and
 * `bufferedAmountLowThreshold`.
 */
import { sanitizeFileName } from './names.js';
import { isMimeType, MAX_CHUNK_BYTES, newTransferId, parseChunk, parseControl, type Problem } from './protocol.js';
import { createIncoming, type IncomingTransfer } from './receiver.js';
import { createOutgoing, createPacer, type FileLike, type OutgoingTransfer } from './sender.js';
import { DEFAULT_TRANSFER_OPTIONS, type FileChannel, type TransferOptions } from './transfer.js';

export type TransferProblem = Problem | { code: 'unknown-id' | 'duplicate-id' };

export interface FileTransfers {
  /** Offers a file to the peer; `name` and `type` are cleaned before they travel. */
  send(file: FileLike, name: string, type?: string): OutgoingTransfer;
  /** Feeds one message from the channel (text or binary). */
  receive(data: unknown): void;
  /** The channel closed: every live transfer ends as connection-lost. */
  lost(): void;
  readonly live: ReadonlyArray<OutgoingTransfer | IncomingTransfer>;
  /** A new offer from the peer (possibly already refused as too large). */
  onincoming: ((transfer: IncomingTransfer) => void) | null;
  /** A message that was dropped, for a debug log; never shown to the person. */
  onproblem: ((problem: TransferProblem) => void) | null;
}

export function createFileTransfers(channel: FileChannel, overrides: Partial<TransferOptions> = {}): FileTransfers {
  const merged = { ...DEFAULT_TRANSFER_OPTIONS, ...overrides };
  const options: TransferOptions = { ...merged, chunkBytes: Math.max(1, Math.min(MAX_CHUNK_BYTES, Math.floor(merged.chunkBytes))) };
  const outgoing = new Map<string, OutgoingTransfer>();
  const incoming = new Map<string, IncomingTransfer>();
  const pacer = createPacer(channel, options);
  let closed = false;
  const send = (data: string | ArrayBuffer): boolean => {
    if (closed) return false;
    try {
      if (typeof data === 'string') channel.send(data);
      else channel.send(data);
      return true;
    } catch {
      return false; // the channel closed under us; its close event follows
    }
  };
  const problem = (p: TransferProblem) => files.onproblem?.(p);

  const files: FileTransfers = {
    send(file, name, type = '') {
      const offer = { id: newTransferId(), name: sanitizeFileName(name), type: isMimeType(type) ? type.toLowerCase() : '' };
      const transfer = createOutgoing(file, offer, { send, pacer, options, ended: (t) => outgoing.delete(t.id) });
      if (transfer.state === 'offered') outgoing.set(transfer.id, transfer);
      return transfer;
    },
    receive(data) {
      if (typeof data !== 'string') {
        const chunk = parseChunk(data);
        if (!chunk.ok) return problem(chunk.problem);
        const target = incoming.get(chunk.value.id);
        return target ? target.handleChunk(chunk.value) : problem({ code: 'unknown-id' });
      }
      const parsed = parseControl(data);
      if (!parsed.ok) return problem(parsed.problem);
      const message = parsed.value;
      if (message.kind === 'offer') {
        if (incoming.has(message.id) || outgoing.has(message.id)) return problem({ code: 'duplicate-id' });
        const refuse = message.size > options.maxIncomingBytes ? 'too-large' : incoming.size >= options.maxIncomingTransfers ? 'busy' : undefined;
        const transfer = createIncoming(message, { send, options, ended: (t) => incoming.delete(t.id) }, refuse);
        if (!refuse) incoming.set(message.id, transfer);
        if (refuse !== 'busy') files.onincoming?.(transfer);
        return;
      }
      const toOutgoing = message.kind === 'accept' || message.kind === 'decline' || message.kind === 'received';
      const target = toOutgoing
        ? outgoing.get(message.id)
        : message.kind === 'done'
          ? incoming.get(message.id)
          : (outgoing.get(message.id) ?? incoming.get(message.id));
      return target ? target.handle(message) : problem({ code: 'unknown-id' });
    },
    lost() {
      closed = true;
      for (const transfer of [...outgoing.values(), ...incoming.values()]) transfer.lost();
      pacer.wakeAll();
    },
    get live() {
      return [...outgoing.values(), ...incoming.values()];
    },
    onincoming: null,
    onproblem: null,
  };
  return files;
}
