/**
 * Opus with in-band FEC in the descriptions we send (session/opus.ts): the line is added or completed
 * on every Opus payload type, and nothing else in the description changes.
 */
import { describe, expect, it } from 'vitest';
import { withOpusFec } from '../../src/public/js/session/opus.js';

const sdp = (lines: string[]) => `${lines.join('\r\n')}\r\n`;
const audio = ['v=0', 'm=audio 9 UDP/TLS/RTP/SAVPF 111 0', 'a=rtpmap:111 opus/48000/2', 'a=rtcp-fb:111 transport-cc'];

describe('Opus in-band FEC in the descriptions we send', () => {
  it('keeps a description that asks for it already unchanged', () => {
    const text = sdp([...audio, 'a=fmtp:111 minptime=10;useinbandfec=1', 'a=rtpmap:0 PCMU/8000']);
    expect(withOpusFec(text)).toBe(text);
  });

  it('adds it to an Opus fmtp line without it, and turns useinbandfec=0 on', () => {
    expect(withOpusFec(sdp([...audio, 'a=fmtp:111 minptime=10']))).toBe(sdp([...audio, 'a=fmtp:111 minptime=10;useinbandfec=1']));
    expect(withOpusFec(sdp([...audio, 'a=fmtp:111 useinbandfec=0;stereo=1']))).toBe(sdp([...audio, 'a=fmtp:111 stereo=1;useinbandfec=1']));
  });

  it('adds an fmtp line where Opus has none, keeping the line ends', () => {
    expect(withOpusFec(sdp(audio))).toBe(sdp([audio[0]!, audio[1]!, audio[2]!, 'a=fmtp:111 useinbandfec=1', audio[3]!]));
    expect(withOpusFec('a=rtpmap:109 opus/48000/2\n')).toBe('a=rtpmap:109 opus/48000/2\na=fmtp:109 useinbandfec=1\n');
  });

  it('leaves a description without Opus alone', () => {
    const text = sdp(['v=0', 'm=video 9 UDP/TLS/RTP/SAVPF 96', 'a=rtpmap:96 VP8/90000', 'a=fmtp:96 x=1']);
    expect(withOpusFec(text)).toBe(text);
  });
});
