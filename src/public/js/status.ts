/**
 * What the status line says, derived from the facts of the call (pure).
 */
import type { LinkState } from './signaling.js';

export type Status =
  | 'idle'
  | 'joining'
  | 'waiting'
  | 'connecting'
  | 'connected'
  | 'reconnecting'
  | 'left'
  | 'full'
  | 'unreachable'
  | 'offline'
  | 'ended'
  | 'error';

export interface CallFacts {
  ended: boolean;
  full: boolean;
  /** The peer connection's state, or undefined when there is no peer. */
  peer: RTCPeerConnectionState | undefined;
  link: LinkState;
  inRoom: boolean;
  otherLeft: boolean;
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
