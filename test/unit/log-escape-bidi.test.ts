import { describe, expect, it } from 'vitest';
import { escapeForLog } from '../../src/server/log/logger.js';

/** Bidi controls, invisible and format characters, separators and C1 controls. */
const INVISIBLE = [
  0x00ad, 0x061c, 0x180e, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066,
  0x2067, 0x2068, 0x2069, 0x206a, 0x206f, 0xfeff, 0xfff9, 0xfffa, 0xfffb, 0x2028, 0x2029, 0x0085, 0x0080, 0x009b, 0x009f, 0x007f,
];

describe('escapeForLog and invisible characters', () => {
  it.each(INVISIBLE.map((code) => [code.toString(16).padStart(4, '0')]))('writes U+%s as an escape', (hex) => {
    const ch = String.fromCodePoint(parseInt(hex, 16));
    expect(escapeForLog(`a${ch}b`)).toBe(`"a\\u${hex}b"`);
  });

  it('leaves no Cf, Cc, Zl, Zp or lone surrogate in the line', () => {
    let all = '';
    for (let code = 0; code <= 0x10ffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const ch = String.fromCodePoint(code);
      if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) all += ch;
    }
    all += '\ud800x\udfff';
    const line = escapeForLog(all, all.length);
    expect(line).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
  });

  it('writes characters above the BMP (tags) as \\u{...}', () => {
    expect(escapeForLog('x\u{e0001}\u{e0041}y')).toBe('"x\\u{e0001}\\u{e0041}y"');
  });

  it('shows a spoofing room name in logical order, visibly escaped', () => {
    expect(escapeForLog('invoice\u202egnp.exe')).toBe('"invoice\\u202egnp.exe"');
  });

  it('keeps ordinary letters of any script, emoji and spaces as they are', () => {
    expect(escapeForLog('会议 room-1 ß é 👋')).toBe('"会议 room-1 ß é 👋"');
  });
});
