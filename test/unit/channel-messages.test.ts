/**
 * Red-team round 2, D8 (docs/security.md): every field of every data-channel message is checked with sane
 * ranges; a bad one is refused with a reason, never an exception.
 */
import { describe, expect, it } from 'vitest';
import { checkChannelMessage, MAX_CHAT_TIME } from '../../src/public/js/session/channel.js';

const now = Date.UTC(2026, 11, 1);

describe('data-channel message check', () => {
  it.each([
    [{ kind: 'hello', name: 'Ada' }],
    [{ kind: 'hello', name: '' }],
    [{ kind: 'state', muted: true, cameraOff: false, screen: true, audioOnly: false }],
    [{ kind: 'state', muted: false, cameraOff: false, screen: false, audioOnly: true }],
    [{ kind: 'link', poor: true }],
    [{ kind: 'link', poor: false }],
    [{ kind: 'chat', text: '你好', time: now }],
    [{ kind: 'chat', text: 'x', time: 0 }],
    [{ kind: 'chat', text: 'x', time: MAX_CHAT_TIME }],
    [{ kind: 'recording', on: true }],
    [{ kind: 'recording', on: false }],
    [{ kind: 'bye' }],
    [{ kind: 'ping' }],
    [{ kind: 'pong' }],
  ])('accepts %j', (message) => {
    expect(checkChannelMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it('reads a state without the audio-only flag (pages before it) as not audio only', () => {
    expect(checkChannelMessage(JSON.stringify({ kind: 'state', muted: true, cameraOff: false, screen: true }))).toEqual({
      ok: true,
      message: { kind: 'state', muted: true, cameraOff: false, screen: true, audioOnly: false },
    });
  });

  it.each([
    ['a string audio-only flag', { kind: 'state', muted: true, cameraOff: false, screen: true, audioOnly: 'yes' }],
    ['a missing link flag', { kind: 'link' }],
    ['a number link flag', { kind: 'link', poor: 1 }],
  ])('refuses %s', (_, message) => {
    expect(checkChannelMessage(JSON.stringify(message)).ok).toBe(false);
  });

  it('keeps only the known fields', () => {
    expect(checkChannelMessage(JSON.stringify({ kind: 'chat', text: 'x', time: now, html: '<b>' }))).toEqual({
      ok: true,
      message: { kind: 'chat', text: 'x', time: now },
    });
  });

  it.each([
    ['a time Date cannot show', '{"kind":"chat","text":"x","time":1e300}'],
    ['a time past 2100', JSON.stringify({ kind: 'chat', text: 'x', time: MAX_CHAT_TIME + 1 })],
    ['a negative time', '{"kind":"chat","text":"x","time":-1}'],
    ['a string time', '{"kind":"chat","text":"x","time":"1"}'],
    ['a missing time', '{"kind":"chat","text":"x"}'],
    ['a null time', '{"kind":"chat","text":"x","time":null}'],
    ['an empty text', '{"kind":"chat","text":"","time":1}'],
    ['a 2001-character text', JSON.stringify({ kind: 'chat', text: 'x'.repeat(2001), time: 1 })],
    ['a text that is an object', '{"kind":"chat","text":{"toString":1},"time":1}'],
    ['a 41-character name', JSON.stringify({ kind: 'hello', name: 'n'.repeat(41) })],
    ['a name that is an array', '{"kind":"hello","name":["a"]}'],
    ['a flag that is a string', '{"kind":"state","muted":"true","cameraOff":false,"screen":false}'],
    ['a missing flag', '{"kind":"state","muted":true,"cameraOff":false}'],
    ['a recording flag that is a string', '{"kind":"recording","on":"yes"}'],
    ['a missing recording flag', '{"kind":"recording"}'],
    ['an unknown kind', '{"kind":"eval"}'],
    ['a kind only inherited', '{"__proto__":{"kind":"bye"}}'],
    ['a kind that is not a string', '{"kind":["bye"]}'],
    ['an array', '[{"kind":"bye"}]'],
    ['null', 'null'],
    ['a number', '7'],
    ['broken JSON', '{"kind":'],
    ['an oversized frame', ' '.repeat(8001)],
    ['a binary frame', new ArrayBuffer(8)],
    ['nothing', undefined],
  ])('refuses %s with a reason and without throwing', (_label, raw) => {
    const check = checkChannelMessage(raw);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(/\w/);
  });
});
