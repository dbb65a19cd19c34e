/**
 * What the status line says, derived from the facts of the call (pure). An
 * error (the server refused something) or a notice (a local action failed) is
 * a fact too: it is shown while the status it was raised under lasts, and
 * forgotten at the next meaningful change, never overwritten by a mere tick.
 */
import type { Key } from '../i18n/strings-en.js';
import type { LinkState } from './signaling.js';

export type Status =
  'idle' | 'joining' | 'waiting' | 'connecting' | 'connected' | 'reconnecting' | 'left' | 'full' | 'unreachable' | 'offline' | 'ended' | 'error';

/** Something to tell the user besides the call's state. */
export type Note = { kind: 'error'; detail: string } | { kind: 'notice'; key: Key };

export interface CallFacts {
  ended: boolean;
  full: boolean;
  /** The peer connection's state, or undefined when there is no peer. */
  peer: RTCPeerConnectionState | undefined;
  link: LinkState;
  inRoom: boolean;
  otherLeft: boolean;
  /** The latest note and the status it was raised under. */
  note?: { note: Note; under: Status };
}

/** The status line: `status` for styling (`data-state`), `key` and `detail` for the words. */
export interface StatusLine {
  status: Status;
  key: Key;
  detail: string;
}

export function deriveStatus(f: CallFacts): Status {
  if (f.ended) return 'ended';
  if (f.full) return 'full';
  if (f.peer) {
    if (f.peer === 'connected') return f.link === 'connected' ? 'connected' : 'offline';
    if (f.peer === 'disconnected' || f.peer === 'failed') return 'reconnecting';
    return 'connecting';
  }
  if (f.link === 'unreachable') return 'unreachable';
  if (!f.inRoom || f.link !== 'connected') return 'joining';
  return f.otherLeft ? 'left' : 'waiting';
}

/** The facts with `note` attached to the current status. */
export function withNote(f: CallFacts, note: Note): CallFacts {
  return { ...f, note: { note, under: deriveStatus(f) } };
}

/** The facts without a note whose status has since changed. */
export function settle(f: CallFacts): CallFacts {
  return f.note && f.note.under !== deriveStatus(f) ? { ...f, note: undefined } : f;
}

export function statusLine(f: CallFacts): StatusLine {
  const status = deriveStatus(f);
  const note = f.note?.under === status ? f.note.note : undefined;
  if (note?.kind === 'error') return { status: 'error', key: 'status.error', detail: note.detail };
  if (note?.kind === 'notice') return { status, key: note.key, detail: '' };
  return { status, key: `status.${status}`, detail: '' };
}

/** Before joining: the page asks to check camera and microphone. */
export const IDLE_LINE: StatusLine = { status: 'idle', key: 'status.idle', detail: '' };
