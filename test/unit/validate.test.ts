import { describe, expect, it } from 'vitest';
import { escapeForLog } from '../../src/server/log/logger.js';
import { isRoomName } from '../../src/shared/room-name.js';
import { MAX_MESSAGE_BYTES } from '../../src/server/config/security-config.js';
import { checkPayload } from '../../src/server/socket/validate.js';
import { splitAck } from '../../src/server/socket/pipeline.js';

describe('room names', () => {
  it.each(['kitchen', 'Room-1_a.b', '会议室', '家庭聊天123', 'Привет', 'a'.repeat(64), '房'.repeat(64)])('accepts %s', (name) => {
    expect(isRoomName(name)).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['65 characters', 'a'.repeat(65)],
    ['65 Chinese characters', '房'.repeat(65)],
    ['a space', 'my room'],
    ['a slash', 'a/b'],
    ['a newline', 'a\nb'],
    ['an escape sequence', '\u001b[31mred'],
    ['a percent sign', '%2e%2e'],
    ['a number', 42],
    ['an object', { room: 'a' }],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_label, name) => {
    expect(isRoomName(name)).toBe(false);
  });
});

describe('payload check', () => {
  it('accepts the tutorial shapes and reports an estimate of their size', () => {
    expect(checkPayload({ type: 'offer', sdp: 'v=0\r\n' })).toMatchObject({ ok: true });
    expect(checkPayload({ type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host' })).toMatchObject({ ok: true });
    expect(checkPayload('bye')).toMatchObject({ ok: true });
  });

  it('refuses a payload over 64 KiB', () => {
    expect(checkPayload({ type: 'offer', sdp: 'x'.repeat(MAX_MESSAGE_BYTES) })).toEqual({ ok: false, error: 'message-too-large' });
    expect(checkPayload(Array.from({ length: 40_000 }, () => 1))).toEqual({ ok: false, error: 'message-too-large' });
  });

  it('refuses a deeply nested payload', () => {
    let deep: unknown = 'end';
    for (let i = 0; i < 100; i++) deep = { deep };
    expect(checkPayload(deep)).toEqual({ ok: false, error: 'invalid-message' });
  });

  it('counts binary attachments by their byte length', () => {
    expect(checkPayload({ blob: Buffer.alloc(MAX_MESSAGE_BYTES + 1) })).toEqual({ ok: false, error: 'message-too-large' });
    expect(checkPayload({ blob: Buffer.alloc(100) })).toMatchObject({ ok: true });
  });
});

describe('acknowledgement split', () => {
  it('takes a trailing function as the acknowledgement', () => {
    const ack = () => {};
    expect(splitAck(['room', ack])).toEqual({ params: ['room'], ack });
    expect(splitAck(['room'])).toEqual({ params: ['room'], ack: undefined });
  });
});

describe('log escaping', () => {
  it('keeps CR, LF and terminal escapes on one line', () => {
    const line = escapeForLog('evil\r\nINFO fake line\u001b[2J');
    expect(line).toBe('"evil\\u000d\\u000aINFO fake line\\u001b[2J"');
    expect(line).not.toMatch(/[\r\n\u001b]/);
  });

  it('shows non-strings by type only and cuts long strings', () => {
    expect(escapeForLog({ a: 1 })).toBe('<object>');
    expect(escapeForLog('x'.repeat(500), 10)).toBe('"xxxxxxxxxx…"');
  });
});
