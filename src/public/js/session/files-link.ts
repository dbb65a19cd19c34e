/**
 * The call's file transfers, with no DOM access: takes over the "files" data
 * channel of each new connection (peer.ts creates it next to the chat channel),
 * raises every offer from the other person and whether files can be sent, and
 * ends every live transfer as "connection lost" when the channel closes or the
 * connection is dropped.
 */
import { createHasher } from '../files/hash.js';
import { createWorkerHasher } from '../files/hash-client.js';
import type { IncomingTransfer } from '../files/receiver.js';
import type { OutgoingTransfer } from '../files/sender.js';
import type { TransferOptions } from '../files/transfer.js';
import { createFileTransfers, type FileTransfers } from '../files/transfers.js';

/** What the link raises (part of the session's events). */
export interface FilesEvents {
  /** The other person offers a file (already refused when too large for this page). */
  fileOffer: IncomingTransfer;
  /** Whether files can be sent (the files channel is open). */
  filesAvailable: boolean;
}

/** A file as picked or dropped: a Blob with its name and media type. */
export interface PickedFile extends Blob {
  readonly name: string;
}

export interface FilesLink {
  /** Takes over the files channel of a new connection (dropping the previous one). */
  attach(dc: RTCDataChannel): void;
  /** The connection is gone: every live transfer ends as connection-lost. */
  drop(): void;
  /** Offers a file to the other person; undefined while no files channel is open. */
  send(file: PickedFile): OutgoingTransfer | undefined;
  readonly available: boolean;
}

type Emit = <K extends keyof FilesEvents>(event: K, value: FilesEvents[K]) => void;

/** SHA-256 in a Worker where there are workers, so hashing never holds up the call. */
const pageHasher = () => (typeof Worker === 'function' ? createWorkerHasher() : createHasher());

/** `raise` is the session's emit (whose events include FilesEvents). */
export function createFilesLink<E extends FilesEvents>(
  raise: <K extends keyof E>(event: K, value: E[K]) => void,
  options: Partial<TransferOptions> = {},
): FilesLink {
  const emit = raise as unknown as Emit;
  let current: { dc: RTCDataChannel; files: FileTransfers } | undefined;

  const end = (link: typeof current) => {
    if (!link || current !== link) return;
    current = undefined;
    link.dc.onmessage = link.dc.onopen = link.dc.onclose = null;
    link.files.lost();
    emit('filesAvailable', false);
  };

  return {
    attach(dc) {
      end(current);
      dc.binaryType = 'arraybuffer';
      const files = createFileTransfers(dc, { hasher: pageHasher, ...options });
      const link = { dc, files };
      current = link;
      files.onincoming = (transfer) => emit('fileOffer', transfer);
      files.onproblem = (problem) => console.warn(`duet: ignored a file message from the other person (${problem.code})`);
      dc.onmessage = (event) => files.receive(event.data);
      dc.onopen = () => void (current === link && emit('filesAvailable', true));
      dc.onclose = () => end(link);
      if (dc.readyState === 'open') queueMicrotask(() => current === link && emit('filesAvailable', true));
    },
    drop: () => end(current),
    send(file) {
      if (!current || current.dc.readyState !== 'open') return undefined;
      return current.files.send(file, file.name, file.type);
    },
    get available() {
      return current?.dc.readyState === 'open';
    },
  };
}
