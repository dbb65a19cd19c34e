/**
 * The file-transfer wire protocol: every field of every message from the
 * other peer is checked, malicious headers and names are refused or cleaned,
 * and nothing throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_CODE_POINTS, sanitizeFileName } from '../../src/public/js/files/names.js';
import {
  CHUNK_HEADER_BYTES,
  encodeChunk,
  encodeControl,
  isSize,
  MAX_CHUNK_BYTES,
  MAX_CONTROL_CHARS,
  newTransferId,
  parseChunk,
  parseControl,
  placeChunk,
  type ControlMessage,
} from '../../src/public/js/files/protocol.js';

const ID = '0123456789abcdef';
const SHA = 'a'.repeat(64);
const offer = (fields: Record<string, unknown>) => JSON.stringify({ kind: 'offer', id: ID, name: 'photo.jpg', size: 1234, type: 'image/jpeg', ...fields });
const problemOf = (raw: unknown) => {
  const parsed = parseControl(raw);
  return parsed.ok ? undefined : parsed.problem;
};

describe('control messages', () => {
  it('reads every kind of message with its fields', () => {
    const messages: ControlMessage[] = [
      { kind: 'offer', id: ID, name: '报告 final.pdf', size: 0, type: 'application/pdf' },
      { kind: 'offer', id: ID, name: 'x', size: Number.MAX_SAFE_INTEGER, type: '' },
      { kind: 'accept', id: ID },
      { kind: 'decline', id: ID },
      { kind: 'cancel', id: ID },
      { kind: 'done', id: ID, sha256: SHA },
      { kind: 'received', id: ID, sha256: SHA },
      { kind: 'error', id: ID, reason: 'too-large' },
    ];
    for (const message of messages) expect(parseControl(encodeControl(message))).toEqual({ ok: true, value: message });
  });

  it('keeps only the known fields', () => {
    expect(parseControl(JSON.stringify({ kind: 'accept', id: ID, __proto__: 1, extra: 'x' }))).toEqual({ ok: true, value: { kind: 'accept', id: ID } });
  });

  it('ignores kinds it does not know, so a newer peer can add some', () => {
    expect(problemOf(JSON.stringify({ kind: 'resume', id: ID }))).toEqual({ code: 'unknown-kind' });
    expect(problemOf(JSON.stringify({ kind: 7, id: ID }))).toEqual({ code: 'unknown-kind' });
    expect(problemOf(JSON.stringify({ id: ID }))).toEqual({ code: 'unknown-kind' });
  });

  it('refuses frames that are not a JSON object of bounded length', () => {
    expect(problemOf(new ArrayBuffer(4))).toEqual({ code: 'not-text' });
    expect(problemOf(42)).toEqual({ code: 'not-text' });
    expect(problemOf('{"kind":')).toEqual({ code: 'not-json' });
    expect(problemOf('NaN')).toEqual({ code: 'not-json' });
    for (const raw of ['null', '[]', '"offer"', '3']) expect(problemOf(raw)).toEqual({ code: 'not-object' });
    expect(problemOf(' '.repeat(MAX_CONTROL_CHARS + 1))).toEqual({ code: 'too-long' });
  });

  it('refuses ids that are not 16 lowercase hex digits', () => {
    for (const id of [
      undefined,
      '',
      '0123456789ABCDEF',
      '0123456789abcde',
      '0123456789abcdef0',
      '../../etc/passwd',
      12345,
      ['0123456789abcdef'],
      { toString: null },
    ]) {
      expect(problemOf(JSON.stringify({ kind: 'accept', id }))).toEqual({ code: 'bad-field', field: 'id' });
    }
  });

  it('refuses sizes that are negative, fractional, not numbers, infinite or beyond 2^53 − 1', () => {
    for (const size of [-1, 1.5, '10', null, true, 2 ** 53, 1e308, -0.5]) expect(problemOf(offer({ size }))).toEqual({ code: 'bad-field', field: 'size' });
    expect(problemOf(offer({}).replace('"size":1234', '"size":1e400'))).toEqual({ code: 'bad-field', field: 'size' }); // Infinity
    expect(problemOf(offer({}).replace('"size":1234', '"size":-0'))).toBeUndefined(); // -0 is a safe integer 0
    expect([isSize(NaN), isSize(Infinity), isSize(0), isSize(2 ** 53 - 1)]).toEqual([false, false, true, true]);
  });

  it('refuses names that are missing, empty or longer than 255 code points, and a 10,000-character name outright', () => {
    for (const name of [undefined, '', 5, ['a'], 'n'.repeat(MAX_NAME_CODE_POINTS + 1), '😀'.repeat(256)]) {
      expect(problemOf(offer({ name }))).toEqual({ code: 'bad-field', field: 'name' });
    }
    expect(problemOf(offer({ name: '😀'.repeat(255) }))).toBeUndefined(); // 510 UTF-16 units, 255 code points
    expect(problemOf(offer({ name: 'x'.repeat(10_000) }))).toEqual({ code: 'too-long' });
  });

  it('accepts names with separators or controls as offered, leaving their cleaning to the saved name', () => {
    for (const name of ['../../.bashrc', 'C:\\Windows\\evil.dll', 'a\u0000b', 'invoice\u202Efdp.exe']) {
      const parsed = parseControl(offer({ name }));
      expect(parsed.ok && parsed.value.kind === 'offer' && parsed.value.name).toBe(name);
    }
  });

  it('refuses media types that are not type/subtype', () => {
    for (const type of [undefined, 5, 'text/html; charset=utf-8', 'image', 'a/b/c', '<script>', `a/${'b'.repeat(127)}`]) {
      expect(problemOf(offer({ type }))).toEqual({ code: 'bad-field', field: 'type' });
    }
    const parsed = parseControl(offer({ type: 'Image/JPEG' }));
    expect(parsed.ok && parsed.value.kind === 'offer' && parsed.value.type).toBe('image/jpeg');
  });

  it('refuses hashes that are not 64 lowercase hex digits and reasons it does not know', () => {
    for (const sha256 of [undefined, 'A'.repeat(64), 'a'.repeat(63), 'a'.repeat(65), 0, 'z'.repeat(64)]) {
      expect(problemOf(JSON.stringify({ kind: 'done', id: ID, sha256 }))).toEqual({ code: 'bad-field', field: 'sha256' });
      expect(problemOf(JSON.stringify({ kind: 'received', id: ID, sha256 }))).toEqual({ code: 'bad-field', field: 'sha256' });
    }
    for (const reason of [undefined, 'boom', 'constructor', 1])
      expect(problemOf(JSON.stringify({ kind: 'error', id: ID, reason }))).toEqual({ code: 'bad-field', field: 'reason' });
  });

  it('never throws, whatever text arrives', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json(),
          fc.jsonValue().map((v) => JSON.stringify({ kind: 'offer', id: ID, name: v, size: v, type: v })),
        ),
        (raw) => {
          parseControl(raw);
        },
      ),
    );
  });
});

describe('chunk frames', () => {
  it('carry the transfer id, the offset up to 2^53 − 1 and the bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 8 }), fc.maxSafeNat(), fc.uint8Array({ minLength: 1, maxLength: 300 }), (idBytes, offset, bytes) => {
        const id = newTransferId(() => idBytes);
        const parsed = parseChunk(encodeChunk(id, offset, bytes));
        expect(parsed).toEqual({ ok: true, value: { id, offset, bytes } });
      }),
    );
  });

  it('are read from a Uint8Array view with its own offset as well as from an ArrayBuffer', () => {
    const frame = new Uint8Array(encodeChunk(ID, 5, new Uint8Array([9, 8, 7])));
    const padded = new Uint8Array(frame.length + 10);
    padded.set(frame, 10);
    expect(parseChunk(padded.subarray(10))).toEqual({ ok: true, value: { id: ID, offset: 5, bytes: new Uint8Array([9, 8, 7]) } });
  });

  it('refuse text, short headers, a wrong tag, empty and oversized payloads', () => {
    const frame = (tag: number, payload: number) => {
      const f = new Uint8Array(encodeChunk(ID, 0, new Uint8Array(payload)));
      f[0] = tag;
      return f.buffer;
    };
    expect(parseChunk('hello')).toEqual({ ok: false, problem: { code: 'not-binary' } });
    expect(parseChunk(null)).toEqual({ ok: false, problem: { code: 'not-binary' } });
    expect(parseChunk(new ArrayBuffer(CHUNK_HEADER_BYTES - 1))).toEqual({ ok: false, problem: { code: 'bad-header' } });
    expect(parseChunk(frame(0x02, 4))).toEqual({ ok: false, problem: { code: 'bad-header' } });
    expect(parseChunk(frame(0x01, 0))).toEqual({ ok: false, problem: { code: 'empty-chunk' } });
    expect(parseChunk(frame(0x01, MAX_CHUNK_BYTES + 1))).toEqual({ ok: false, problem: { code: 'chunk-too-big' } });
    expect(parseChunk(frame(0x01, MAX_CHUNK_BYTES)).ok).toBe(true);
  });

  it('refuse an offset at or beyond 2^53 (it could not be held exactly)', () => {
    const f = new Uint8Array(encodeChunk(ID, 0, new Uint8Array(1)));
    new DataView(f.buffer).setUint32(9, 2 ** 21);
    expect(parseChunk(f.buffer)).toEqual({ ok: false, problem: { code: 'bad-header', field: 'offset' } });
    new DataView(f.buffer).setUint32(9, 0xffffffff);
    expect(parseChunk(f.buffer)).toEqual({ ok: false, problem: { code: 'bad-header', field: 'offset' } });
  });

  it('must start where the bytes so far end and stay within the offered size', () => {
    const chunk = (offset: number, length: number) => ({ id: ID, offset, bytes: new Uint8Array(length) });
    expect(placeChunk(0, 10, chunk(0, 10))).toBeUndefined();
    expect(placeChunk(4, 10, chunk(4, 6))).toBeUndefined();
    expect(placeChunk(4, 10, chunk(0, 4))).toBe('out-of-order'); // overlapping: sent again
    expect(placeChunk(4, 10, chunk(2, 4))).toBe('out-of-order'); // overlapping part
    expect(placeChunk(4, 10, chunk(6, 4))).toBe('out-of-order'); // a gap
    expect(placeChunk(4, 10, chunk(4, 7))).toBe('beyond-size'); // more data than announced
    expect(placeChunk(10, 10, chunk(10, 1))).toBe('beyond-size');
    expect(placeChunk(0, 0, chunk(0, 1))).toBe('beyond-size');
  });

  it('never throw, whatever bytes arrive', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        parseChunk(bytes.buffer);
      }),
    );
  });
});

describe('the saved name', () => {
  it.each([
    ['../../.bashrc', '_.._.bashrc'],
    ['..', 'file'],
    ['...', 'file'],
    ['.hidden', 'hidden'],
    ['C:\\Windows\\evil.dll', 'C__Windows_evil.dll'],
    ['/etc/passwd', '_etc_passwd'],
    ['a\u0000b\u0007c\u007f\u009f.txt', 'abc.txt'],
    ['invoice\u202Efdp.exe', 'invoicefdp.exe'],
    ['\u2067bidi\u2069\u200F\u061C.txt', 'bidi.txt'],
    ['zero\u200Bwidth\uFEFF.txt', 'zerowidth.txt'],
    ['a<b>c:d"e|f?g*h', 'a_b_c_d_e_f_g_h'],
    ['CON', '_CON'],
    ['nul.txt', '_nul.txt'],
    ['com1', '_com1'],
    ['console.log', 'console.log'],
    ['name. . .', 'name'],
    ['  spaced.txt  ', 'spaced.txt'],
    ['\u0000\u202E', 'file'],
    ['报告 2024.pdf', '报告 2024.pdf'],
  ])('saves %j as %j', (offered, saved) => {
    expect(sanitizeFileName(offered)).toBe(saved);
  });

  it('is never empty, never longer than 255 code points, never has a separator, control or leading dot', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 600 }), (name) => {
        const saved = sanitizeFileName(name);
        expect(saved.length).toBeGreaterThan(0);
        expect([...saved].length).toBeLessThanOrEqual(MAX_NAME_CODE_POINTS);
        expect(saved).not.toMatch(/[/\\\u0000-\u001f\u202a-\u202e\u2066-\u2069]|^\.|[.\s]$/u);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a 10,000-character name to 255 code points', () => {
    expect(sanitizeFileName('x'.repeat(10_000))).toBe('x'.repeat(255));
    expect([...sanitizeFileName('😀'.repeat(300))].length).toBe(255);
  });
});
