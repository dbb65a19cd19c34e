import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, MAX_RAW_NAME_UNITS, checkDisplayName, compareCodePoints, isDisplayName, nameKey } from '../../src/shared/display-name.js';

const nameOf = (value: unknown): string | undefined => {
  const check = checkDisplayName(value);
  return check.ok ? check.name : undefined;
};

describe('display names', () => {
  it('accepts plain names of any script with digits, marks and the allowed punctuation', () => {
    for (const name of ['bob', 'Ann Lee', "O'Brien", 'jean-luc', 'r2_d2', 'J. R.', '张伟', 'Łukasz', 'Ελένη', 'محمد', 'नमस्ते', '٣', 'x']) {
      expect(checkDisplayName(name)).toEqual({ ok: true, name, key: nameKey(name) });
    }
  });

  it('trims the ends and collapses every run of white space of any script into one space', () => {
    expect(nameOf('  bob  ')).toBe('bob');
    expect(nameOf('Ann \t\n Lee')).toBe('Ann Lee');
    expect(nameOf('Ann\u00a0Lee')).toBe('Ann Lee');
    expect(nameOf('张\u3000伟')).toBe('张 伟');
    expect(nameOf('\u2028bob\u2029')).toBe('bob');
  });

  it('turns the typographic apostrophe that phones type into a plain one', () => {
    expect(nameOf('O\u2019Brien')).toBe("O'Brien");
  });

  it('normalises to NFC so a decomposed accent is one character', () => {
    expect(nameOf('Jose\u0301')).toBe('José');
    expect(nameOf('e\u0301'.repeat(MAX_NAME_LENGTH))).toBe('é'.repeat(MAX_NAME_LENGTH));
  });

  it('counts characters as code points, so 32 Chinese characters or 32 astral letters fit and 33 do not', () => {
    expect(isDisplayName('字'.repeat(32))).toBe(true);
    expect(isDisplayName('字'.repeat(33))).toBe(false);
    const astral = '\u{20000}'; // a CJK Extension B letter: two UTF-16 units
    expect(isDisplayName(astral.repeat(32))).toBe(true);
    expect(isDisplayName(astral.repeat(33))).toBe(false);
    expect(isDisplayName('a'.repeat(32))).toBe(true);
    expect(isDisplayName('a'.repeat(33))).toBe(false);
  });

  it('measures the length after trimming, so surrounding spaces do not count', () => {
    expect(nameOf(` ${'a'.repeat(32)} `)).toBe('a'.repeat(32));
  });

  it('refuses raw input longer than the raw bound before reading it', () => {
    expect(isDisplayName(' '.repeat(MAX_RAW_NAME_UNITS) + 'bob')).toBe(false);
    expect(isDisplayName(' '.repeat(MAX_RAW_NAME_UNITS - 3) + 'bob')).toBe(true);
  });

  it('refuses what is not a string', () => {
    for (const value of [undefined, null, 42, true, {}, [], ['bob'], () => 'bob', Symbol('bob')]) {
      expect(checkDisplayName(value)).toEqual({ ok: false });
    }
  });

  it('refuses empty names and names of only spaces, punctuation or marks', () => {
    for (const value of ['', ' ', '\t\n', '.', '-_-', "' '", '...', '\u0301', ' \u0301 ']) {
      expect(checkDisplayName(value), JSON.stringify(value)).toEqual({ ok: false });
    }
  });

  it('refuses symbols, emoji, control, format and markup characters', () => {
    for (const value of [
      'bob!',
      'a/b',
      'a\\b',
      '<b>',
      'bob@home',
      'a+b',
      'bob\u0000',
      'bob\u200b',
      'bob\u200d',
      'bob\u202e',
      'bob😀',
      'a"b',
      'a`b',
      '$bob',
      '%',
    ]) {
      expect(checkDisplayName(value), JSON.stringify(value)).toEqual({ ok: false });
    }
  });

  it('keeps the display spelling but compares names without case or width', () => {
    expect(nameKey('Bob')).toBe(nameKey('bOB'));
    expect(nameKey('ＡＮＮ')).toBe(nameKey('ann'));
    expect(nameKey('straße')).toBe(nameKey('STRASSE'));
    expect(nameKey('ΟΔΥΣΣΕΥΣ')).toBe(nameKey('οδυσσευς'));
    expect(nameKey('José')).toBe(nameKey('JOSE\u0301'.normalize('NFC')));
    expect(nameOf('Bob')).toBe('Bob');
  });

  it('folds Turkish dotless ı with i but keeps dotted İ apart, the same in every locale', () => {
    expect(nameKey('ISIK')).toBe(nameKey('ısık'));
    expect(nameKey('İ')).not.toBe(nameKey('I'));
    expect(nameKey('İ')).toBe('i\u0307');
  });

  it('folds capital sharp s with ß and ss, so its key is stable (a counterexample fast-check found)', () => {
    expect(nameKey('ẞ')).toBe('ss');
    expect(nameKey('STRAẞE')).toBe(nameKey('straße'));
    expect(nameKey('STRAẞE')).toBe(nameKey('Strasse'));
    expect(nameKey(nameKey('ẞ'))).toBe(nameKey('ẞ'));
  });

  it('gives a stable key for every single code point', () => {
    for (let cp = 0; cp < 0x110000; cp += 1) {
      if (cp >= 0xd800 && cp < 0xe000) continue;
      const key = nameKey(String.fromCodePoint(cp));
      if (nameKey(key) !== key) expect.fail(`U+${cp.toString(16).toUpperCase()} keys unstably`);
    }
  });

  it('keeps look-alikes of different scripts apart (a documented limit)', () => {
    expect(nameKey('a')).not.toBe(nameKey('\u0430'));
  });

  it('gives a key that is stable: the key of a key is itself', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (raw) => {
        const check = checkDisplayName(raw);
        if (!check.ok) return;
        expect(nameKey(check.key)).toBe(check.key);
        expect(checkDisplayName(check.name)).toEqual(check);
      }),
    );
  });

  it('only ever returns names that are trimmed, single-spaced, NFC and within the length', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (raw) => {
        const check = checkDisplayName(raw);
        if (!check.ok) return;
        expect(check.name).toBe(check.name.trim());
        expect(check.name).not.toMatch(/\s\s|[^\S ]/u);
        expect(check.name.normalize('NFC')).toBe(check.name);
        expect([...check.name].length).toBeGreaterThan(0);
        expect([...check.name].length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
      }),
    );
  });
});

describe('code point order', () => {
  it('sorts by code point, putting astral characters after the rest of the BMP', () => {
    // UTF-16 order would put U+20000 (surrogates D840…) before U+FF21 (full-width A)
    expect(['\u{20000}', '\uff21', 'b', 'a', 'ab'].sort(compareCodePoints)).toEqual(['a', 'ab', 'b', '\uff21', '\u{20000}']);
  });

  it('is a total order that agrees with equality', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        expect(Math.sign(compareCodePoints(a, b)) + Math.sign(compareCodePoints(b, a))).toBe(0);
        expect(compareCodePoints(a, b) === 0).toBe(a === b);
      }),
    );
  });
});
