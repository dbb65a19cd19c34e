/**
 * Signaling payloads in the shapes the tutorial (and PeerJS) send: an ~8 KB SDP
 * offer and answer and 20 ICE candidates each way. Each carries `sentAt`, the
 * sender's monotonic clock in ms, so the receiver can measure one-way relay latency.
 */

export const SDP_BYTES = 8 * 1024;
export const CANDIDATES = 20;
/** Messages relayed per negotiation: offer + answer + candidates both ways. */
export const MESSAGES_PER_NEGOTIATION = 2 + 2 * CANDIDATES;

/** Monotonic milliseconds, comparable between processes on one machine. */
export function now(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

function makeSdp(type: 'offer' | 'answer'): string {
  const head = [
    'v=0',
    `o=- 4611731400430051336 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0 1',
    'a=extmap-allow-mixed',
    'a=msid-semantic: WMS stream',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126',
    'c=IN IP4 0.0.0.0',
    'a=ice-ufrag:Hk3r',
    'a=ice-pwd:0Xy9bQw2+5mS1o8aVzN6JdKq',
    'a=ice-options:trickle',
    'a=fingerprint:sha-256 7B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08',
    `a=setup:${type === 'offer' ? 'actpass' : 'active'}`,
    'a=mid:0',
  ];
  const lines = [...head];
  for (let pt = 96; lines.join('\r\n').length < SDP_BYTES - 200; pt++) {
    lines.push(`a=rtpmap:${pt} VP8/90000`, `a=rtcp-fb:${pt} goog-remb`, `a=rtcp-fb:${pt} transport-cc`, `a=rtcp-fb:${pt} ccm fir`);
    lines.push(`a=rtcp-fb:${pt} nack`, `a=rtcp-fb:${pt} nack pli`, `a=fmtp:${pt} level-asymmetry-allowed=1;packetization-mode=1`);
  }
  let sdp = `${lines.join('\r\n')}\r\n`;
  while (sdp.length < SDP_BYTES) sdp += 'a=ssrc:1001 cname:bench\r\n';
  return sdp.slice(0, SDP_BYTES);
}

export const OFFER_SDP = makeSdp('offer');
export const ANSWER_SDP = makeSdp('answer');

export function candidateLine(i: number): string {
  return `candidate:${842163049 + i} 1 udp ${1677729535 - i} 192.0.2.${10 + i} ${50000 + i} typ srflx raddr 10.0.0.5 rport ${50000 + i} generation 0 ufrag Hk3r network-id 1 network-cost 10`;
}

/** A JSON text with a `sentAt` slot: send `head + timestamp + tail`. */
export interface Template {
  head: string;
  tail: string;
}

const SENT_AT = '__SENT_AT__';
const SLOT = `"${SENT_AT}"`;

/** `value` holds SENT_AT where the timestamp goes. */
function template(value: object): Template {
  const text = JSON.stringify(value);
  const at = text.indexOf(SLOT);
  return { head: text.slice(0, at), tail: text.slice(at + SLOT.length) };
}

/** The learn.webrtc.com tutorial's message shapes (duet and the plain ws relay carry these). */
export const tutorial = {
  offer: template({ type: 'offer', sdp: OFFER_SDP, sentAt: SENT_AT }),
  answer: template({ type: 'answer', sdp: ANSWER_SDP, sentAt: SENT_AT }),
  candidates: Array.from({ length: CANDIDATES }, (_, i) => template({ type: 'candidate', label: 0, id: '0', candidate: candidateLine(i), sentAt: SENT_AT })),
};

/** PeerJS client shapes: {type, dst, payload: {sdp|candidate, type: 'media', connectionId}}. */
export function peerjsMessages(dst: string, connectionId: string) {
  const envelope = (type: string, payload: object) => template({ type, dst, payload: { ...payload, type: 'media', connectionId, sentAt: SENT_AT } });
  return {
    offer: envelope('OFFER', { sdp: { type: 'offer', sdp: OFFER_SDP }, browser: 'chrome', metadata: null }),
    answer: envelope('ANSWER', { sdp: { type: 'answer', sdp: ANSWER_SDP }, browser: 'chrome' }),
    candidates: Array.from({ length: CANDIDATES }, (_, i) =>
      envelope('CANDIDATE', { candidate: { candidate: candidateLine(i), sdpMLineIndex: 0, sdpMid: '0', usernameFragment: 'Hk3r' } }),
    ),
  };
}

/** The `sentAt` of a relayed frame (text search: the frame is not otherwise parsed). */
export function sentAtOf(text: string): number {
  const at = text.lastIndexOf('"sentAt":');
  return at < 0 ? NaN : parseFloat(text.slice(at + 9, at + 40));
}
