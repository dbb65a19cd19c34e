/**
 * The tutorial's payload shapes on the wire: descriptions `{type, sdp}` and
 * candidates `{type: 'candidate', label: sdpMLineIndex, id: sdpMid, candidate}`.
 * Parsers accept only what they understand and return undefined otherwise.
 */
import type { CandidateMessage, DescriptionMessage } from '../../../shared/events.js';

export function toDescription(desc: RTCSessionDescription | RTCSessionDescriptionInit): DescriptionMessage {
  return { type: desc.type as DescriptionMessage['type'], sdp: desc.sdp ?? '' };
}

export function toCandidate(c: RTCIceCandidate): CandidateMessage {
  return { type: 'candidate', label: c.sdpMLineIndex, id: c.sdpMid, candidate: c.candidate };
}

export function parseDescription(data: unknown): RTCSessionDescriptionInit | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { type, sdp } = data as Record<string, unknown>;
  if ((type === 'offer' || type === 'answer') && typeof sdp === 'string') return { type, sdp };
  return undefined;
}

export function parseCandidate(data: unknown): RTCIceCandidateInit | undefined {
  if (!data || typeof data !== 'object') return undefined;
  const { type, label, id, candidate } = data as Record<string, unknown>;
  if (type !== 'candidate' || typeof candidate !== 'string') return undefined;
  const sdpMLineIndex = typeof label === 'number' && Number.isInteger(label) && label >= 0 ? label : null;
  const sdpMid = typeof id === 'string' ? id : null;
  if (sdpMLineIndex === null && sdpMid === null) return undefined;
  return { candidate, sdpMLineIndex, sdpMid };
}

/**
 * The DTLS certificate fingerprint an SDP announces. Each RTCPeerConnection has
 * its own certificate, so a different fingerprint means a different connection.
 */
export function fingerprintOf(sdp: string | undefined): string | undefined {
  return sdp ? /^a=fingerprint:(\S+ \S+)/m.exec(sdp)?.[1]?.toUpperCase() : undefined;
}

/** True when `offer` comes from another RTCPeerConnection than the one `current` (our remote description) came from. */
export function fromAnotherConnection(offer: RTCSessionDescriptionInit, current: RTCSessionDescriptionInit | null | undefined): boolean {
  const known = fingerprintOf(current?.sdp);
  return known !== undefined && known !== fingerprintOf(offer.sdp);
}
