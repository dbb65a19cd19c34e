/**
 * The recording's file name and type, and reading codec ids out of a WebM file (the browser test's check).
 */
import { describe, expect, it } from 'vitest';
import { recordingName, recordingType } from '../../src/public/js/effects/recorder.js';
import { webmCodecIds } from '../support/webm.js';

/** One EBML element: id bytes, a one-byte size (or the unknown size), then its data. */
const el = (id: number[], data: number[], unknown = false) => [
  ...id,
  ...(unknown ? [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff] : [0x80 | data.length]),
  ...data,
];
const text = (s: string) => [...Buffer.from(s, 'latin1')];

describe('recording', () => {
  it('names the file after the local date and time it started', () => {
    expect(recordingName(new Date(2026, 11, 5, 7, 4))).toBe('duet-2026-12-05-0704.webm');
  });

  it('records VP9 with Opus where the browser can, else VP8, else plain WebM', () => {
    expect(recordingType(() => true)).toBe('video/webm;codecs=vp9,opus');
    expect(recordingType((type) => !type.includes('vp9'))).toBe('video/webm;codecs=vp8,opus');
    expect(recordingType((type) => type === 'video/webm')).toBe('video/webm');
    expect(recordingType(() => false)).toBe('');
  });

  it('reads the codec ids of a WebM file whose segment has an unknown size, as MediaRecorder writes it', () => {
    const header = el([0x1a, 0x45, 0xdf, 0xa3], el([0x42, 0x82], text('webm')));
    const tracks = el([0x16, 0x54, 0xae, 0x6b], [...el([0xae], [...el([0xd7], [1]), ...el([0x86], text('A_OPUS'))]), ...el([0xae], el([0x86], text('V_VP9')))]);
    const cluster = el([0x1f, 0x43, 0xb6, 0x75], [], true);
    const file = new Uint8Array([...header, ...el([0x18, 0x53, 0x80, 0x67], [...el([0x15, 0x49, 0xa9, 0x66], []), ...tracks, ...cluster], true)]);
    expect(webmCodecIds(file)).toEqual(['A_OPUS', 'V_VP9']);
  });
});
