/**
 * The page's pure modules, without a browser: the tutorial's payload shapes,
 * data-channel message checks and generated room names.
 */
import { describe, expect, it } from 'vitest';
import { parseChannelMessage } from '../../src/public/js/session/channel.js';
import { generateRoomName, isRoomName, ROOM_NAME_BITS, roomFromPath } from '../../src/public/js/room/roomname.js';
import { START_PIXELS, startScale } from '../../src/public/js/session/startsize.js';
import { deriveStatus, type CallFacts } from '../../src/public/js/session/status.js';
import { fingerprintOf, fromAnotherConnection, parseCandidate, parseDescription } from '../../src/public/js/session/wire.js';

describe('the tutorial payload shapes', () => {
  it('reads a description as {type, sdp}', () => {
    expect(parseDescription({ type: 'offer', sdp: 'v=0' })).toEqual({ type: 'offer', sdp: 'v=0' });
    expect(parseDescription({ type: 'answer', sdp: 'v=0', extra: 1 })).toEqual({ type: 'answer', sdp: 'v=0' });
  });

  it('reads a candidate as {type: "candidate", label, id, candidate}', () => {
    expect(parseCandidate({ type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host' })).toEqual({
      candidate: 'candidate:1 1 udp 1 127.0.0.1 5000 typ host',
      sdpMLineIndex: 0,
      sdpMid: '0',
    });
  });

  it('ignores the chatter and junk a tutorial client may send', () => {
    for (const junk of [
      'got user media',
      'bye',
      null,
      42,
      { type: 'offer' },
      { type: 'candidate', candidate: 'c' },
      { type: 'candidate', label: -1, id: 5, candidate: 'c' },
    ]) {
      expect(parseDescription(junk)).toBeUndefined();
      expect(parseCandidate(junk)).toBeUndefined();
    }
  });
});

describe('telling peer connections apart', () => {
  const sdp = (fp: string) => `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 ${fp}\r\na=setup:actpass\r\n`;
  it('reads the DTLS fingerprint an SDP announces', () => {
    expect(fingerprintOf(sdp('AB:CD:EF'))).toBe('SHA-256 AB:CD:EF');
    expect(fingerprintOf('v=0\r\n')).toBeUndefined();
    expect(fingerprintOf(undefined)).toBeUndefined();
  });

  it('sees an offer from a new connection, but not a renegotiation or ICE restart of the same one', () => {
    const current = { type: 'answer' as const, sdp: sdp('AB:CD:EF') };
    expect(fromAnotherConnection({ type: 'offer', sdp: sdp('12:34:56') }, current)).toBe(true);
    expect(fromAnotherConnection({ type: 'offer', sdp: sdp('ab:cd:ef') }, current)).toBe(false);
    expect(fromAnotherConnection({ type: 'offer', sdp: sdp('12:34:56') }, null)).toBe(false); // nothing negotiated yet
  });
});

describe('data channel messages', () => {
  it('accepts chat and state messages', () => {
    expect(parseChannelMessage('{"kind":"chat","text":"hi","time":1}')).toEqual({ kind: 'chat', text: 'hi', time: 1 });
    expect(parseChannelMessage('{"kind":"state","muted":true,"cameraOff":false,"screen":false}')).toEqual({
      kind: 'state',
      muted: true,
      cameraOff: false,
      screen: false,
      audioOnly: false, // a page from before audio only sends no flag: read as "not audio only"
    });
  });

  it('drops malformed, oversized or unknown messages', () => {
    for (const raw of [
      'not json',
      '{"kind":"chat","text":5,"time":1}',
      '{"kind":"eval"}',
      JSON.stringify({ kind: 'chat', text: 'x'.repeat(5000), time: 1 }),
      7,
    ]) {
      expect(parseChannelMessage(raw)).toBeUndefined();
    }
  });
});

describe('generated room names', () => {
  it('are valid, readable and carry at least 64 bits', () => {
    expect(ROOM_NAME_BITS).toBeGreaterThanOrEqual(64);
    const names = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const name = generateRoomName();
      expect(name).toMatch(/^([bdfghjklmnprstvz][aeiou]){3}(-([bdfghjklmnprstvz][aeiou]){3}){3}$/);
      expect(isRoomName(name)).toBe(true);
      names.add(name);
    }
    expect(names.size).toBe(200);
  });

  it('are read back from the room link', () => {
    expect(roomFromPath('/r/kitchen-table')).toBe('kitchen-table');
    expect(roomFromPath(`/r/${encodeURIComponent('家庭聚会')}`)).toBe('家庭聚会');
    expect(roomFromPath('/r/bad%20name')).toBeUndefined();
    expect(roomFromPath('/r/%E0%A4%A')).toBeUndefined();
  });
});

describe('the status line', () => {
  const base: CallFacts = { ended: false, full: false, peer: undefined, link: 'connected', inRoom: true, otherLeft: false };
  it.each<[string, Partial<CallFacts>, string]>([
    ['waiting alone in the room', {}, 'waiting'],
    ['the other person left', { otherLeft: true }, 'left'],
    ['a call being set up', { peer: 'connecting' }, 'connecting'],
    ['a call in progress', { peer: 'connected' }, 'connected'],
    ['a call whose server went away', { peer: 'connected', link: 'lost' }, 'offline'],
    ['a call whose network dropped', { peer: 'disconnected' }, 'reconnecting'],
    ['a server that cannot be reached', { link: 'unreachable', inRoom: false }, 'unreachable'],
    ['a full room', { full: true }, 'full'],
    ['after hanging up', { ended: true, peer: 'connected' }, 'ended'],
  ])('says the right thing for %s', (_label, facts, expected) => {
    expect(deriveStatus({ ...base, ...facts })).toBe(expected);
  });
});

describe('the size our video starts at', () => {
  it('starts a 720p or 1080p camera at about VGA pixel count', () => {
    for (const [w, h] of [
      [1280, 720],
      [1920, 1080],
    ] as const) {
      const scale = startScale(w, h);
      expect(scale).toBeGreaterThan(1);
      expect((w / scale) * (h / scale)).toBeLessThanOrEqual(START_PIXELS);
      expect((w / scale) * (h / scale)).toBeGreaterThan(START_PIXELS * 0.98);
    }
  });

  it('leaves a VGA or smaller camera, or one of unknown size, at full size', () => {
    expect(startScale(640, 480)).toBe(1);
    expect(startScale(320, 240)).toBe(1);
    expect(startScale(undefined, undefined)).toBe(1);
  });
});
