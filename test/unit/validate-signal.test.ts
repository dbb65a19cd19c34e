import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../src/server/config/security-config.js';
import { checkSignal } from '../../src/server/socket/validate.js';

const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

describe('signal payload checks', () => {
  it('accepts the tutorial descriptions and candidates', () => {
    expect(checkSignal({ type: 'offer', sdp: SDP }).ok).toBe(true);
    expect(checkSignal({ type: 'answer', sdp: SDP }).ok).toBe(true);
    expect(checkSignal({ type: 'rollback', sdp: '' }).ok).toBe(true);
    expect(checkSignal({ type: 'rollback' }).ok).toBe(true);
    expect(checkSignal({ type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host' }).ok).toBe(true);
    expect(checkSignal({ type: 'candidate', label: null, id: null, candidate: '' }).ok).toBe(true);
  });

  it("relays other reasonable payloads untouched, like the tutorial's strings", () => {
    expect(checkSignal('got user media').ok).toBe(true);
    expect(checkSignal('bye').ok).toBe(true);
    expect(checkSignal({ type: 'chat', text: 'hello' }).ok).toBe(true);
    expect(checkSignal([1, 'two', { three: 3 }]).ok).toBe(true);
  });

  it('refuses a description without a string sdp', () => {
    expect(checkSignal({ type: 'offer' })).toEqual({ ok: false, error: 'invalid-message' });
    expect(checkSignal({ type: 'answer', sdp: 42 })).toEqual({ ok: false, error: 'invalid-message' });
    expect(checkSignal({ type: 'offer', sdp: { nested: SDP } })).toEqual({ ok: false, error: 'invalid-message' });
  });

  it('refuses an sdp over the size cap', () => {
    expect(checkSignal({ type: 'offer', sdp: 'a'.repeat(MAX_MESSAGE_BYTES) })).toEqual({ ok: false, error: 'message-too-large' });
  });

  it('refuses candidates with insane field types', () => {
    const good = { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1' };
    expect(checkSignal({ ...good, label: '0' }).ok).toBe(false);
    expect(checkSignal({ ...good, label: -1 }).ok).toBe(false);
    expect(checkSignal({ ...good, label: 1.5 }).ok).toBe(false);
    expect(checkSignal({ ...good, id: 7 }).ok).toBe(false);
    expect(checkSignal({ ...good, id: 'x'.repeat(300) }).ok).toBe(false);
    expect(checkSignal({ ...good, candidate: { candidate: 'x' } }).ok).toBe(false);
    expect(checkSignal({ ...good, candidate: 'c'.repeat(5000) }).ok).toBe(false);
  });

  it('does not take shape fields from the prototype', () => {
    const sneaky: unknown = Object.assign(Object.create({ sdp: 'v=0' }) as object, { type: 'offer' });
    expect(checkSignal(sneaky)).toEqual({ ok: false, error: 'invalid-message' });
  });

  it('refuses deep nesting and too many binary attachments', () => {
    let deep: unknown = 'leaf';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(checkSignal(deep)).toEqual({ ok: false, error: 'invalid-message' });
    const buffers = Array.from({ length: 9 }, () => Buffer.alloc(1));
    expect(checkSignal({ type: 'blob', parts: buffers })).toEqual({ ok: false, error: 'invalid-message' });
    expect(checkSignal({ type: 'blob', parts: buffers.slice(0, 2) }).ok).toBe(true);
  });

  it('refuses a wide object as too large without walking all of it', () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 50_000; i++) wide[`k${i}`] = i;
    expect(checkSignal(wide)).toEqual({ ok: false, error: 'message-too-large' });
  });
});
